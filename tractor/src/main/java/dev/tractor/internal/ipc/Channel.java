package dev.tractor.internal.ipc;

import dev.tractor.internal.msg.Msg;
import dev.tractor.internal.msg.MsgCodec;
import dev.tractor.ipc.Address;
import dev.tractor.ipc.FrameTooLarge;
import dev.tractor.ipc.PeerWentSilent;
import dev.tractor.ipc.TransportClosed;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * One connection to a peer actor, carrying {@link Msg}s in frames (see {@link Frames}) over TCP or a
 * Unix-domain socket.
 *
 * <p>{@link #send} is safe from any number of threads at once and frames never interleave: a sender
 * queues its whole frame and the channel's writer thread writes queued frames in order, flushing when the
 * queue is empty, so a burst of sends becomes few system calls. A small frame sent on a quiet channel, to
 * a peer that has shown it reads, is written and flushed by its sender at once instead, which saves a
 * thread hand-off on the latency path (ADR 0010). {@code send} may therefore return before the bytes are
 * on the wire; it waits only when more than {@value Outbox#MAX_QUEUED_BYTES} bytes are queued (the peer
 * is not reading), or while it writes its own small frame, which the kernel can take without waiting. A
 * write that fails breaks the channel: the socket is closed and later sends (or the sender whose frame it
 * was) raise {@link TransportClosed} with the cause.
 *
 * <p>Waiting for room is a checkpoint of {@code dev.tractor.sc} for a task: cancelling a task that waits
 * there raises {@link dev.tractor.sc.Cancelled}, and its frame is not sent. A thread that is not a task
 * waits at most ten seconds, then gets a {@link TransportClosed}. {@link #sendControl} never waits at all:
 * it is for frames that a reader loop sends, which must never stop reading.
 *
 * <p>{@link #receive} is meant for the connection's single reader loop; it is not a checkpoint. The
 * threads that send and receive must never be interrupted, because interrupting a thread blocked on a
 * socket channel closes the channel (ADR 0004); a sender that is interrupted, or inside
 * {@code Sc.interruptible}, leaves its frame to the writer. Stop the reader by closing the channel.
 *
 * <p>Every connection starts with the {@link Handshake}; a channel does not enforce it by itself.
 *
 * <p>Once its {@link ReaderLoop} runs, {@link Heartbeats} watches it: heartbeats go out when it is quiet,
 * {@link #receive} takes in the peer's without returning them, and a peer from which nothing arrives for
 * the silent-peer timeout has the channel closed with {@link PeerWentSilent}, which every later (and every
 * blocked) receive and send then raises.
 */
public final class Channel implements AutoCloseable {
    /** How long {@link #close} waits for queued frames to be written. */
    static final Duration CLOSE_GRACE = Duration.ofSeconds(2);

    private final SocketChannel socket;
    private final String peer;
    private final FrameReader in;
    private final Outbox outbox;
    private final Consumer<Channel> onClose;
    private final AtomicBoolean closed = new AtomicBoolean();
    /** Why the channel was closed, if {@link Heartbeats} closed it because the peer went silent. */
    private volatile PeerWentSilent silence;
    /** The peer's silent-peer timeout, from its handshake or its heartbeats (0: it sends none). */
    private volatile long peerTimeoutMillis;

    private Channel(SocketChannel socket, String peer, int maxFrameBytes, Consumer<Channel> onClose) {
        this.socket = socket;
        this.onClose = onClose;
        this.peer = peer;
        this.in = new FrameReader(socket, peer, maxFrameBytes);
        OutputStream out = new BufferedOutputStream(Channels.newOutputStream(socket), 64 * 1024);
        this.outbox = new Outbox(out, peer, this::closeSocket);
    }

    /** How long a TCP connect may take (a host that does not answer at all would otherwise take minutes). */
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

    /**
     * Connects to {@code address}. Blocks until connected, at most 10 s for TCP (a host that does not
     * answer).
     *
     * @throws TransportClosed if the connection cannot be made
     */
    public static Channel connect(Address address) {
        try {
            SocketChannel socket;
            if (address instanceof Address.Tcp) {
                socket = SocketChannel.open();
                try {
                    socket.socket().connect(address.socketAddress(), (int) CONNECT_TIMEOUT.toMillis());
                } catch (IOException e) {
                    socket.close();
                    throw e;
                }
                socket.socket().setTcpNoDelay(true);
            } else {
                socket = SocketChannel.open(address.socketAddress());
            }
            return new Channel(socket, address.toString(), Frames.maxFrameBytes(), c -> { });
        } catch (IOException e) {
            throw new TransportClosed("cannot connect to " + address + ": " + e.getMessage(), false, e);
        }
    }

    /**
     * Wraps an accepted connection; {@code peer} names it in errors, {@code onClose} runs once when it is
     * closed.
     */
    static Channel accepted(SocketChannel socket, String peer, int maxFrameBytes, Consumer<Channel> onClose) {
        return new Channel(socket, peer, maxFrameBytes, onClose);
    }

    /** Who is at the other end, as given when connecting or accepting. */
    public String peer() {
        return peer;
    }

    /**
     * Sends one message, whole and after every message this thread sent before. Safe from many threads at
     * once. Returns once the frame is queued, or written if the channel was quiet; waits only while the
     * peer is too far behind (see the class comment).
     *
     * <p>In a task, a checkpoint only while it waits for room: cancellation then raises
     * {@link dev.tractor.sc.Cancelled} and the message is not sent; a send that finds room is not a
     * checkpoint (cancellation is seen at the next one). In a thread that is not a task, the wait for room
     * lasts at most ten seconds.
     *
     * @throws TransportClosed if the connection is closed or a write has failed, or a thread that is not a
     *     task waited ten seconds for room (the message was not sent; the connection stays open)
     * @throws FrameTooLarge if the message is larger than {@link Frames#maxFrameBytes()}: checked before
     *     anything is written, so only this message fails and the connection stays open
     */
    public void send(Msg msg) {
        sendFrame(MsgCodec.encode(msg, Frames.maxFrameBytes()));
    }

    /**
     * Queues one frame body (already encoded); see {@link #send}. The channel keeps the array until it is
     * written, so the caller must not change it afterwards.
     *
     * @throws FrameTooLarge if the body is larger than {@link Frames#maxFrameBytes()} (nothing is written)
     */
    public void sendFrame(byte[] body) {
        int max = Frames.maxFrameBytes();
        if (body.length > max) {
            throw MsgCodec.messageTooLarge(body.length, max);
        }
        if (closed.get()) {
            throw closedError();
        }
        outbox.offer(body);
    }

    /**
     * Queues a control message: a message that must go out even when the peer is behind, sent from a
     * thread that must not wait (a reader loop: overrun notices, refusals, cancel requests, heartbeats).
     * It is queued at once, even above the queue's bound, and written by the writer thread, in order with
     * everything queued before it; the caller never writes and never waits. Not a checkpoint. Use it only
     * for a bounded number of small messages: nothing limits what it queues.
     *
     * @throws TransportClosed if the connection is closed or a write has failed
     * @throws FrameTooLarge if the message is larger than {@link Frames#maxFrameBytes()} (nothing is written)
     */
    public void sendControl(Msg msg) {
        byte[] body = MsgCodec.encode(msg, Frames.maxFrameBytes());
        if (closed.get()) {
            throw closedError();
        }
        outbox.offerControl(body);
    }

    /** Why a send on a closed channel fails: the peer went silent, or it was closed. */
    private TransportClosed closedError() {
        PeerWentSilent why = silence;
        return why != null ? why : new TransportClosed("connection to " + peer + " is closed", true, null);
    }

    /**
     * From now on, receives frames of up to {@code bytes}: a server reads a connection's handshake with a small
     * limit ({@link Server#HANDSHAKE_FRAME_BYTES}) and raises it once the peer has proved the secret. Call it
     * from the thread that receives.
     */
    void allowFrames(int bytes) {
        in.allowFrames(bytes);
    }

    /**
     * Receives the next message. A frame that is not a valid message raises
     * {@link dev.tractor.msg.MsgPackException} (or its subclass {@code MalformedMessage}) for that frame
     * only: the connection stays usable and the next call reads the next frame. The peer's heartbeats are
     * taken in here (see {@link Heartbeats}), never returned.
     *
     * @throws TransportClosed when the connection ends (see {@link TransportClosed#clean()}), or
     *     {@link PeerWentSilent} when this side closed it because nothing arrived for too long
     * @throws FrameTooLarge if the peer announces a frame over the limit; the connection cannot go on
     */
    public Msg receive() {
        for (;;) {
            Msg msg = MsgCodec.decode(receiveFrame());
            if (!(msg instanceof Msg.Heartbeat beat)) {
                return msg;
            }
            if (peerTimeoutMillis != beat.timeoutMillis()) {
                peerTimeoutMillis = beat.timeoutMillis();
            }
        }
    }

    /** Receives the next frame body without decoding it; see {@link #receive}. */
    public byte[] receiveFrame() {
        if (closed.get()) {
            // Not clean: clean means the peer ended between two frames. Closed here, a reader gets the same
            // answer whether it was waiting in a read (which the close interrupts) or came after it.
            PeerWentSilent why = silence;
            throw why != null ? why : new TransportClosed("connection to " + peer + " was closed on this side", false,
                    null);
        }
        byte[] frame;
        try {
            frame = in.read();
        } catch (TransportClosed e) {
            PeerWentSilent why = silence;
            throw why != null ? why : e; // the read ended because the watcher closed the socket
        }
        outbox.peerSent(); // it reads, or at least runs: see Outbox on inline writes
        return frame;
    }

    // ---- for Heartbeats ----------------------------------------------------------------------------------

    /** How many reads have brought bytes from the peer so far: it changes while the peer sends. */
    long arrivals() {
        return in.arrivals();
    }

    /** Whether a frame was offered since the last call (the channel was not quiet). */
    boolean takeOffered() {
        return outbox.takeOffered();
    }

    /**
     * The peer's silent-peer timeout in milliseconds, as its handshake or its heartbeats said; 0 if it sends
     * no heartbeats (its timeout is 0, or it is older than heartbeats): it is then never judged.
     */
    long peerTimeoutMillis() {
        return peerTimeoutMillis;
    }

    /** The peer said, in its handshake, that it sends heartbeats with this timeout (0: none). */
    void peerSendsHeartbeats(long timeoutMillis) {
        peerTimeoutMillis = Math.max(0, timeoutMillis);
    }

    /**
     * Queues a heartbeat (an encoded {@link Msg.Heartbeat}, shared: it is never changed) as a control frame:
     * never waits.
     *
     * @throws TransportClosed if the channel is closed or broken
     */
    void sendHeartbeat(byte[] body) {
        if (closed.get()) {
            throw closedError();
        }
        outbox.offerControl(body);
    }

    /**
     * Closes the channel at once because the peer went silent: its blocked and later receives and sends
     * raise {@code why}. Never blocks.
     */
    void closeSilent(PeerWentSilent why) {
        if (!closed.get()) {
            silence = why;
        }
        closeNow();
    }

    /** Whether {@link #close} was called. */
    public boolean isClosed() {
        return closed.get();
    }

    /**
     * Closes the connection after writing what is already queued (waiting at most two seconds for a peer
     * that does not read). A {@link #receive} blocked in another thread then ends with
     * {@link TransportClosed}. A message sent at the same time as {@code close} may or may not go out.
     * Idempotent; blocks the caller (not a checkpoint) while the queue drains; {@link #closeNow} cuts
     * that wait short.
     */
    @Override
    public void close() {
        closeAll(List.of(this), CLOSE_GRACE);
    }

    /**
     * Closes the connection at once: what is still queued is dropped and a frame being written is cut. A
     * {@link #receive} blocked in another thread then ends with {@link TransportClosed}, and so does a
     * {@link #close} waiting in another thread for the queue to drain. For a peer that is gone or does not
     * read. Idempotent; never blocks; not a checkpoint.
     */
    public void closeNow() {
        boolean first = closed.compareAndSet(false, true);
        outbox.beginClose();
        closeSocket(); // ends a write blocked in the kernel, and so a graceful close waiting for it
        if (first) {
            onClose.accept(this);
        }
    }

    /**
     * Closes several connections together: each first writes what it has queued, all within one
     * {@code grace} (a peer that does not read costs that once, not once per connection). Blocks; not a
     * checkpoint.
     */
    static void closeAll(Collection<Channel> channels, Duration grace) {
        long deadline = System.nanoTime() + grace.toNanos();
        List<Channel> closing = new ArrayList<>();
        for (Channel c : channels) {
            if (c.closed.compareAndSet(false, true)) {
                c.outbox.beginClose();
                closing.add(c);
            }
        }
        for (Channel c : closing) {
            try {
                c.outbox.awaitWritten(deadline - System.nanoTime());
                c.closeSocket();
            } finally {
                c.onClose.accept(c);
            }
        }
    }

    private void closeSocket() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing is best effort; the socket is gone either way
        }
    }

    @Override
    public String toString() {
        return "Channel[" + peer + (closed.get() ? ", closed" : "") + "]";
    }
}
