/**
 * Connections between actors: the framing, the channels, the accept loop and the handshake. Addresses, the
 * secret and the errors a connection ends with are API, in {@link dev.tractor.ipc}.
 *
 * <ul>
 * <li>{@link dev.tractor.ipc.Address}: {@code tcp://host:port} and {@code uds:///path} addresses with a
 *     string form that round-trips; Unix-domain sockets live in an owner-only (0700) directory.</li>
 * <li>{@link dev.tractor.internal.ipc.Frames}: the framing of the wire (a 4-byte little-endian length, then one
 *     msgpack message), with a size limit checked before allocating.</li>
 * <li>{@link dev.tractor.internal.ipc.Channel}: a connection that sends whole frames from any number of threads
 *     (queued, and written by one writer thread that flushes when the queue is empty) and receives them
 *     in one reader, over TCP or a Unix-domain socket; a malformed frame fails only itself.</li>
 * <li>{@link dev.tractor.internal.ipc.Server}: a listening socket whose {@code serve} accept loop runs the
 *     handshake on every connection, drops bad peers with a logged reason, and gives each authenticated
 *     {@link dev.tractor.internal.ipc.Peer} a {@link dev.tractor.internal.ipc.ReaderLoop} feeding a
 *     {@link dev.tractor.internal.ipc.PeerHandler}.</li>
 * <li>{@link dev.tractor.internal.ipc.Handshake} with {@link dev.tractor.ipc.Secret}: HMAC-SHA256
 *     challenge-response proving both sides hold the tree's secret, then the identity exchange; a wrong
 *     secret, a skipped handshake or a slow peer ends in {@link dev.tractor.ipc.AuthenticationFailed}.</li>
 * <li>{@link dev.tractor.internal.ipc.Heartbeats}: one watcher thread per JVM that sends a heartbeat on
 *     quiet connections and closes one whose peer went silent (ADR 0022).</li>
 * <li>The errors a connection ends with: {@link dev.tractor.ipc.TransportClosed} (clean or not, and
 *     why) and {@link dev.tractor.ipc.FrameTooLarge}.</li>
 * </ul>
 * Log lines go to the {@code System.Logger} named {@code dev.tractor.ipc}.
 *
 * <p>Threads blocked in {@code Channel.receive} or {@code Server.accept} must never be interrupted:
 * interrupting a thread blocked on a socket channel closes the channel. Close the channel instead.
 */
package dev.tractor.internal.ipc;
