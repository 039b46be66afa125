package dev.tractor.sc;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The shared state of one {@link Sc#run} call: its clock, the lock that guards its cancel-status tree,
 * its nurseries and its deadlines, the count of tasks that can make progress, and the deadline thread.
 *
 * <p>One lock per run (this object's monitor) keeps the structural operations (entering and leaving
 * scopes, starting and ending tasks, cancelling) simple to reason about; the hot paths avoid it (a
 * checkpoint is one volatile read, channel operations take only the channel's monitor).
 */
final class Runner {
    final Clock clock;
    /** Tasks to wake, or to notify of cancellation, once the run lock is released; guarded by it. */
    private final ArrayList<Task> pendingWakes = new ArrayList<>();
    private final ArrayList<Task> pendingCancelNotifies = new ArrayList<>();
    private volatile boolean pendingAny;
    /**
     * Tasks that are not blocked; zero means the run is idle (see {@link Task}). Only a clock that can
     * jump needs to know, so on the system clock the count is not kept: it would be two contended atomic
     * updates per task and per park.
     */
    private final AtomicInteger running = new AtomicInteger();
    private final boolean tracksIdle;
    /** Active scopes with a finite deadline, earliest first; guarded by the run lock. */
    private final TreeSet<CancelScope> deadlines = new TreeSet<>(
            Comparator.comparingLong((CancelScope s) -> s.registeredDeadline).thenComparingLong(s -> s.id));
    /** Started on the first deadline; guarded by the run lock. */
    private DeadlineWatcher watcher;

    /** Set when a foreign interrupt cancelled the run; {@link Sc#run} then throws InterruptedException. */
    volatile boolean interrupted;
    volatile CancelScope rootScope;

    Runner(Clock clock) {
        this.clock = clock;
        this.tracksIdle = clock != Clock.system();
    }

    // ---- the run lock ----------------------------------------------------------------------------------
    // The run lock is this object's monitor: HotSpot spins briefly on a contended monitor, which suits
    // critical sections of a few field updates far better than parking a virtual thread on a queue.
    // Every block that holds it is followed by flushWakes() in a finally clause.

    /**
     * Wakes the tasks queued while the run lock was held; call it right after releasing the lock. Waking
     * outside the lock matters: a woken task usually needs the lock at once (to leave its scope), and would
     * otherwise park on it only to be woken a second time. Inside a nested critical section it does nothing:
     * the outermost one flushes.
     */
    void flushWakes() {
        if (!pendingAny || Thread.holdsLock(this)) {
            return;
        }
        Task[] wakes;
        Task[] notifies;
        synchronized (this) {
            wakes = pendingWakes.toArray(new Task[0]);
            notifies = pendingCancelNotifies.toArray(new Task[0]);
            pendingWakes.clear();
            pendingCancelNotifies.clear();
            pendingAny = false;
        }
        for (Task t : notifies) {
            t.cancelNotify();
        }
        for (Task t : wakes) {
            t.wake();
        }
    }

    /** Caller holds the lock: wakes {@code task} when the lock is released. */
    void wakeAfterUnlock(Task task) {
        pendingWakes.add(task);
        pendingAny = true;
    }

    /** Caller holds the lock: tells {@code task} it was cancelled when the lock is released. */
    void cancelNotifyAfterUnlock(Task task) {
        pendingCancelNotifies.add(task);
        pendingAny = true;
    }

    // ---- idle accounting ------------------------------------------------------------------------------

    void taskStarted() {
        if (tracksIdle) {
            running.incrementAndGet();
        }
    }

    void taskEnded() {
        if (tracksIdle && running.decrementAndGet() == 0) {
            onIdle();
        }
    }

    void taskBlocked() {
        if (tracksIdle && running.decrementAndGet() == 0) {
            onIdle();
        }
    }

    void taskUnblocked() {
        if (tracksIdle) {
            running.incrementAndGet();
        }
    }

    /** Whether every task is blocked; always false when the count is not kept. */
    boolean idle() {
        return tracksIdle && running.get() == 0;
    }

    private void onIdle() {
        DeadlineWatcher w = watcher; // racy read is fine: a watcher started later re-examines idleness
        if (w != null) {
            w.wake();
        }
    }

    // ---- deadlines ----------------------------------------------------------------------------------

    /** Registers or re-registers an active scope's deadline; caller holds the run lock. */
    void updateDeadline(CancelScope scope, long deadline) {
        if (scope.deadlineRegistered) {
            deadlines.remove(scope);
            scope.deadlineRegistered = false;
        }
        if (deadline == Long.MAX_VALUE) {
            return;
        }
        scope.registeredDeadline = deadline;
        scope.deadlineRegistered = true;
        deadlines.add(scope);
        if (watcher == null) {
            watcher = new DeadlineWatcher(this);
            watcher.start();
        } else if (deadlines.first() == scope) {
            watcher.wake();
        }
    }

    /** Caller holds the run lock. */
    void removeDeadline(CancelScope scope) {
        if (scope.deadlineRegistered) {
            deadlines.remove(scope);
            scope.deadlineRegistered = false;
        }
    }

    /** The earliest registered deadline, or {@code Long.MAX_VALUE}. */
    long nextDeadline() {
        try {
            synchronized (this) {
                return deadlines.isEmpty() ? Long.MAX_VALUE : deadlines.first().registeredDeadline;
            }
        } finally {
            flushWakes();
        }
    }

    /** Cancels every scope whose deadline is at or before {@code now}. */
    void expireDeadlines(long now) {
        try {
            synchronized (this) {
                while (!deadlines.isEmpty() && deadlines.first().registeredDeadline <= now) {
                    CancelScope s = deadlines.pollFirst();
                    s.deadlineRegistered = false;
                    s.cancel("deadline passed");
                }
            }
        } finally {
            flushWakes();
        }
    }

    // ---- lifecycle ----------------------------------------------------------------------------------

    /** Cancels the whole run because some thread of it was interrupted by code other than the runtime. */
    void foreignInterrupt(Task where) {
        interrupted = true;
        CancelScope root = rootScope;
        if (root != null) {
            root.cancel("the run was interrupted (Thread.interrupt() on " + (where == null
                    ? "the thread waiting in Sc.run" : where) + ")");
        }
    }

    void finish() {
        try {
            synchronized (this) {
                if (watcher != null) {
                    watcher.stop();
                }
            }
        } finally {
            flushWakes();
        }
    }
}
