package dev.tractor.sc;

/**
 * A mutual-exclusion lock owned by a task, not a thread (trio's {@code Lock}): acquiring is a checkpoint,
 * it is not reentrant, only the owner may release it, and waiters get it first come, first served.
 *
 * <pre>{@code
 * lock.acquire();
 * try { ... } finally { lock.release(); }
 * }</pre>
 */
public final class TaskLock {
    private final CapacityLimiter limiter = new CapacityLimiter(1);

    /** Creates an unlocked lock. */
    public TaskLock() {
    }

    /**
     * Waits until the lock is free and takes it. A checkpoint: cancellation while waiting raises
     * {@link Cancelled} and leaves the lock alone.
     *
     * @throws IllegalStateException if the calling task already holds it (the lock is not reentrant)
     */
    public void acquire() {
        Task task = Task.current("TaskLock.acquire");
        if (limiter.holds(task)) {
            throw new IllegalStateException(task + " already holds this lock; TaskLock is not reentrant");
        }
        limiter.acquire();
    }

    /**
     * Takes the lock if it is free. Not a checkpoint; never blocks.
     *
     * @return whether the lock was taken
     * @throws IllegalStateException if the calling task already holds it
     */
    public boolean tryAcquire() {
        Task task = Task.current("TaskLock.tryAcquire");
        if (limiter.holds(task)) {
            throw new IllegalStateException(task + " already holds this lock; TaskLock is not reentrant");
        }
        return limiter.tryAcquire();
    }

    /**
     * Releases the lock, handing it to the longest waiter. Not a checkpoint.
     *
     * @throws IllegalStateException if the calling task does not hold it
     */
    public void release() {
        Task task = Task.current("TaskLock.release");
        if (!limiter.holds(task)) {
            throw new IllegalStateException(task + " cannot release this lock: it does not hold it");
        }
        limiter.release();
    }

    /** Whether some task holds the lock. Not a checkpoint. */
    public boolean locked() {
        return limiter.borrowedTokens() > 0;
    }

    @Override
    public String toString() {
        return locked() ? "TaskLock[locked]" : "TaskLock[unlocked]";
    }
}
