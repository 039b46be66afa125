/**
 * The wire messages of tractor and their msgpack encoding.
 *
 * <p>{@link dev.tractor.internal.msg.Msg} is the sealed set of messages actors exchange, one record per Python
 * tractor message type ({@code Aid}, {@code SpawnSpec}, {@code Start}, {@code StartAck}, {@code Started},
 * {@code Yield}, {@code Stop}, {@code Return}, {@code CancelAck}, {@code Error}).
 * {@link dev.tractor.internal.msg.MsgCodec} turns them into frame bodies and back, in Python tractor's layout: a
 * msgpack map tagged with {@code msg_type}, snake_case keys. Payloads stay msgpack bytes
 * ({@link dev.tractor.internal.msg.Payload}) until the receiver binds them.
 *
 * <pre>{@code
 * byte[] body = MsgCodec.encode(new Msg.Yield("cid-1", Payload.of(42)));
 * Msg msg = MsgCodec.decode(body);          // Msg.Yield[cid=cid-1, pld=Payload42]
 * }</pre>
 *
 * <p>Frames are untrusted input. The package-private {@code MsgPackReader} checks every declared length
 * against the bytes that are really there before it allocates, never recurses on the input's nesting, and
 * rejects invalid UTF-8 and out-of-range integers; whatever is wrong raises
 * {@link dev.tractor.msg.MsgPackException} or, for msgpack that is not a message,
 * {@link dev.tractor.msg.MalformedMessage}, and nothing else. The format is written down in
 * {@code docs/guide/wire-format.md}; ADR 0009 says why the codec is our own.
 *
 * <p>{@link dev.tractor.internal.msg.Payload#of(Object)} and {@link dev.tractor.internal.msg.Payload#as(Class)} bind
 * Java values (primitives, strings, {@code byte[]}, enums, records, collections, maps, {@code Optional},
 * {@code UUID}, {@code Instant}, {@code Duration}) by declared, possibly generic, type; a payload that
 * does not fit raises {@link dev.tractor.msg.PayloadMismatch} naming the path and both types. Java
 * serialization is never used.
 *
 * <p>Sizes are checked where a message is made: {@code Payload.of(value, maxBytes)} and
 * {@code MsgCodec.encode(msg, maxBytes)} raise {@link dev.tractor.ipc.FrameTooLarge} with the real size of
 * what is over the limit. The package-private {@code MsgPackWriter} counts, in a {@code long}, what it
 * would write past its limit instead of keeping it, so a value of gigabytes is measured without being
 * copied.
 */
package dev.tractor.internal.msg;
