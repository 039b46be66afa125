/**
 * The wire messages of tractor and their msgpack encoding.
 *
 * <p>Work in progress (issue 3): so far this package holds the msgpack codec the messages will be built on,
 * a strict reader and a shortest-form writer of msgpack values ({@code MsgPackReader},
 * {@code MsgPackWriter}, package-private) and {@link dev.tractor.msg.MsgPackException}, the one error
 * that malformed input raises. Frames are untrusted input: the reader checks every declared length against
 * the bytes that are really there before allocating, never recurses on the input's nesting, and rejects
 * invalid UTF-8 and out-of-range integers. The message records, payload binding and the wire-format
 * guide come next.
 */
package dev.tractor.msg;
