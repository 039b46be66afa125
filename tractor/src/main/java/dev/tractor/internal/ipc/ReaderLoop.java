package dev.tractor.internal.ipc;

import dev.tractor.internal.msg.Msg;
import dev.tractor.ipc.IpcException;
import dev.tractor.ipc.PeerWentSilent;
import dev.tractor.ipc.TransportClosed;
import dev.tractor.msg.MsgPackException;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The single reader of one authenticated connection: receives every message and hands it to a
 * {@link PeerHandler}, until the connection ends. It runs on its own thread, which nothing ever interrupts
 * (interrupting a thread blocked on a socket closes the socket, ADR 0004); closing the channel ends it.
 *
 * <p>A handler that throws a {@code RuntimeException} loses only that message; one that throws an
 * {@link Error} ends the loop: the channel is closed at once and the handler's {@link PeerHandler#ended}
 * still runs (with a {@link TransportClosed} caused by the error), so that nothing waits for the
 * connection for ever; then the error goes on.
 *
 * <p>It logs (logger {@code dev.tractor.ipc}) why a peer went away: a clean close, or an end the handler
 * expected ({@link PeerHandler#expectsEnd}), at DEBUG; anything else at WARNING; and malformed frames and
 * failures of the handler at WARNING, at most one of each per peer every ten seconds, with a count of those
 * held back ({@link RepeatedWarnings}).
 *
 * <p>While it runs, {@link Heartbeats} watches the connection: a peer from which nothing arrives for the
 * silent-peer timeout has it closed, and the loop ends with {@link PeerWentSilent} (logged at WARNING).
 */
public final class ReaderLoop {
    private static final System.Logger LOG = System.getLogger("dev.tractor.ipc");

    private final Peer peer;
    private final PeerHandler handler;
    private final Heartbeats heartbeats;
    private final CountDownLatch ended = new CountDownLatch(1);
    private final RepeatedWarnings malformedFrames;
    private final RepeatedWarnings handlerFailures;
    private boolean endCalled; // only the loop's thread

    private ReaderLoop(Peer peer, PeerHandler handler, Heartbeats heartbeats) {
        this.peer = peer;
        this.heartbeats = heartbeats;
        this.malformedFrames = new RepeatedWarnings(LOG, "malformed frames from " + peer);
        this.handlerFailures = new RepeatedWarnings(LOG, "failures of the handler of " + peer);
        this.handler = handler;
    }

    /** Starts reading {@code peer}'s connection on a new thread. */
    public static ReaderLoop start(Peer peer, PeerHandler handler) {
        ReaderLoop loop = create(peer, handler);
        LoopThreads.start("tractor-reader " + peer, loop::run);
        return loop;
    }

    /** A loop to {@link #run} on a thread of the caller's choosing. */
    static ReaderLoop create(Peer peer, PeerHandler handler) {
        return create(peer, handler, Heartbeats.shared());
    }

    /** A loop whose connection {@code heartbeats} watches (tests give one with a short timeout). */
    static ReaderLoop create(Peer peer, PeerHandler handler, Heartbeats heartbeats) {
        return new ReaderLoop(Objects.requireNonNull(peer, "peer"), Objects.requireNonNull(handler, "handler"),
                Objects.requireNonNull(heartbeats, "heartbeats"));
    }

    /** The connection this loop reads. */
    public Peer peer() {
        return peer;
    }

    /**
     * Waits until the loop has ended (after {@link PeerHandler#ended}). Blocks the calling thread; not a
     * checkpoint.
     *
     * @return whether it ended within {@code timeout}
     */
    public boolean awaitEnd(Duration timeout) throws InterruptedException {
        return ended.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /**
     * Whether the calling thread is a reader loop's. Code that a reader loop runs (a {@link PeerHandler})
     * must not block; the channel's sending side uses this to never write to a socket from such a thread.
     */
    public static boolean onReaderThread() {
        return READING.isBound();
    }

    private static final ScopedValue<Boolean> READING = ScopedValue.newInstance();

    /** Reads until the connection ends; see the class comment. */
    void run() {
        ScopedValue.where(READING, Boolean.TRUE).run(this::read);
    }

    private void read() {
        Heartbeats.Watched watch = heartbeats.watch(peer.channel(), describe(peer));
        try {
            guarded("connected", () -> handler.connected(peer));
            for (;;) {
                Msg msg;
                try {
                    msg = peer.channel().receive();
                } catch (MsgPackException e) {
                    malformedFrames.warn("dropped a malformed frame from " + peer + ": " + e.getMessage(), null);
                    guarded("malformed", () -> handler.malformed(peer, e));
                    continue;
                } catch (IpcException e) {
                    end(e);
                    return;
                }
                guarded("received", () -> handler.received(peer, msg));
            }
        } catch (Error e) {
            // The loop cannot go on, but the handler must still learn that the connection ended: calls
            // waiting for a reply on it would otherwise wait for ever.
            LOG.log(Level.ERROR, "the reader of " + peer + " died; connection closed", e);
            if (!endCalled) {
                peer.channel().closeNow(); // a reader that died does not wait for a peer that does not read
                TransportClosed why = new TransportClosed("the reader of " + peer + " died: " + e, false, e);
                guarded("ended", () -> handler.ended(peer, why));
            }
            throw e;
        } finally {
            heartbeats.unwatch(watch);
            malformedFrames.flush();
            handlerFailures.flush();
            ended.countDown();
        }
    }

    private void end(IpcException why) {
        endCalled = true;
        boolean closedHere = peer.channel().isClosed();
        peer.channel().close();
        if (why instanceof PeerWentSilent) {
            LOG.log(Level.WARNING, "dropped {0}", why.getMessage()); // the message names the peer
        } else if (closedHere) {
            LOG.log(Level.DEBUG, "closed the connection to {0}", peer);
        } else if (why instanceof TransportClosed closed && closed.clean()) {
            LOG.log(Level.DEBUG, "{0} closed the connection", peer);
        } else if (handler.expectsEnd(peer)) {
            LOG.log(Level.DEBUG, "{0} went, as expected: {1}", peer, why.getMessage());
        } else {
            LOG.log(Level.WARNING, "dropped {0}: {1}", peer, why.getMessage());
        }
        guarded("ended", () -> handler.ended(peer, why));
    }

    /** Names the peer for the silent-peer error: its actor name, uuid and pid, and the connection's address. */
    private static String describe(Peer peer) {
        Msg.Aid aid = peer.aid();
        String where = peer.channel().peer();
        // A peer that connected to our Unix socket has no address of its own: name the socket it came in on
        String at = where.startsWith(Server.UNNAMED_PEER) ? ", connected to our socket "
                + where.substring(Server.UNNAMED_PEER.length()) + "," : " at " + where;
        return "actor '" + aid.name() + "' (uuid " + aid.uuid() + (aid.pid() > 0 ? ", pid " + aid.pid() : "")
                + ")" + at;
    }

    private void guarded(String what, Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            handlerFailures.warn("the handler of " + peer + " failed in " + what + "; reading on", e);
        }
    }
}
