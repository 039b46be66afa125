package dev.tractor.sc;

import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Objects;
import java.util.Set;

/**
 * Limits how many tasks do something at once, like trio's {@code CapacityLimiter}: a semaphore whose
 * tokens are held by a <em>borrower</em> (by default the calling task) that may hold at most one, so a
 * token can only be released by whoever holds it.
 *
 * <pre>{@code
 * CapacityLimiter downloads = new CapacityLimiter(4);
 * downloads.acquire();
 * try { download(url); } finally { downloads.release(); }
 * }</pre>
 *
 * <p>Waiting borrowers are served first come, first served. The total may be changed at any time;
 * raising it lets waiters in at once, lowering it takes effect as tokens come back.
 */
public final class CapacityLimiter {
    private final Set<Object> borrowers = new HashSet<>();
    private final ArrayDeque<Waiter<Object>> waiters = new ArrayDeque<>();
    private int totalTokens;

    /**
     * Creates a limiter with {@code totalTokens} tokens.
     *
     * @throws IllegalArgumentException if {@code totalTokens} is less than 1
     */
    public CapacityLimiter(int totalTokens) {
        checkTotal(totalTokens);
        this.totalTokens = totalTokens;
    }

    private static void checkTotal(int totalTokens) {
        if (totalTokens < 1) {
            throw new IllegalArgumentException("a CapacityLimiter needs at least 1 token, got " + totalTokens);
        }
    }

    /**
     * Takes a token for the calling task, waiting until one is free. A checkpoint: cancellation while
     * waiting raises {@link Cancelled} and takes no token.
     *
     * @throws IllegalStateException if the calling task already holds a token of this limiter
     */
    public void acquire() {
        acquireOnBehalfOf(Task.current("CapacityLimiter.acquire"));
    }

    /**
     * Takes a token for {@code borrower} (any object that identifies who holds it, such as a connection),
     * waiting until one is free. A checkpoint, like {@link #acquire()}.
     *
     * @throws IllegalStateException if {@code borrower} already holds a token or waits for one
     */
    public void acquireOnBehalfOf(Object borrower) {
        Objects.requireNonNull(borrower, "borrower");
        Task task = Task.current("CapacityLimiter.acquireOnBehalfOf");
        task.checkpoint();
        Waiter<Object> self;
        synchronized (this) {
            if (tryTake(borrower)) {
                return;
            }
            self = new Waiter<>(task, borrower, null);
            waiters.add(self);
        }
        self.await(this, () -> waiters.remove(self), SpinPolicy.NEVER);
    }

    /**
     * Takes a token for the calling task if one is free. Not a checkpoint; never blocks.
     *
     * @return whether a token was taken
     * @throws IllegalStateException if the calling task already holds a token of this limiter
     */
    public boolean tryAcquire() {
        return tryAcquireOnBehalfOf(Task.current("CapacityLimiter.tryAcquire"));
    }

    /**
     * Takes a token for {@code borrower} if one is free. Not a checkpoint; never blocks; callable from any
     * thread.
     *
     * @return whether a token was taken
     * @throws IllegalStateException if {@code borrower} already holds a token or waits for one
     */
    public boolean tryAcquireOnBehalfOf(Object borrower) {
        Objects.requireNonNull(borrower, "borrower");
        synchronized (this) {
            return tryTake(borrower);
        }
    }

    /** Caller holds lock. */
    private boolean tryTake(Object borrower) {
        if (borrowers.contains(borrower)) {
            throw new IllegalStateException(describe(borrower) + " already holds a token of this limiter");
        }
        for (Waiter<Object> w : waiters) {
            if (w.handle == borrower) {
                throw new IllegalStateException(describe(borrower) + " is already waiting for a token");
            }
        }
        if (waiters.isEmpty() && borrowers.size() < totalTokens) {
            borrowers.add(borrower);
            return true;
        }
        return false;
    }

    /**
     * Gives back the calling task's token. Not a checkpoint; never blocks.
     *
     * @throws IllegalStateException if the calling task holds no token of this limiter
     */
    public void release() {
        releaseOnBehalfOf(Task.current("CapacityLimiter.release"));
    }

    /**
     * Gives back {@code borrower}'s token. Not a checkpoint; never blocks; callable from any thread.
     *
     * @throws IllegalStateException if {@code borrower} holds no token of this limiter
     */
    public void releaseOnBehalfOf(Object borrower) {
        Objects.requireNonNull(borrower, "borrower");
        Iterable<Waiter<Object>> woken;
        synchronized (this) {
            if (!borrowers.remove(borrower)) {
                throw new IllegalStateException(describe(borrower) + " holds no token of this limiter");
            }
            woken = handOut();
        }
        woken.forEach(w -> w.wake());
    }

    /** Caller holds lock: gives free tokens to waiters, first come first served. */
    private Iterable<Waiter<Object>> handOut() {
        ArrayDeque<Waiter<Object>> woken = new ArrayDeque<>();
        for (Iterator<Waiter<Object>> it = waiters.iterator(); it.hasNext() && borrowers.size() < totalTokens; ) {
            Waiter<Object> w = it.next();
            it.remove();
            borrowers.add(w.handle);
            w.complete(null);
            woken.add(w);
        }
        return woken;
    }

    /** The number of tokens. Not a checkpoint. */
    public int totalTokens() {
        synchronized (this) {
            return totalTokens;
        }
    }

    /**
     * Changes the number of tokens; waiters get the new ones at once. Not a checkpoint.
     *
     * @throws IllegalArgumentException if {@code totalTokens} is less than 1
     */
    public void totalTokens(int totalTokens) {
        checkTotal(totalTokens);
        Iterable<Waiter<Object>> woken;
        synchronized (this) {
            this.totalTokens = totalTokens;
            woken = handOut();
        }
        woken.forEach(w -> w.wake());
    }

    /** Whether {@code borrower} holds a token. */
    boolean holds(Object borrower) {
        synchronized (this) {
            return borrowers.contains(borrower);
        }
    }

    /** Tokens currently held. Not a checkpoint. */
    public int borrowedTokens() {
        synchronized (this) {
            return borrowers.size();
        }
    }

    /** Tokens free now (never negative, even after the total was lowered). Not a checkpoint. */
    public int availableTokens() {
        synchronized (this) {
            return Math.max(0, totalTokens - borrowers.size());
        }
    }

    /** Tasks and borrowers waiting for a token. Not a checkpoint. */
    public int waiting() {
        synchronized (this) {
            return waiters.size();
        }
    }

    private static String describe(Object borrower) {
        return borrower instanceof Task t ? "task '" + t.name + "'" : "borrower " + borrower;
    }

    @Override
    public String toString() {
        return "CapacityLimiter[" + borrowedTokens() + "/" + totalTokens() + " borrowed]";
    }
}
