package dev.tractor.sc;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A region of code that can be cancelled as a unit, now ({@link #cancel()}) or at a deadline, like trio's
 * {@code CancelScope}.
 *
 * <pre>{@code
 * CancelScope scope = new CancelScope().relativeDeadline(Duration.ofSeconds(5));
 * scope.run(() -> {
 *     ...                      // every checkpoint in here raises Cancelled once the scope is cancelled
 * });
 * if (scope.cancelledCaught()) { ... }   // the body was cut short
 * }</pre>
 *
 * <h2>Semantics</h2>
 * <ul>
 * <li>Cancelling a scope makes every {@linkplain Sc checkpoint} inside it, in the task that entered it and
 *     in every task of every nursery opened inside it, raise {@link Cancelled}, and wakes the tasks parked
 *     in one at once. Cancellation is level-triggered: it stays in force until the scope is left, so a
 *     task that catches and ignores {@code Cancelled} gets it again at its next checkpoint.</li>
 * <li>When the {@code Cancelled} unwinds to the scope that was cancelled, that scope catches it:
 *     {@link #run} returns normally and {@link #cancelledCaught()} is {@code true}. If an enclosing scope
 *     is cancelled too, the exception travels on to the outermost cancelled one.</li>
 * <li>A {@linkplain #shield(boolean) shielded} scope is not reached by the cancellation of enclosing
 *     scopes, so cleanup inside it can block; the pending cancellation arrives at the first checkpoint
 *     after the shielded scope ends. Its own {@link #cancel()} and deadline still apply.</li>
 * <li>The deadline (on the run's {@link Clock}, in nanoseconds, {@code Long.MAX_VALUE} for none) may be
 *     set before the scope is entered or changed while it runs; when it passes the scope is cancelled.</li>
 * <li>A scope is entered once. All methods may be called from any thread, before, during or after the
 *     scope runs; cancelling a scope that has ended does nothing.</li>
 * </ul>
 * None of the methods of this class is a checkpoint except {@link #run} and {@link #call}, which run
 * the body and are exactly as blocking as it is.
 */
public final class CancelScope {
    private static final AtomicLong IDS = new AtomicLong();
    private static final long NO_RELATIVE = Long.MIN_VALUE;

    private enum State { NEW, ACTIVE, DONE }

    final long id = IDS.incrementAndGet();

    // Before the scope is entered these are guarded by 'this'; once it is active, by the run lock (the runner's monitor).
    private State state = State.NEW;
    private Runner runner;
    private CancelStatus status;
    private volatile long deadline = Long.MAX_VALUE;
    private long relativeDeadline = NO_RELATIVE;
    private volatile boolean shield;
    private volatile boolean cancelCalled;
    private volatile String cancelReason = "cancelled";
    private volatile boolean cancelledCaught;

    // Guarded by the run lock; the run's deadline set orders scopes by these.
    long registeredDeadline;
    boolean deadlineRegistered;

    /** Creates a scope with no deadline and no shield. */
    public CancelScope() {
    }

    // ---- running a body ----------------------------------------------------------------------------

    /**
     * Enters the scope, runs {@code body} inside it in the calling task, and leaves it. Returns normally if
     * the body finished or was cut short by this scope's cancellation (see {@link #cancelledCaught()});
     * raises whatever else the body raised, including a {@link Cancelled} meant for an enclosing scope.
     *
     * @throws IllegalStateException if the scope was entered before, or if not called inside a task
     */
    public <X extends Exception> void run(Action<X> body) throws X {
        call(() -> {
            body.run();
            return null;
        });
    }

    /**
     * Like {@link #run(Action)} for a body with a value: the value, or empty if this scope's cancellation
     * cut the body short (or the body returned {@code null}).
     */
    public <T, X extends Exception> Optional<T> call(Computation<T, X> body) throws X {
        Task task = Task.current("CancelScope.run/call");
        enter(task);
        T value = null;
        Throwable failure = null;
        try {
            value = body.compute();
        } catch (Throwable t) {
            failure = t;
        }
        Throwable raise = exit(task, failure == null ? List.of() : List.of(failure));
        if (raise != null) {
            throw Sc.<RuntimeException>sneaky(raise);
        }
        return Optional.ofNullable(value);
    }

    /** Enters the scope in {@code task}; shared with {@link Nursery}, whose scope wraps its children. */
    void enter(Task task) {
        synchronized (this) {
            if (state != State.NEW) {
                throw new IllegalStateException("a CancelScope can be entered only once; create a new one");
            }
            state = State.ACTIVE;
            runner = task.runner;
        }
        Runner r = task.runner;
        try {
            synchronized (r) {
                if (relativeDeadline != NO_RELATIVE) {
                    deadline = saturatedAdd(r.clock.nanoTime(), relativeDeadline);
                    relativeDeadline = NO_RELATIVE;
                }
                CancelStatus parent = task.status;
                parent.removeTask(task);
                status = new CancelStatus(this, parent);
                status.addTask(task);
                if (!cancelCalled) {
                    applyDeadline(r);
                }
            }
        } finally {
            r.flushWakes();
        }
    }

    /**
     * Leaves the scope and decides what comes out of it, given the failures of its body (and, for a
     * nursery, of its children) in order. Returns the throwable to raise, or {@code null}.
     *
     * <p>This scope catches {@link Cancelled} when it was cancelled itself and no enclosing cancellation is
     * visible to it (trio's rule); a {@code Cancelled} that is not ours travels on, and one that no scope
     * here explains (nothing up to the nearest shield was cancelled) becomes an error (see
     * {@code CancelStatus.unlessStray}). Real failures win over
     * {@code Cancelled}: one is raised as itself, several as an {@link ExceptionGroup}.
     */
    Throwable exit(Task task, List<Throwable> failures) {
        Runner r = runner;
        boolean catches;
        List<Throwable> checked = new ArrayList<>(failures.size());
        try {
            synchronized (r) {
                catches = cancelCalled && !status.parentCancellationVisible();
                for (Throwable t : failures) {
                    checked.add(status.unlessStray(t, "a cancel scope"));
                }
                if (status.hasChildren()) {
                    throw new IllegalStateException("scope exited while nested scopes are still active (bug)");
                }
                CancelStatus parent = status.parent;
                status.removeTask(task);
                status.detach();
                parent.addTask(task);
                r.removeDeadline(this);
                synchronized (this) {
                    state = State.DONE;
                }
            }
        } finally {
            r.flushWakes();
        }
        List<Throwable> real = new ArrayList<>();
        Cancelled passOn = null;
        for (Throwable t : checked) {
            if (t instanceof Cancelled c) {
                if (catches) {
                    cancelledCaught = true;
                } else if (passOn == null) {
                    passOn = c;
                }
            } else {
                real.add(t);
            }
        }
        if (real.size() == 1) {
            return real.getFirst();
        }
        if (real.size() > 1) {
            return new ExceptionGroup(real.size() + " failures in one scope", real);
        }
        return passOn;
    }

    // ---- cancelling ----------------------------------------------------------------------------------

    /** Cancels the scope; see {@link #cancel(String)}. Not a checkpoint; never blocks. */
    public void cancel() {
        cancel("cancelled by CancelScope.cancel()");
    }

    /**
     * Cancels the scope, recording {@code reason} in the {@link Cancelled} that its tasks see. Idempotent;
     * callable from any thread, including threads outside the run; before the scope is entered it makes the
     * scope start cancelled. Not a checkpoint; never blocks.
     */
    public void cancel(String reason) {
        Runner r;
        synchronized (this) {
            if (state == State.NEW || state == State.DONE) {
                if (!cancelCalled) {
                    cancelReason = reason;
                    cancelCalled = true;
                }
                return;
            }
            r = runner;
        }
        try {
            synchronized (r) {
                if (cancelCalled) {
                    return;
                }
                cancelReason = reason;
                cancelCalled = true;
                r.removeDeadline(this);
                if (status != null) {
                    status.recompute();
                }
            }
        } finally {
            r.flushWakes();
        }
    }

    /** Whether {@link #cancel()} was called or the deadline passed. Not a checkpoint. */
    public boolean cancelCalled() {
        return cancelCalled;
    }

    /** Whether the scope caught a {@link Cancelled}, that is, its body was cut short by it. Not a checkpoint. */
    public boolean cancelledCaught() {
        return cancelledCaught;
    }

    String cancelReason() {
        return cancelReason;
    }

    // ---- deadline --------------------------------------------------------------------------------------

    /** The absolute deadline on the run's clock, in nanoseconds; {@code Long.MAX_VALUE} when there is none. */
    public long deadline() {
        synchronized (this) {
            if (state == State.NEW && relativeDeadline != NO_RELATIVE) {
                return Long.MAX_VALUE; // not known until the scope is entered
            }
        }
        return deadline;
    }

    /**
     * Sets the absolute deadline on the run's clock ({@link Sc#now()} plus some nanoseconds;
     * {@code Long.MAX_VALUE} removes it). Takes effect at once in a running scope; a deadline already past
     * cancels it. Not a checkpoint.
     *
     * @return this scope
     */
    public CancelScope deadline(long deadlineNanos) {
        Runner r;
        synchronized (this) {
            relativeDeadline = NO_RELATIVE;
            if (state != State.ACTIVE) {
                deadline = deadlineNanos;
                return this;
            }
            r = runner;
        }
        try {
            synchronized (r) {
                deadline = deadlineNanos;
                if (!cancelCalled) {
                    applyDeadline(r);
                }
            }
        } finally {
            r.flushWakes();
        }
        return this;
    }

    /**
     * Sets the deadline relative to now, or, for a scope not yet entered, relative to the moment it is
     * entered (trio's {@code relative_deadline}). Not a checkpoint.
     *
     * @return this scope
     */
    public CancelScope relativeDeadline(Duration timeout) {
        long nanos = saturatedNanos(timeout);
        Runner r;
        synchronized (this) {
            if (state == State.NEW) {
                relativeDeadline = nanos;
                deadline = Long.MAX_VALUE;
                return this;
            }
            r = runner;
        }
        return deadline(saturatedAdd(r.clock.nanoTime(), nanos));
    }

    /** Caller holds the run lock and the scope is active and not cancelled. */
    private void applyDeadline(Runner r) {
        if (deadline != Long.MAX_VALUE && deadline <= r.clock.nanoTime()) {
            r.removeDeadline(this);
            cancel("deadline passed");
        } else {
            r.updateDeadline(this, deadline);
        }
    }

    // ---- shield --------------------------------------------------------------------------------------

    /** Whether the scope is shielded from the cancellation of enclosing scopes. Not a checkpoint. */
    public boolean shield() {
        return shield;
    }

    /**
     * Shields the scope from (or exposes it again to) the cancellation of enclosing scopes. May be changed
     * while the scope runs. Not a checkpoint.
     *
     * @return this scope
     */
    public CancelScope shield(boolean shielded) {
        Runner r;
        synchronized (this) {
            if (state != State.ACTIVE) {
                shield = shielded;
                return this;
            }
            r = runner;
        }
        try {
            synchronized (r) {
                shield = shielded;
                status.recompute();
            }
        } finally {
            r.flushWakes();
        }
        return this;
    }

    // ---- helpers ---------------------------------------------------------------------------------------

    /** Nanoseconds of a duration, saturating instead of overflowing; negative durations count as zero. */
    static long saturatedNanos(Duration d) {
        if (d.isNegative()) {
            return 0;
        }
        try {
            return d.toNanos();
        } catch (ArithmeticException tooLong) {
            return Long.MAX_VALUE;
        }
    }

    static long saturatedAdd(long a, long b) {
        long sum = a + b;
        return ((a ^ sum) & (b ^ sum)) < 0 ? Long.MAX_VALUE : sum;
    }

    /** The status of this scope while it is active; for {@link Nursery}. */
    CancelStatus status() {
        return status;
    }

    @Override
    public String toString() {
        return "CancelScope[" + state + (cancelCalled ? ", cancelled" : "") + (shield ? ", shielded" : "")
                + (deadline != Long.MAX_VALUE ? ", deadline=" + deadline : "") + "]";
    }
}
