package dev.tractor.sc;

/**
 * One task waiting in a queue of a synchronization object (channel, event, limiter) for a value or a
 * failure. The owner object completes or fails it under its own monitor and then wakes the task.
 *
 * <p>{@link #await} is the cancellable wait every such primitive shares: it spins for a while (see
 * {@link SpinPolicy}), then parks; it returns the value once the waiter is completed, raises the failure
 * once it is failed, and on cancellation abandons the waiter under the owner's monitor. The monitor
 * decides races: a waiter that was completed before it could be abandoned keeps its value (nothing is
 * lost) and the cancellation is delivered at the next checkpoint instead.
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
    /** Set once the waiting task stops spinning and is about to park: only then must completers wake it. */
    private volatile boolean parking;

    Waiter(Task task, Object handle, T value) {
        this.task = task;
        this.handle = handle;
        this.value = value;
    }

    /**
     * Wakes the waiting task if it may be parked; called by a completer after releasing the owner's lock.
     * A task still spinning sees the new state by itself, and saving the wake-up saves a write to another
     * core's cache line on every hand-off.
     */
    void wake() {
        if (parking) {
            task.wake();
        }
    }

    /** Caller holds the owner's lock; {@link #wake()} the task after releasing it. */
    void complete(T v) {
        value = v;
        state = DONE;
    }

    /** Caller holds the owner's lock; {@link #wake()} the task after releasing it. */
    void fail(RuntimeException e) {
        failure = e;
        state = FAILED;
    }

    /**
     * Waits, in the owning task, until completed or failed; a checkpoint. It spins for a while first, as
     * {@code spin} advises, then parks. {@code abandon} removes the waiter from the owner's queue; it runs
     * under {@code monitor} when the task is cancelled first.
     */
    T await(Object monitor, Runnable abandon, SpinPolicy spin) {
        int budget = spin.budget();
        int spins = budget;
        boolean parked = false;
        for (;;) {
            int s = state;
            if (s == DONE || s == FAILED) {
                if (budget > 0 && !parked) {
                    spin.endedWhileSpinning();
                }
                if (s == FAILED) {
                    throw failure;
                }
                return value;
            }
            if (task.cancelRequested()) {
                synchronized (monitor) {
                    if (state == WAITING) {
                        state = ABANDONED;
                        abandon.run();
                        throw task.cancelled();
                    }
                }
                continue; // completed or failed meanwhile: that outcome wins
            }
            if (spins > 0) {
                // Spin on the state alone; the loop above looks at cancellation every 32 rounds.
                for (int i = Math.min(spins, 32); i > 0 && state == WAITING; i--) {
                    Thread.onSpinWait();
                }
                spins = Math.max(0, spins - 32);
                continue;
            }
            if (!parking) {
                parking = true; // then re-check: a completer that missed this flag has set the state
                continue;
            }
            if (!parked) {
                parked = true;
                if (budget > 0) {
                    spin.spunInVain();
                }
            }
            task.block();
        }
    }
}
