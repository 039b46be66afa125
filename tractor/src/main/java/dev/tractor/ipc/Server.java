package dev.tractor.ipc;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;

/**
 * A listening socket that accepts {@link Channel}s, on TCP or a Unix-domain socket. A Unix-domain socket
 * file is deleted when the server closes.
 *
 * <p>Work in progress (issue 3): accepting in a loop on virtual threads, the handshake and the per-peer
 * reader loops come with the rest of the issue; this is the socket part.
 */
public final class Server implements AutoCloseable {
    private final ServerSocketChannel socket;
    private final Address address;
    private final int maxFrameBytes;

    private Server(ServerSocketChannel socket, Address address, int maxFrameBytes) {
        this.socket = socket;
        this.address = address;
        this.maxFrameBytes = maxFrameBytes;
    }

    /**
     * Binds {@code address}: a TCP port (0 for an ephemeral one; bind loopback unless you mean otherwise)
     * or a Unix-domain socket path (a stale file there is replaced).
     *
     * @throws TransportClosed if it cannot bind
     */
    public static Server bind(Address address) {
        return bind(address, Frames.DEFAULT_MAX_FRAME_BYTES);
    }

    /**
     * Like {@link #bind(Address)}, with the largest frame its connections accept.
     *
     * @throws IllegalArgumentException if {@code maxFrameBytes} is not positive
     */
    public static Server bind(Address address, int maxFrameBytes) {
        if (maxFrameBytes <= 0) {
            throw new IllegalArgumentException("maxFrameBytes must be positive, was " + maxFrameBytes);
        }
        try {
            return switch (address) {
                case Address.Tcp tcp -> {
                    ServerSocketChannel s = ServerSocketChannel.open(StandardProtocolFamily.INET);
                    s.bind(tcp.socketAddress());
                    int port = ((InetSocketAddress) s.getLocalAddress()).getPort();
                    yield new Server(s, new Address.Tcp(tcp.host(), port), maxFrameBytes);
                }
                case Address.Uds uds -> {
                    Files.deleteIfExists(uds.path());
                    ServerSocketChannel s = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
                    s.bind(uds.socketAddress());
                    yield new Server(s, uds, maxFrameBytes);
                }
            };
        } catch (IOException e) {
            throw new TransportClosed("cannot listen on " + address + ": " + e.getMessage(), false, e);
        }
    }

    /** The bound address (with the real port when bound to port 0). */
    public Address address() {
        return address;
    }

    /**
     * Waits for the next connection.
     *
     * @throws TransportClosed if the server is closed (also while waiting)
     */
    public Channel accept() {
        try {
            SocketChannel s = socket.accept();
            if (address instanceof Address.Tcp) {
                s.socket().setTcpNoDelay(true);
            }
            String peer = address instanceof Address.Tcp ? String.valueOf(s.getRemoteAddress()) : "a peer on " + address;
            return Channel.accepted(s, peer, maxFrameBytes);
        } catch (IOException e) {
            throw new TransportClosed("accepting on " + address + " failed: " + e.getMessage(), !socket.isOpen(), e);
        }
    }

    /** Stops listening and, for a Unix-domain socket, deletes its file. Idempotent. */
    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // best effort
        }
        if (address instanceof Address.Uds uds) {
            try {
                Files.deleteIfExists(uds.path());
            } catch (IOException ignored) {
                // best effort: the directory is the user's own
            }
        }
    }

    @Override
    public String toString() {
        return "Server[" + address + "]";
    }
}
