/**
 * Where actors listen and what their connections can end with: the user-facing part of the wire.
 *
 * <ul>
 * <li>{@link dev.tractor.ipc.Address}: {@code tcp://host:port} and {@code uds:///path} addresses with a
 *     string form that round-trips, for {@code ActorOptions.withBindAddresses},
 *     {@code withRegistryAddresses} and {@code Tractor.connect}.</li>
 * <li>{@link dev.tractor.ipc.Secret}: the secret every connection of a tree proves it holds
 *     ({@code ActorOptions.withSecret}).</li>
 * <li>The errors a connection ends with, found as causes of the runtime's errors:
 *     {@link dev.tractor.ipc.IpcException}, {@link dev.tractor.ipc.TransportClosed} (clean or not, and
 *     why), its subclass {@link dev.tractor.ipc.PeerWentSilent} (nothing arrived from the peer for the
 *     silent-peer timeout, {@code -Dtractor.ipc.silentPeerTimeout}) and
 *     {@link dev.tractor.ipc.AuthenticationFailed}.</li>
 * <li>{@link dev.tractor.ipc.FrameTooLarge}: a message larger than the limit on one message (64 MiB, or
 *     the property {@code tractor.ipc.maxFrameBytes}). From a send it fails that call or send alone and
 *     the connection stays usable; from a peer it ends the connection.</li>
 * </ul>
 * The connections themselves (framing, channels, the accept loop, the handshake) are the runtime's insides,
 * in the package {@code dev.tractor.internal.ipc}; {@code docs/guide/wire-format.md} describes them.
 */
package dev.tractor.ipc;
