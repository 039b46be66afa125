package dev.tractor.ipc;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
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

    private final ConcurrentLinkedQueue<byte[]> frames = new ConcurrentLinkedQueue<>();
    private final AtomicLong queuedBytes = new AtomicLong();
    private final AtomicInteger sendersWaiting = new AtomicInteger();
    private final AtomicBoolean writerAsleep = new AtomicBoolean();
    private final CountDownLatch writerEnded = new CountDownLatch(1);
    private final Object room = new Object();
    private final OutputStream out;
    private final String peer;
    private final Runnable onBroken;
    private final Thread writer;
    private volatile boolean closing;
    private volatile TransportClosed failure;

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
        checkOpen();
        if (queuedBytes.get() > MAX_QUEUED_BYTES) {
            awaitRoom();
        }
        queuedBytes.addAndGet(body.length + 4L);
        frames.offer(body);
        if (writerAsleep.get() && writerAsleep.compareAndSet(true, false)) {
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
        closing = true;
        if (writerAsleep.compareAndSet(true, false)) {
            LockSupport.unpark(writer);
        }
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

    private void checkOpen() {
        TransportClosed broken = failure;
        if (broken != null) {
            throw new TransportClosed(broken.getMessage(), false, broken);
        }
        if (closing) {
            throw new TransportClosed("connection to " + peer + " is closed", true, null);
        }
    }

    private void awaitRoom() {
        sendersWaiting.incrementAndGet();
        try {
            synchronized (room) {
                while (queuedBytes.get() > MAX_QUEUED_BYTES && failure == null && !closing) {
                    try {
                        room.wait();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new TransportClosed("sending to " + peer + " was interrupted while waiting for "
                                + "the peer to read", false, e);
                    }
                }
            }
        } finally {
            sendersWaiting.decrementAndGet();
        }
        checkOpen();
    }

    private void writeLoop() {
        try {
            for (;;) {
                byte[] body = frames.poll();
                if (body != null) {
                    Frames.write(out, body);
                    long left = queuedBytes.addAndGet(-(body.length + 4L));
                    if (left <= MAX_QUEUED_BYTES && sendersWaiting.get() > 0) {
                        wakeSenders();
                    }
                    continue;
                }
                out.flush();
                if (closing && frames.isEmpty()) {
                    return;
                }
                sleepUntilWoken();
            }
        } catch (IOException e) {
            failure = new TransportClosed("sending to " + peer + " failed: " + e.getMessage(), false, e);
            frames.clear();
            onBroken.run();
        } finally {
            writerEnded.countDown();
            wakeSenders();
        }
    }

    /** Parks until a sender (or close) wakes the writer; rechecks after announcing sleep, so no wake is lost. */
    private void sleepUntilWoken() {
        writerAsleep.set(true);
        if (!frames.isEmpty() || closing) {
            writerAsleep.set(false);
            return;
        }
        while (writerAsleep.get()) {
            LockSupport.park(this);
        }
    }

    private void wakeSenders() {
        synchronized (room) {
            room.notifyAll();
        }
    }
}
