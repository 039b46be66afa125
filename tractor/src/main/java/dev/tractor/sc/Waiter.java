package dev.tractor.sc;

import java.util.concurrent.locks.ReentrantLock;

/**
 * One task waiting in a queue of a synchronization object (channel, event, limiter) for a value or a
 * failure. The owner object completes or fails it under its own lock and then wakes the task.
 *
 * <p>{@link #await} is the cancellable wait every such primitive shares: it returns the value once the
 * waiter is completed, raises the failure once it is failed, and on cancellation abandons the waiter under
 * the owner's lock. The lock decides races: a waiter that was completed before it could be abandoned keeps
 * its value (nothing is lost) and the cancellation is delivered at the next checkpoint instead.
 */
final class Waiter<T> {
    private static final int WAITING = 0;
    private static final int DONE = 1;
    private static final int FAILED = 2;
    private static final int ABANDONED = 3;

    final Task task;
    /**
     * What the task waits as: for channels the handle it waits through (so closing that handle can fail
     * it), for a {@link CapacityLimiter} the borrower.
     */
    final Object handle;
    /** The value carried to or from the waiter. */
    T value;
    private RuntimeException failure;
    private volatile int state = WAITING;

    Waiter(Task task, Object handle, T value) {
        this.task = task;
        this.handle = handle;
        this.value = value;
    }

    /** Caller holds the owner's lock; wake {@link #task} after releasing it. */
    void complete(T v) {
        value = v;
        state = DONE;
    }

    /** Caller holds the owner's lock; wake {@link #task} after releasing it. */
    void fail(RuntimeException e) {
        failure = e;
        state = FAILED;
    }

    /**
     * Waits, in the owning task, until completed or failed; a checkpoint. {@code abandon} removes the waiter
     * from the owner's queue; it runs under {@code lock} when the task is cancelled first.
     */
    T await(ReentrantLock lock, Runnable abandon) {
        for (;;) {
            int s = state;
            if (s == DONE) {
                return value;
            }
            if (s == FAILED) {
                throw failure;
            }
            if (task.cancelRequested()) {
                lock.lock();
                try {
                    if (state == WAITING) {
                        state = ABANDONED;
                        abandon.run();
                        throw task.cancelled();
                    }
                } finally {
                    lock.unlock();
                }
                continue; // completed or failed meanwhile: that outcome wins
            }
            task.block();
        }
    }
}
