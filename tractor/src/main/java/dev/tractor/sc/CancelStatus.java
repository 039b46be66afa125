package dev.tractor.sc;

/**
 * A node of a run's cancel-status tree: one per entered {@link CancelScope}, linked to the status of the
 * scope that encloses it, with the tasks whose innermost scope it is.
 *
 * <p>Implementation overview (after trio's {@code CancelStatus}). Scopes nest per task, and a nursery
 * hangs its child tasks under its own scope's status, so the statuses of a run form one tree whose
 * leaves are tasks. A status is <em>effectively cancelled</em> when its scope was cancelled, or when its
 * parent is effectively cancelled and its scope is not shielded. That flag is the only thing a
 * checkpoint reads (one volatile load); everything else here runs under the run lock. When a status
 * turns effectively cancelled, {@link #recompute()} queues its tasks to be woken once the run lock is
 * released and walks down into child statuses, stopping at shields; a shield or a reparented status that stops being cancelled simply clears the
 * flag. Children and tasks are intrusive doubly linked lists, so entering and leaving a scope, starting
 * and ending a task are O(1) and allocate nothing beyond the status itself. A nursery task that ends
 * normally does not unlink itself (that would take the run lock on every task end); it is marked
 * {@code ended} and unlinked in a batch later, so the task list may hold ended tasks, which a cancellation
 * harmlessly "wakes".
 */
final class CancelStatus {
    final CancelScope scope;
    /** Guarded by the run lock; changes only when {@code Nursery.start} hands a task over. */
    CancelStatus parent;

    private CancelStatus firstChild;
    private CancelStatus prevSibling;
    private CancelStatus nextSibling;
    private Task firstTask;

    volatile boolean effectivelyCancelled;

    CancelStatus(CancelScope scope, CancelStatus parent) {
        this.scope = scope;
        attachTo(parent);
    }

    /** Links this status under {@code newParent} (may be {@code null} for a root) and recomputes. */
    void attachTo(CancelStatus newParent) {
        parent = newParent;
        if (newParent != null) {
            nextSibling = newParent.firstChild;
            if (nextSibling != null) {
                nextSibling.prevSibling = this;
            }
            newParent.firstChild = this;
        }
        recompute();
    }

    /** Unlinks this status from its parent. */
    void detach() {
        if (parent != null) {
            if (prevSibling != null) {
                prevSibling.nextSibling = nextSibling;
            } else {
                parent.firstChild = nextSibling;
            }
            if (nextSibling != null) {
                nextSibling.prevSibling = prevSibling;
            }
        }
        prevSibling = null;
        nextSibling = null;
        parent = null;
    }

    boolean hasChildren() {
        return firstChild != null;
    }

    void addTask(Task task) {
        task.status = this;
        task.prevInStatus = null;
        task.nextInStatus = firstTask;
        if (firstTask != null) {
            firstTask.prevInStatus = task;
        }
        firstTask = task;
        if (effectivelyCancelled) {
            task.runner.cancelNotifyAfterUnlock(task);
        }
    }

    void removeTask(Task task) {
        if (task.prevInStatus != null) {
            task.prevInStatus.nextInStatus = task.nextInStatus;
        } else {
            firstTask = task.nextInStatus;
        }
        if (task.nextInStatus != null) {
            task.nextInStatus.prevInStatus = task.prevInStatus;
        }
        task.prevInStatus = null;
        task.nextInStatus = null;
    }

    /** The number of tasks linked here (live or ended); for tests. Caller holds the run lock. */
    int linkedTaskCount() {
        int n = 0;
        for (Task t = firstTask; t != null; t = t.nextInStatus) {
            n++;
        }
        return n;
    }

    /** Unlinks the tasks that have ended; returns how many. */
    int unlinkEndedTasks() {
        int n = 0;
        for (Task t = firstTask; t != null; ) {
            Task next = t.nextInStatus;
            if (t.ended) {
                removeTask(t);
                n++;
            }
            t = next;
        }
        return n;
    }

    /** Whether the parent's cancellation reaches into this status (it is cancelled and we are unshielded). */
    boolean parentCancellationVisible() {
        return parent != null && parent.effectivelyCancelled && !scope.shield();
    }

    /** Recomputes the flag after this scope, its shield or its parent changed; wakes newly cancelled tasks. */
    void recompute() {
        boolean now = scope.cancelCalled() || parentCancellationVisible();
        if (now == effectivelyCancelled) {
            return;
        }
        effectivelyCancelled = now;
        if (now) {
            for (Task t = firstTask; t != null; t = t.nextInStatus) {
                t.runner.cancelNotifyAfterUnlock(t);
            }
        }
        for (CancelStatus c = firstChild; c != null; c = c.nextSibling) {
            c.recompute();
        }
    }

    /**
     * Whether a {@link Cancelled} that reaches this status, unwinding from the scopes inside it, can be
     * explained: this scope or an enclosing one up to the nearest shield (inclusive) was cancelled. One that
     * cannot was not raised by a checkpoint of this task for this task: it was carried over from another
     * task, or it outlived the scope it was meant for. Reads only volatile fields.
     */
    boolean explainsCancelled() {
        for (CancelStatus s = this; s != null; s = s.parent) {
            if (s.scope.cancelCalled()) {
                return true;
            }
            if (s.scope.shield()) {
                return false;
            }
        }
        return false;
    }

    /**
     * {@code failure} as it must be reported where it reaches this status: itself, unless it is a
     * {@link Cancelled} that no scope here {@linkplain #explainsCancelled() explains}. That one is a bug made
     * visible: absorbing it would let a scope catch a cancellation nobody asked for (or, in a nursery,
     * cancel the siblings in silence), so it becomes an {@link IllegalStateException} with the
     * {@code Cancelled} as its cause.
     */
    Throwable unlessStray(Throwable failure, String where) {
        if (failure instanceof Cancelled c && !explainsCancelled()) {
            return new IllegalStateException("a Cancelled reached " + where + " although neither it nor "
                    + "an enclosing scope was cancelled; it was raised for another task or for a scope that has "
                    + "ended (a Cancelled must not be stored, passed to another task or rethrown later): " + c.getMessage(), c);
        }
        return failure;
    }

    /** Why a task here is cancelled: the reason given to the nearest cancelled scope that reaches it. */
    String cancelReason() {
        for (CancelStatus s = this; s != null; s = s.parent) {
            if (s.scope.cancelCalled()) {
                return s.scope.cancelReason();
            }
            if (s.scope.shield()) {
                break;
            }
        }
        return "cancelled";
    }
}
