/**
 * What the user meets of the wire's messages: actor ids and the errors of bytes or payloads that do not
 * fit.
 *
 * <ul>
 * <li>{@link dev.tractor.msg.Uid}: an actor's name and UUID, as {@code Portal.uid()},
 *     {@code RemoteActorError.source()} and the relay path give them.</li>
 * <li>{@link dev.tractor.msg.PayloadMismatch}: a value that does not bind to the declared type, naming the
 *     path and both types (a typed context or stream fails with it, and its peer gets it as a
 *     {@code RemoteActorError}).</li>
 * <li>{@link dev.tractor.msg.MsgPackException} and {@link dev.tractor.msg.MalformedMessage}: bytes that are
 *     not msgpack, or msgpack that is not a message.</li>
 * </ul>
 * The messages and their codec are the runtime's insides, in the package {@code dev.tractor.internal.msg};
 * the format is written down in {@code docs/guide/wire-format.md}.
 */
package dev.tractor.msg;
