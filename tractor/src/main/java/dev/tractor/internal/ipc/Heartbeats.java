package dev.tractor.internal.ipc;

import dev.tractor.internal.msg.Msg;
import dev.tractor.internal.msg.MsgCodec;
import dev.tractor.ipc.PeerWentSilent;
import dev.tractor.ipc.TransportClosed;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Tells a quiet connection from a silent one (ADR 0022): one watcher thread per JVM visits every
 * authenticated connection once a tick, a fifth of the silent-peer timeout (3 s by default). On a
 * connection where nothing was offered since its last visit it queues a {@link Msg.Heartbeat} (a control
 * frame, so it never waits); on one where nothing has arrived for the timeout it closes the connection with
 * {@link PeerWentSilent}, which the connection's {@link ReaderLoop} then reports like any other end.
 *
 * <p>Implementation overview. The cost on a busy connection is two flags, not a timer: the reader counts
 * the reads that brought bytes ({@link Channel#arrivals}, a release store per read, not per frame), and the
 * outbox notes under its lock that a frame was offered ({@link Channel#takeOffered}). Any frame counts as
 * life, so a connection that carries calls or streams never sees a heartbeat. The answer comes from the
 * I/O threads only (this watcher and the channel's writer), never from the actor's tasks, so an actor
 * whose tasks are all blocked, or stopped in the debugger (which suspends only the thread that stops), is
 * not silent; a process stopped as a whole (SIGSTOP, a host that is gone, a partition) is.
 *
 * <p>The bounds, with a tick {@code I = T/5} for the timeout {@code T}: a live side sends at least every
 * {@code 2I} (a heartbeat itself counts as offered, so a quiet connection carries one every other tick);
 * the watcher adds up the ticks in which nothing arrived and declares the peer silent once they reach
 * {@code T}, so a silent peer is declared between {@code T} and {@code T + I} after its last frame (18 s
 * by default at most, plus scheduling delays), and a live one only if its frames are late by more than
 * {@code T - 2I} (a pause of 9 s by default). A tick that comes late by more than a whole tick (this JVM
 * was paused: a long GC, a suspended VM, a starved scheduler) counts for nothing: the reader was most likely
 * paused too, and has not read what arrived meanwhile. Heartbeats carry the sender's timeout, and a
 * connection waits for the longer of the two sides' timeouts, since the peer's heartbeats come only as often
 * as its own timeout needs.
 *
 * <p>A connection is judged only if the peer sends heartbeats: each side's {@link Handshake} proof carries
 * its timeout, so both know it from the start (a heartbeat carries it too). A peer that sends none (one
 * with heartbeats off, or of a version before them, whose proof has no timeout) is never declared silent,
 * since its quiet means nothing.
 *
 * <p>The thread runs only while there is a connection to watch, and sleeps between ticks.
 */
public final class Heartbeats {
    /**
     * The system property that sets the silent-peer timeout: an ISO-8601 duration ({@code PT15S}) or a
     * number of seconds ({@code 15}, {@code 2.5}); {@code 0} turns heartbeats and silence detection off.
     */
    public static final String PROPERTY = "tractor.ipc.silentPeerTimeout";

    /** The silent-peer timeout when the property is not set. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(15);

    /** How many ticks of the watcher make one timeout. */
    static final int TICKS_PER_TIMEOUT = 5;

    private static final System.Logger LOG = System.getLogger("dev.tractor.ipc");

    private static final class Shared {
        static final Heartbeats INSTANCE = new Heartbeats(timeoutFromProperty(System.getProperty(PROPERTY)));
    }

    private final Duration timeout;
    private final long timeoutNanos;
    private final long tickNanos;
    private final byte[] heartbeat;
    private final Set<Watched> watched = ConcurrentHashMap.newKeySet();
    private boolean running; // guarded by this

    /** A watcher for connections with the given silent-peer timeout (zero: none, nothing is watched). */
    Heartbeats(Duration timeout) {
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("the silent-peer timeout must not be negative: " + timeout);
        }
        this.timeout = timeout;
        this.timeoutNanos = timeout.toNanos();
        this.tickNanos = timeoutNanos / TICKS_PER_TIMEOUT;
        this.heartbeat = MsgCodec.encode(new Msg.Heartbeat(timeout.toMillis()));
    }

    /** The watcher of this JVM, with the timeout of {@value #PROPERTY}. */
    public static Heartbeats shared() {
        return Shared.INSTANCE;
    }

    /** The silent-peer timeout (zero when off). */
    public Duration timeout() {
        return timeout;
    }

    /**
     * The timeout a property value sets (see {@link #PROPERTY}); the default when it is absent, and the
     * default with a warning when it cannot be read.
     */
    static Duration timeoutFromProperty(String value) {
        if (value == null || value.isBlank()) {
            return DEFAULT_TIMEOUT;
        }
        String v = value.strip();
        try {
            Duration d = v.toUpperCase(Locale.ROOT).startsWith("P") ? Duration.parse(v)
                    : Duration.ofNanos(Math.round(Double.parseDouble(v) * 1e9));
            if (!d.isNegative()) {
                return d;
            }
        } catch (DateTimeParseException | NumberFormatException | ArithmeticException e) {
            // said below
        }
        LOG.log(Level.WARNING, "{0}={1} is neither a duration (PT15S) nor a number of seconds; using {2}", PROPERTY,
                value, DEFAULT_TIMEOUT);
        return DEFAULT_TIMEOUT;
    }

    /** One watched connection; only the watcher thread touches its counters. */
    static final class Watched {
        private final Channel channel;
        private final String peer;
        private long lastArrivals = -1;
        private long silentNanos;

        private Watched(Channel channel, String peer) {
            this.channel = channel;
            this.peer = peer;
        }
    }

    /**
     * Watches {@code channel} until {@link #unwatch}; {@code peer} names it in the error. Does nothing
     * (returns null) when the timeout is zero. Never blocks.
     */
    Watched watch(Channel channel, String peer) {
        if (timeoutNanos == 0) {
            return null;
        }
        Watched w = new Watched(channel, peer);
        watched.add(w);
        synchronized (this) {
            if (!running) {
                running = true;
                LoopThreads.start("tractor-heartbeats", this::loop);
            }
        }
        return w;
    }

    /** Stops watching; null is ignored. */
    void unwatch(Watched w) {
        if (w != null) {
            watched.remove(w);
        }
    }

    private void loop() {
        long last = System.nanoTime();
        for (;;) {
            try {
                Thread.sleep(Duration.ofNanos(tickNanos));
            } catch (InterruptedException e) {
                synchronized (this) {
                    running = false;
                }
                return; // nothing interrupts it; if something did, the next watch starts a new one
            }
            long now = System.nanoTime();
            long elapsed = now - last;
            last = now;
            boolean late = elapsed > 2 * tickNanos;
            for (Watched w : watched) {
                visit(w, elapsed, late);
            }
            synchronized (this) {
                if (watched.isEmpty()) {
                    running = false;
                    return;
                }
            }
        }
    }

    private void visit(Watched w, long elapsed, boolean late) {
        Channel channel = w.channel;
        if (channel.isClosed()) {
            watched.remove(w);
            return;
        }
        if (!channel.takeOffered() && !sendHeartbeat(w)) {
            return;
        }
        long arrivals = channel.arrivals();
        if (arrivals != w.lastArrivals) {
            w.lastArrivals = arrivals;
            w.silentNanos = 0;
            return;
        }
        long peerTimeoutMillis = channel.peerTimeoutMillis();
        if (late || peerTimeoutMillis <= 0) {
            // Late: this thread was paused, and what it saw of the peer says nothing (see the class comment).
            // A peer that sends no heartbeats: its silence means nothing.
            return;
        }
        w.silentNanos += elapsed;
        long limit = Math.max(timeoutNanos, TimeUnit.MILLISECONDS.toNanos(peerTimeoutMillis));
        if (w.silentNanos >= limit) {
            watched.remove(w);
            Duration silence = Duration.ofNanos(w.silentNanos);
            channel.closeSilent(new PeerWentSilent(w.peer + " went silent: nothing arrived from it for "
                    + seconds(silence) + " (the silent-peer timeout is " + seconds(Duration.ofNanos(limit)) + ", "
                    + PROPERTY + "); the connection was closed", silence));
        }
    }

    /** Queues a heartbeat on {@code w}'s connection; false (and it is no longer watched) if that is closed. */
    private boolean sendHeartbeat(Watched w) {
        try {
            w.channel.sendHeartbeat(heartbeat);
            return true;
        } catch (TransportClosed closed) {
            watched.remove(w);
            return false;
        }
    }

    private static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%.1f s", d.toNanos() / 1e9);
    }
}
