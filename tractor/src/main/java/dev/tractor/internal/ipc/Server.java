package dev.tractor.internal.ipc;

import dev.tractor.internal.msg.Msg;
import dev.tractor.ipc.Address;
import dev.tractor.ipc.AuthenticationFailed;
import dev.tractor.ipc.Secret;
import dev.tractor.ipc.TransportClosed;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * A listening socket on TCP or a Unix-domain socket.
 *
 * <p>{@link #serve} is the way an actor uses it: an accept loop that gives every connection its own thread
 * for the {@link Handshake} and then its {@link ReaderLoop}. A peer that fails the handshake, stalls or
 * sends anything else first is dropped with a logged reason (logger {@code dev.tractor.ipc}, WARNING; at most one
 * line per kind every {@link RepeatedWarnings#WINDOW}, the rest counted)
 * while the server goes on serving everyone else. {@link #accept} is the bare socket operation underneath,
 * for tests and tools.
 *
 * <p>{@link #close} stops listening, closes every connection that {@code serve} accepted, and deletes a
 * Unix-domain socket file.
 */
public final class Server implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger("dev.tractor.ipc");

    private final ServerSocketChannel socket;
    private final Address address;
    private final int maxFrameBytes;
    private final Set<Channel> connections = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean serving = new AtomicBoolean();
    private volatile boolean closed;
    /** Whether a Python tractor actor has connected here yet: only the first one is worth a warning. */
    private final AtomicBoolean pythonSeen = new AtomicBoolean();
    /** Connections in their handshake now: at most {@link #MAX_HANDSHAKES}. */
    private final java.util.concurrent.atomic.AtomicInteger handshaking = new java.util.concurrent.atomic.AtomicInteger();
    private final RepeatedWarnings overCap = new RepeatedWarnings(LOG, "connections closed past the handshake cap");
    /*
     * Peers dropped before they proved the secret: one warning per window for each kind of drop. Every such
     * connection is a new peer, so a flood of them (300 hostile headers, a scanner) would otherwise write a
     * line each, a log flood that anyone who can connect could cause.
     */
    private final Map<String, RepeatedWarnings> drops = new ConcurrentHashMap<>();
    /** Kinds of drop told apart, more are counted as one ("other"): a peer must not grow the map. */
    private static final int DROP_KINDS = 16;

    private Server(ServerSocketChannel socket, Address address, int maxFrameBytes) {
        this.socket = socket;
        this.address = address;
        this.maxFrameBytes = maxFrameBytes;
    }

    /**
     * Binds {@code address}: a TCP port (0 for an ephemeral one; bind loopback unless you mean otherwise)
     * or a Unix-domain socket path. A socket file left there by a server that is gone is replaced; a live
     * one, or a file that is not a socket, is not touched. The directories of a socket path that do not
     * exist are created with mode 0700 (owner only); existing ones are left as they are.
     *
     * @throws TransportClosed if it cannot bind, saying why (a port in use, a live socket, ...)
     */
    public static Server bind(Address address) {
        return bind(address, Frames.maxFrameBytes());
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
            // if/else, not a pattern switch: see ADR 0015 (a child's start-up path avoids SwitchBootstraps)
            if (address instanceof Address.Tcp tcp) {
                ServerSocketChannel s = ServerSocketChannel.open(StandardProtocolFamily.INET);
                s.bind(tcp.socketAddress());
                int port = ((InetSocketAddress) s.getLocalAddress()).getPort();
                return new Server(s, new Address.Tcp(tcp.host(), port), maxFrameBytes);
            }
            Address.Uds uds = (Address.Uds) address;
            // A directory that is not there yet is made, for this user only (like the default one).
            if (uds.path().getParent() != null) {
                Address.Uds.createDirectories(uds.path().getParent());
            }
            if (Files.exists(uds.path())) {
                removeStaleSocket(uds);
            }
            ServerSocketChannel s = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            s.bind(uds.socketAddress());
            return new Server(s, uds, maxFrameBytes);
        } catch (IOException e) {
            throw new TransportClosed("cannot listen on " + address + ": " + e.getMessage(), false, e);
        }
    }

    /**
     * Deletes the socket file at {@code uds} if no process listens there any more (its server died without
     * removing it); a live one is never taken over.
     *
     * @throws TransportClosed if a process accepts connections there
     */
    private static void removeStaleSocket(Address.Uds uds) throws IOException {
        if (!StaleSockets.isSocket(uds.path())) {
            throw new TransportClosed("cannot listen on " + uds + ": the file exists and is not a socket", false, null);
        }
        if (StaleSockets.accepts(uds.path())) {
            throw new TransportClosed("cannot listen on " + uds + ": another process listens there", false, null);
        }
        Files.deleteIfExists(uds.path());
    }

    /** The bound address (with the real port when bound to port 0). */
    public Address address() {
        return address;
    }

    /**
     * Waits for the next connection and hands it to the caller, who closes it. Blocks the caller; not a
     * checkpoint. Never interrupt a thread blocked here; close the server instead.
     *
     * @throws TransportClosed if the server is closed (also while waiting)
     */
    public Channel accept() {
        return accept(c -> { }, maxFrameBytes);
    }

    /**
     * Accepts the next connection, which receives frames of up to {@code frameBytes} for now; {@code onClose}
     * runs once when that channel is closed.
     */
    /** How an accepted peer without an address of its own (a Unix socket's) is named: this, then our address. */
    static final String UNNAMED_PEER = "a peer on ";

    private Channel accept(Consumer<Channel> onClose, int frameBytes) {
        try {
            SocketChannel s = socket.accept();
            if (address instanceof Address.Tcp) {
                s.socket().setTcpNoDelay(true);
            }
            String peer = address instanceof Address.Tcp ? String.valueOf(s.getRemoteAddress()) : UNNAMED_PEER + address;
            return Channel.accepted(s, peer, frameBytes, onClose);
        } catch (IOException e) {
            throw new TransportClosed("accepting on " + address + " failed: " + e.getMessage(), !socket.isOpen(), e);
        }
    }

    /**
     * Serves authenticated peers: starts the accept loop and returns. Each connection runs the accepting
     * side of the {@link Handshake} (at most {@link Handshake#DEFAULT_TIMEOUT}) on its own thread, which
     * then becomes the connection's {@link ReaderLoop} feeding {@code handler}.
     *
     * @param self this side's identity, sent to every peer that proves the secret
     * @throws IllegalStateException if this server already serves or is closed
     */
    public void serve(Secret secret, Msg.Aid self, PeerHandler handler) {
        serve(secret, self, handler, Handshake.DEFAULT_TIMEOUT);
    }

    /** Like {@link #serve(Secret, Msg.Aid, PeerHandler)} with the given handshake time limit. */
    public void serve(Secret secret, Msg.Aid self, PeerHandler handler, Duration handshakeTimeout) {
        Objects.requireNonNull(secret, "secret");
        Objects.requireNonNull(self, "self");
        Objects.requireNonNull(handler, "handler");
        Objects.requireNonNull(handshakeTimeout, "handshakeTimeout");
        if (closed || !serving.compareAndSet(false, true)) {
            throw new IllegalStateException(this + " already serves or is closed");
        }
        LoopThreads.start("tractor-accept " + address, () -> acceptLoop(secret, self, handler, handshakeTimeout));
    }

    /**
     * Logs a warning of the accept loop, which must survive its own logging: out of descriptors, a logger may
     * fail too (opening the time-zone data for its first time stamp did).
     */
    private void warn(String pattern, String detail) {
        try {
            LOG.log(Level.WARNING, pattern, address, detail);
        } catch (RuntimeException | Error loggingFailed) {
            // nothing better to do: the loop goes on
        }
    }

    /** Logs a peer dropped in its handshake, rate-limited per {@code kind} (see {@link #drops}). */
    private void dropped(String kind, String line) {
        String k = drops.size() < DROP_KINDS || drops.containsKey(kind) ? kind : "other";
        drops.computeIfAbsent(k, x -> new RepeatedWarnings(LOG, "peers dropped in their handshake (" + x + ")"))
                .warn(line, null);
    }

    /**
     * The largest frame a peer may send before it has proved the secret: a handshake's messages are far
     * smaller, and an unauthenticated peer must not make the server allocate more.
     */
    public static final int HANDSHAKE_FRAME_BYTES = 4 * 1024;

    /**
     * How many connections a server lets do their handshake at once, 64 unless the system property
     * {@code tractor.ipc.maxHandshakes} says otherwise; past that a new one is closed at once (connections
     * that have proved the secret do not count).
     */
    public static final int MAX_HANDSHAKES = Integer.getInteger("tractor.ipc.maxHandshakes", 64);

    /** The longest pause of an accept loop that cannot accept (no descriptors left, say) before it tries again. */
    static final Duration ACCEPT_BACKOFF_MAX = Duration.ofSeconds(1);

    private void acceptLoop(Secret secret, Msg.Aid self, PeerHandler handler, Duration handshakeTimeout) {
        long backoffMillis = 0; // > 0 while accepting fails: one warning per episode
        for (;;) {
            Channel channel;
            try {
                // Before it has proved the secret, a peer may send only what a handshake needs; raised below
                channel = accept(connections::remove, Math.min(maxFrameBytes, HANDSHAKE_FRAME_BYTES));
            } catch (RuntimeException | Error e) { // TransportClosed, or what else a shortage throws
                if (closed || !socket.isOpen()) {
                    return;
                }
                // Too many open files, or another failure of this one accept: the server is open, so callers
                // must still get in once it passes. Back off and try again.
                if (backoffMillis == 0) {
                    warn("cannot accept on {0} ({1}); trying again until it can", e.getMessage());
                }
                backoffMillis = Math.min(Math.max(10, backoffMillis * 2), ACCEPT_BACKOFF_MAX.toMillis());
                try {
                    Thread.sleep(backoffMillis);
                } catch (InterruptedException stop) {
                    return;
                }
                continue;
            }
            if (backoffMillis > 0) {
                warn("accepting on {0} again", "");
                backoffMillis = 0;
            }
            connections.add(channel);
            if (closed) { // close() may have run between accept and add
                channel.close();
                return;
            }
            if (handshaking.incrementAndGet() > MAX_HANDSHAKES) {
                handshaking.decrementAndGet();
                channel.close();
                overCap.warn("closed " + channel.peer() + " on " + address + " at once: " + MAX_HANDSHAKES
                        + " connections are in their handshake already", null);
                continue;
            }
            try {
                LoopThreads.start("tractor-peer " + channel.peer(), () -> {
                    Msg.Aid aid;
                    try {
                        aid = accepted(channel, secret, self, handshakeTimeout);
                    } catch (PythonTractorPeer python) {
                        // Python tractor looks for its registrar on 1616 too, and probes often: say it once
                        boolean first = pythonSeen.compareAndSet(false, true);
                        LOG.log(first ? Level.WARNING : Level.DEBUG, "dropped {0} on {1}: a Python tractor actor {2} "
                                + "connected, which cannot join this Java tree{3}", channel.peer(), address,
                                python.describe(), first ? " (further Python peers on this address are logged at DEBUG)"
                                        : "");
                        return;
                    } catch (AuthenticationFailed e) {
                        dropped(e.getMessage().replace(channel.peer(), "a peer"),
                                "dropped a connection to " + address + ": " + e.getMessage());
                        return;
                    } catch (RuntimeException | Error e) { // a frame too large, bytes that are no message, no
                        try {                            // descriptor left for what the handshake needs: hang up
                            dropped(e.getClass().getSimpleName(), "dropped a connection to " + address + ": "
                                    + channel.peer() + " broke the handshake (" + e.getClass().getSimpleName() + ": "
                                    + e.getMessage() + ")");
                        } finally { // after the line: a peer that sees the hang-up finds it logged (or counted)
                            channel.close();
                        }
                        return;
                    }
                    channel.allowFrames(maxFrameBytes); // it proved the secret
                    ReaderLoop.create(new Peer(channel, aid), handler).run();
                });
            } catch (RuntimeException | Error noThread) { // a thread could not be made: this peer cannot be served
                handshaking.decrementAndGet();
                channel.close();
            }
        }
    }

    /** The accepting side of the handshake, counted as one of the handshakes in progress while it runs. */
    private Msg.Aid accepted(Channel channel, Secret secret, Msg.Aid self, Duration handshakeTimeout) {
        try {
            return Handshake.accept(channel, secret, self, handshakeTimeout);
        } finally {
            handshaking.decrementAndGet();
        }
    }

    /**
     * Stops listening, closes every connection that {@link #serve} accepted and that is still open (each
     * first writes what it has queued, see {@link Channel#close}, all of them within one grace of two
     * seconds together) and, for a Unix-domain socket, deletes its file. Idempotent. Blocks; not a
     * checkpoint.
     */
    @Override
    public void close() {
        closed = true;
        overCap.flush();
        drops.values().forEach(RepeatedWarnings::flush);
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
        // All at once, within one grace: closing them one after another would cost the grace once for
        // every peer that does not read (ten of them took 20 s).
        Channel.closeAll(List.copyOf(connections), Channel.CLOSE_GRACE);
    }

    @Override
    public String toString() {
        return "Server[" + address + "]";
    }
}
