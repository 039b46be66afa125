package dev.tractor.ipc;

import dev.tractor.sc.Sc;
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
 * <p>Why inline writes as well: handing a lone frame to the writer costs a thread wake-up on the latency
 * path, twice per request and reply. So a sender writes and flushes its frame itself when nothing is
 * queued, nobody is writing, the frame has at most {@link #INLINE_MAX_BYTES}, and the channel was quiet
 * (no frame offered, nor an inline write ended, for {@link #QUIET_NANOS}) at most {@link #INLINE_STREAK}
 * frames ago. A streaming sender offers its frames closer together than that and, after its first two,
 * goes through the queue; the writer and an inline sender never write at the same time (ADR 0010).
 */
final class Outbox {
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
    private volatile TransportClosed failure;
    private final CountDownLatch writerEnded = new CountDownLatch(1);
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
        this.out = out;
        this.peer = peer;
        this.onBroken = onBroken;
        this.writer = LoopThreads.start("tractor-writer " + peer, this::writeLoop);
    }

    /**
     * Queues one frame body, or writes it at once if the channel is quiet (see the class comment); the
     * caller must not change it afterwards. Waits while too many bytes are queued.
     *
     * @throws TransportClosed if the outbox is closing or a write has failed (this frame's own, when it
     *     was written inline)
     */
    void offer(byte[] body) {
        boolean wake = false;
        boolean inline = false;
        synchronized (lock) {
            checkOpen();
            while (queuedBytes > MAX_QUEUED_BYTES) {
                awaitRoom();
                checkOpen();
            }
            long now = System.nanoTime();
            if (now - lastOfferNanos > QUIET_NANOS) {
                inlineStreak = 0;
            }
            inline = !writerWriting && !inlineWriting && pending.isEmpty() && body.length <= INLINE_MAX_BYTES
                    && inlineStreak < INLINE_STREAK && mayTouchTheSocket();
            lastOfferNanos = now;
            if (inline) {
                inlineStreak++;
                inlineWriting = true;
            } else {
                pending.add(body);
                queuedBytes += body.length + 4L;
                if (!inlineWriting) { // else the inline sender hands over to the writer when it is done
                    wake = writerAsleep;
                    writerAsleep = false;
                }
            }
        }
        if (inline) {
            writeInline(body);
        } else if (wake) {
            LockSupport.unpark(writer);
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
        synchronized (lock) {
            closing = true;
            writerAsleep = false;
            lock.notifyAll(); // senders waiting for room give up
        }
        LockSupport.unpark(writer);
        if (Thread.currentThread() == writer) {
            return false;
        }
        try {
            return writerEnded.await(grace.toNanos(), TimeUnit.NANOSECONDS) && failure == null;
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

    /** Called with the lock held. */
    private void awaitRoom() {
        try {
            lock.wait();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransportClosed("sending to " + peer + " was interrupted while waiting for the peer to "
                    + "read", false, e);
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
        batch.clear();
        synchronized (lock) {
            spare = batch;
            boolean wasFull = queuedBytes > MAX_QUEUED_BYTES;
            queuedBytes -= written;
            if (wasFull) {
                lock.notifyAll();
            }
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
