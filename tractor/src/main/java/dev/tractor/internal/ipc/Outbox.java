package dev.tractor.internal.ipc;

import dev.tractor.ipc.TransportClosed;
import dev.tractor.sc.Sc;
import dev.tractor.sc.Signal;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The outbound side of a {@link Channel}: senders queue whole frames and one writer thread writes them in
 * order, flushing only when the queue is empty; a small frame sent on a quiet channel is written by its
 * sender at once.
 *
 * <p>Why a writer thread: a sender that flushes its own frame pays one system call per message, which caps
 * a streaming sender at a few hundred thousand messages a second. With a writer that flushes only when it
 * has drained the queue, frames that arrive while a flush is under way share the next one, so a busy
 * channel makes few, large writes. A queue bounded in bytes makes senders wait when the peer does not keep
 * up, instead of buffering without limit.
 *
 * <p>Waiting for room: a task of {@code dev.tractor.sc} waits through a {@link Signal}, so the wait is a
 * checkpoint and a cancelled sender leaves without having queued its frame; any other thread waits on the
 * monitor for at most {@link #threadRoomWaitNanos} and then gives up with {@link TransportClosed}. Control
 * frames ({@link #offerControl}) never wait: they are queued over the bound, because the thread that sends
 * them (a reader loop) must keep reading, or two peers that both stopped reading to send would never
 * drain each other.
 *
 * <p>Why inline writes as well: handing a lone frame to the writer costs a thread wake-up on the latency
 * path, twice per request and reply. So a sender writes and flushes its frame itself when nothing is
 * queued, nobody is writing, the frame has at most {@link #INLINE_MAX_BYTES}, the channel was quiet (no
 * frame offered, nor an inline write ended, for {@link #QUIET_NANOS}) at most {@link #INLINE_STREAK}
 * frames ago, and the peer has shown that it reads (below). A streaming sender offers its frames closer
 * together than that and, after its first two, goes through the queue; the writer and an inline sender
 * never write at the same time (ADR 0010).
 *
 * <p>Why inline writes need the peer to have shown that it reads: a socket write blocks in the kernel
 * when the socket's buffers are full, and nothing but closing the socket ends that wait (an interrupt
 * closes it too, ADR 0004), so a task stuck there could not be cancelled. The writer thread may block
 * there; a sender must not. The kernel holds at least {@link #INLINE_BUDGET} bytes per connection (a
 * Unix-domain socket about 200 KiB of send buffer, each write costing some overhead; TCP on loopback its
 * send buffer plus the peer's receive window), so writes of at most that much in all, since the peer last
 * read, cannot block. A frame from the peer is the evidence that it reads: on a request/reply channel the
 * reply is only sent after the peer read the request (and everything before it), and a peer that stops
 * reading (stopped by a signal or a debugger, or one that never reads) does not send either. So the bytes
 * written to the socket since the last frame arrived from the peer, by the writer or inline, are counted
 * ({@link #writtenCost} minus {@link #costWhenPeerLastSent}, each write also costing
 * {@link #WRITE_OVERHEAD} for the kernel's bookkeeping), and a sender writes inline only while its frame
 * fits into the budget that is left; otherwise it queues. On a quiet request/reply channel every frame
 * still goes inline (a request and its two-frame answer cost a few KiB of the budget, and each answer
 * renews it). What the rule does not cover: a peer that keeps sending while its reader lags a whole socket
 * buffer behind, and is stopped at that very moment; a tractor actor's reader never waits (its sends go
 * through {@link #offerControl}), so it lags that far only when it cannot keep up with a stream, which
 * the writer then carries.
 */
public final class Outbox {
    /** Queued bytes above which senders wait for the writer. */
    static final long MAX_QUEUED_BYTES = 4L * 1024 * 1024;

    /** How long no frame must have been offered before a sender may write its own. */
    static final long QUIET_NANOS = 20_000;

    /**
     * How many frames in a row may be written inline before the channel is quiet again: two, so that a
     * reply that follows its acknowledgement (a {@code StartAck}, then the {@code Return}) goes out at once
     * too, while a streaming sender pays at most two system calls of its own per burst.
     */
    static final int INLINE_STREAK = 2;

    /** The largest frame body that a sender writes itself. */
    static final int INLINE_MAX_BYTES = 16 * 1024;

    /**
     * How much may be written to the socket since the peer last sent a frame for a sender to still write
     * inline (see the class comment): two of the largest inline frames, with room to spare below the
     * smallest buffering a connection has.
     */
    static final long INLINE_BUDGET = 40 * 1024;

    /** What each write to the socket costs on top of its bytes, for {@link #INLINE_BUDGET}. */
    static final long WRITE_OVERHEAD = 1024;

    /** How long a thread that is not a task waits for room before it gives up, by default. */
    static final long THREAD_ROOM_WAIT_NANOS = TimeUnit.SECONDS.toNanos(10);

    // Senders append to `pending` under the lock; the writer swaps it for the empty `spare` list and writes
    // the whole batch without the lock, so the two sides meet once per batch rather than once per frame.
    private final Object lock = new Object();
    private ArrayList<byte[]> pending = new ArrayList<>();
    private ArrayList<byte[]> spare = new ArrayList<>();
    private long queuedBytes; // pending and being written; guarded by lock
    private volatile boolean writerAsleep;
    private boolean closing; // guarded by lock
    // Who may touch `out`: the writer between taking a batch and its flush, or one inline sender. Guarded by lock.
    private boolean writerWriting;
    private boolean inlineWriting;
    private long lastOfferNanos; // guarded by lock
    private int inlineStreak; // inline writes since the channel was last quiet; guarded by lock
    /** Whether a frame was offered since {@link #takeOffered} last looked (see {@link Heartbeats}); guarded by lock. */
    private boolean offeredSinceLook;
    private volatile TransportClosed failure;
    private final CountDownLatch writerEnded = new CountDownLatch(1);
    /** Wakes the tasks that wait for room (or for the outbox to close or break). */
    private final Signal roomOrEnd = new Signal();
    /**
     * Bytes (plus {@link #WRITE_OVERHEAD} per write) that writes to the socket have handed to the kernel,
     * counted once each write returned. Written under the lock; read by the reader thread without it.
     */
    private volatile long writtenCost;
    /** {@link #writtenCost} when the peer last sent a frame; written by the reader thread only. */
    private volatile long costWhenPeerLastSent;
    /** What the writer's batches since its last flush cost; guarded by lock. */
    private long unflushedCost;
    private final long threadRoomWaitNanos;
    private final OutputStream out;
    private final String peer;
    private final Runnable onBroken;
    private final Thread writer;

    /**
     * Starts the writer thread.
     *
     * @param onBroken runs (on the writer thread) when a write fails, to close the connection
     */
    Outbox(OutputStream out, String peer, Runnable onBroken) {
        this(out, peer, onBroken, THREAD_ROOM_WAIT_NANOS);
    }

    /** Like {@link #Outbox(OutputStream, String, Runnable)}; threads that are not tasks wait as long as given. */
    Outbox(OutputStream out, String peer, Runnable onBroken, long threadRoomWaitNanos) {
        this.out = out;
        this.peer = peer;
        this.onBroken = onBroken;
        this.threadRoomWaitNanos = threadRoomWaitNanos;
        this.writer = LoopThreads.start("tractor-writer " + peer, this::writeLoop);
    }

    /**
     * Queues one frame body, or writes it at once if the channel is quiet (see the class comment); the
     * caller must not change it afterwards. Waits while too many bytes are queued: in a task, a checkpoint
     * while it waits (cancellation raises {@link dev.tractor.sc.Cancelled} and the frame is not queued);
     * in another thread, at most {@link #threadRoomWaitNanos}.
     *
     * @throws TransportClosed if the outbox is closing or a write has failed (this frame's own, when it
     *     was written inline), or a thread that is not a task waited too long for room (the frame is not
     *     queued and the channel stays open)
     */
    void offer(byte[] body) {
        for (;;) {
            boolean full;
            boolean inline = false;
            boolean wake = false;
            synchronized (lock) {
                checkOpen();
                full = queuedBytes > MAX_QUEUED_BYTES;
                if (full && !Sc.inTask()) {
                    awaitRoomAsThread();
                    continue;
                }
                if (!full) {
                    long now = System.nanoTime();
                    if (now - lastOfferNanos > QUIET_NANOS) {
                        inlineStreak = 0;
                    }
                    inline = !writerWriting && !inlineWriting && pending.isEmpty() && body.length <= INLINE_MAX_BYTES
                            && inlineStreak < INLINE_STREAK && peerHasRoomFor(body) && mayTouchTheSocket();
                    lastOfferNanos = now;
                    offeredSinceLook = true;
                    if (inline) {
                        inlineStreak++;
                        inlineWriting = true;
                    } else {
                        wake = enqueue(body);
                    }
                }
            }
            if (full) {
                roomOrEnd.await(this::hasRoomOrEnded); // a checkpoint: a cancelled sender has queued nothing
            } else if (inline) {
                writeInline(body);
                return;
            } else {
                if (wake) {
                    LockSupport.unpark(writer);
                }
                return;
            }
        }
    }

    /**
     * Queues a control frame: at once, even above the bound, never written by the caller, never waiting.
     * For frames a reader loop sends (overrun notices, refusals, cancel requests, heartbeats).
     *
     * @throws TransportClosed if the outbox is closing or a write has failed
     */
    void offerControl(byte[] body) {
        boolean wake;
        synchronized (lock) {
            checkOpen();
            lastOfferNanos = System.nanoTime();
            wake = enqueue(body);
        }
        if (wake) {
            LockSupport.unpark(writer);
        }
    }

    /**
     * Whether a frame was offered since the last call: the {@link Heartbeats} watcher sends a heartbeat only
     * on a channel that has been quiet, so a busy channel pays nothing for it. Never waits for long.
     */
    boolean takeOffered() {
        synchronized (lock) {
            boolean offered = offeredSinceLook;
            offeredSinceLook = false;
            return offered;
        }
    }

    /** Appends a frame; returns whether the writer must be unparked. Called with the lock held. */
    private boolean enqueue(byte[] body) {
        offeredSinceLook = true;
        pending.add(body);
        queuedBytes += body.length + 4L;
        if (inlineWriting) {
            return false; // the inline sender hands over to the writer when it is done
        }
        boolean wake = writerAsleep;
        writerAsleep = false;
        return wake;
    }

    private boolean hasRoomOrEnded() {
        synchronized (lock) {
            return queuedBytes <= MAX_QUEUED_BYTES || closing || failure != null;
        }
    }

    /** Waits on the monitor, bounded, for a thread that is not a task. Called with the lock held. */
    private void awaitRoomAsThread() {
        long deadline = System.nanoTime() + threadRoomWaitNanos;
        while (queuedBytes > MAX_QUEUED_BYTES && !closing && failure == null) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new TransportClosed(peer + " did not read for " + TimeUnit.NANOSECONDS.toMillis(
                        threadRoomWaitNanos) + " ms while " + queuedBytes + " bytes were queued for it; the frame was "
                        + "not sent (the connection stays open)", false, null);
            }
            try {
                TimeUnit.NANOSECONDS.timedWait(lock, left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new TransportClosed("sending to " + peer + " was interrupted while waiting for the peer to "
                        + "read", false, e);
            }
        }
    }

    /**
     * Whether an inline write of {@code body} stays within what the kernel holds since the peer last sent
     * (see the class comment), so that it cannot block. Called with the lock held.
     */
    private boolean peerHasRoomFor(byte[] body) {
        return writtenCost - costWhenPeerLastSent + body.length + 4 + WRITE_OVERHEAD <= INLINE_BUDGET;
    }

    /**
     * The peer sent a frame: evidence that it reads (see the class comment). Called by the channel's
     * reader for every frame, so it writes only when something was written since the last one.
     */
    void peerSent() {
        long written = writtenCost;
        if (costWhenPeerLastSent != written) {
            costWhenPeerLastSent = written;
        }
    }

    /**
     * Whether this thread may write to the socket: an interrupt closes a socket channel that its thread is
     * blocked on, so a thread that is interrupted, or that the runtime may interrupt, queues its frame; so
     * does a reader loop, which must never wait for a peer that does not read.
     */
    private static boolean mayTouchTheSocket() {
        return !Thread.currentThread().isInterrupted() && !Sc.inInterruptible() && !ReaderLoop.onReaderThread();
    }

    private void writeInline(byte[] body) {
        IOException failed = null;
        try {
            Frames.write(out, body);
            out.flush();
        } catch (IOException e) {
            failed = e;
            failure = new TransportClosed("sending to " + peer + " failed: " + e.getMessage(), false, e);
        }
        boolean wake;
        synchronized (lock) {
            writtenCost += body.length + 4 + WRITE_OVERHEAD;
            inlineWriting = false;
            lastOfferNanos = System.nanoTime(); // quiet is measured from the end of a write: a sender
            // that offers again as soon as its write returns is streaming, and goes through the queue
            wake = writerAsleep && (!pending.isEmpty() || closing || failed != null);
            if (wake) {
                writerAsleep = false;
            }
        }
        if (wake) {
            LockSupport.unpark(writer);
        }
        if (failed != null) {
            roomOrEnd.signalAll();
            onBroken.run();
            throw failure;
        }
    }

    /**
     * Stops taking frames and lets the writer write what is queued, waiting at most {@code grace} for it.
     * Idempotent.
     *
     * @return whether everything queued was written and flushed in time
     */
    boolean close(Duration grace) {
        beginClose();
        return awaitWritten(grace.toNanos());
    }

    /** Stops taking frames; the writer writes what is queued and ends. Idempotent; never blocks. */
    void beginClose() {
        synchronized (lock) {
            closing = true;
            writerAsleep = false;
            lock.notifyAll(); // senders waiting for room give up
        }
        roomOrEnd.signalAll();
        LockSupport.unpark(writer);
    }

    /**
     * Waits at most {@code nanos} for the writer to end after {@link #beginClose}. Blocks; not a checkpoint.
     *
     * @return whether everything queued was written and flushed in time
     */
    boolean awaitWritten(long nanos) {
        if (Thread.currentThread() == writer) {
            return false;
        }
        try {
            return writerEnded.await(Math.max(0, nanos), TimeUnit.NANOSECONDS) && failure == null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Called with the lock held. */
    private void checkOpen() {
        TransportClosed broken = failure;
        if (broken != null) {
            throw new TransportClosed(broken.getMessage(), false, broken);
        }
        if (closing) {
            throw new TransportClosed("connection to " + peer + " is closed", true, null);
        }
    }

    private void writeLoop() {
        try {
            for (;;) {
                ArrayList<byte[]> batch = takeBatch();
                if (batch != null) {
                    for (byte[] body : batch) {
                        Frames.write(out, body);
                    }
                    finishBatch(batch);
                    continue;
                }
                if (flushAndRelease() && sleepUntilWoken()) {
                    return;
                }
            }
        } catch (IOException e) {
            failure = new TransportClosed("sending to " + peer + " failed: " + e.getMessage(), false, e);
            onBroken.run();
        } finally {
            synchronized (lock) {
                pending.clear();
                lock.notifyAll();
            }
            roomOrEnd.signalAll();
            writerEnded.countDown();
        }
    }

    /**
     * Flushes what the writer wrote (now the bytes go out, with everything queued meanwhile) and gives up
     * the stream, unless frames were queued during the flush.
     *
     * @return whether the writer is done for now
     */
    private boolean flushAndRelease() throws IOException {
        boolean wrote;
        synchronized (lock) {
            wrote = writerWriting;
        }
        if (wrote) {
            out.flush();
        }
        synchronized (lock) {
            writtenCost += unflushedCost; // only now is all of it in the kernel
            unflushedCost = 0;
            if (!pending.isEmpty() && !inlineWriting) {
                return false; // keep the stream: the next batch is there
            }
            writerWriting = false;
            return true;
        }
    }

    /** The queued frames, or null if there are none or an inline sender holds the stream. */
    private ArrayList<byte[]> takeBatch() {
        synchronized (lock) {
            if (pending.isEmpty() || inlineWriting) {
                return null;
            }
            writerWriting = true;
            ArrayList<byte[]> batch = pending;
            pending = spare;
            spare = null;
            return batch;
        }
    }

    private void finishBatch(ArrayList<byte[]> batch) {
        long written = 0;
        for (byte[] body : batch) {
            written += body.length + 4L;
        }
        int writes = 1 + (int) (written / (64 * 1024)); // the channel's buffered stream writes 64 KiB at a time
        batch.clear();
        boolean wasFull;
        synchronized (lock) {
            spare = batch;
            unflushedCost += written + writes * WRITE_OVERHEAD;
            wasFull = queuedBytes > MAX_QUEUED_BYTES;
            queuedBytes -= written;
            if (wasFull) {
                lock.notifyAll();
            }
        }
        if (wasFull) {
            roomOrEnd.signalAll();
        }
    }

    /**
     * Parks until a sender or close wakes the writer, unless frames arrived meanwhile.
     *
     * @return whether the writer is done: the outbox is closing and everything is written, or it is broken
     */
    private boolean sleepUntilWoken() {
        synchronized (lock) {
            if (failure != null) {
                return true; // an inline write failed; the channel is broken
            }
            if (inlineWriting) {
                // the inline sender wakes the writer when it is done, if there is work or closing to do
            } else if (!pending.isEmpty()) {
                return false;
            } else if (closing) {
                return true;
            }
            writerAsleep = true;
        }
        while (writerAsleep) {
            LockSupport.park(this);
        }
        return false;
    }
}
