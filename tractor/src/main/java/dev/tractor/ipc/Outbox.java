package dev.tractor.ipc;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The outbound side of a {@link Channel}: senders queue whole frames and one writer thread writes them in
 * order, flushing only when the queue is empty.
 *
 * <p>Why a writer thread: a sender that flushes its own frame pays one system call per message, which caps
 * a streaming sender at a few hundred thousand messages a second. With a writer that flushes only when it
 * has drained the queue, frames that arrive while a flush is under way share the next one, so a busy
 * channel makes few, large writes while a quiet one still sends each frame at once. A queue bounded in
 * bytes makes senders wait when the peer does not keep up, instead of buffering without limit.
 */
final class Outbox {
    /** Queued bytes above which senders wait for the writer. */
    static final long MAX_QUEUED_BYTES = 4L * 1024 * 1024;

    // Senders append to `pending` under the lock; the writer swaps it for the empty `spare` list and writes
    // the whole batch without the lock, so the two sides meet once per batch rather than once per frame.
    private final Object lock = new Object();
    private ArrayList<byte[]> pending = new ArrayList<>();
    private ArrayList<byte[]> spare = new ArrayList<>();
    private long queuedBytes; // pending and being written; guarded by lock
    private volatile boolean writerAsleep;
    private boolean closing; // guarded by lock
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
     * Queues one frame body; the caller must not change it afterwards. Waits while too many bytes are
     * queued.
     *
     * @throws TransportClosed if the outbox is closing or a write has failed
     */
    void offer(byte[] body) {
        boolean wake;
        synchronized (lock) {
            checkOpen();
            while (queuedBytes > MAX_QUEUED_BYTES) {
                awaitRoom();
                checkOpen();
            }
            pending.add(body);
            queuedBytes += body.length + 4L;
            wake = writerAsleep;
            writerAsleep = false;
        }
        if (wake) {
            LockSupport.unpark(writer);
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
                out.flush(); // the queue is empty: now the bytes go out, and everything queued meanwhile
                if (sleepUntilWoken()) {
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

    /** The queued frames, or null if there are none. */
    private ArrayList<byte[]> takeBatch() {
        synchronized (lock) {
            if (pending.isEmpty()) {
                return null;
            }
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
     * @return whether the outbox is closing and everything is written
     */
    private boolean sleepUntilWoken() {
        synchronized (lock) {
            if (!pending.isEmpty()) {
                return false;
            }
            if (closing) {
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
