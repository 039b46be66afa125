package dev.tractor.sc;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.locks.LockSupport;

/**
 * One task of a run: a virtual thread plus its place in the cancel-status tree.
 *
 * <p>Implementation overview. A task blocks only through {@link #block()}, and whoever makes progress
 * possible for it (a channel peer, a cancellation, a finished child) calls {@link #wake()}. The two meet
 * in a three-state word so that no wake-up is lost and the run always knows how many tasks could make
 * progress (the mock clock's autojump needs "every task is blocked" to be exact):
 * <pre>
 *   RUNNING --block()--> BLOCKED --wake()--> RUNNING
 *   RUNNING --wake()---> NOTIFIED --block()--> RUNNING   (returns at once: the wake-up is kept)
 * </pre>
 * {@code Runner.running} counts tasks not in BLOCKED; it is decremented only by a task that really goes
 * to sleep and incremented by the waker that ends the sleep, so it never reaches zero while a task is
 * about to run. Spurious returns are allowed: callers loop on their own condition.
 *
 * <p>Cancellation never uses {@code Thread.interrupt}, except inside {@link Sc#interruptible}, where the
 * task arms an interrupt: {@link #cancelNotify()} then interrupts the thread once, only if the task is
 * still cancelled when the notice arrives, and disarming consumes that interrupt so that it never leaks
 * into later code. An interrupt that the runtime did not
 * send is a foreign interrupt and cancels the whole run (see {@code Runner.foreignInterrupt}).
 */
final class Task implements Runnable {
    static final ScopedValue<Task> CURRENT = ScopedValue.newInstance();

    private static final int RUNNING = 0;
    private static final int BLOCKED = 1;
    private static final int NOTIFIED = 2;

    private static final int IDLE = 0;
    private static final int ARMED = 1;
    private static final int INTERRUPTING = 2;
    private static final int INTERRUPTED = 3;

    private static final VarHandle WAKE_STATE;
    private static final VarHandle INTERRUPT_STATE;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            WAKE_STATE = lookup.findVarHandle(Task.class, "wakeState", int.class);
            INTERRUPT_STATE = lookup.findVarHandle(Task.class, "interruptState", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** Stands for "no task" in one-lookup reads of {@link #CURRENT} (which refuses a null default). */
    private static final Task NONE = new Task(null, "none");

    final Runner runner;
    final String name;
    /**
     * Set before the thread starts. A waker that unparks it has first seen the task BLOCKED (a volatile
     * write the task made after starting), so it sees this field too; one that finds it still null (a
     * cancellation racing with the start) has nothing to unpark yet, and the task sees the cancellation
     * at its first checkpoint.
     */
    private Thread thread;
    private Runnable body;

    /** Innermost cancel status; written by the owner under the run lock, read at every checkpoint. */
    volatile CancelStatus status;
    /**
     * Set when a nursery task ended normally and left its nursery's status without the run lock; the
     * nursery unlinks such tasks in batches.
     */
    volatile boolean ended;
    /** Siblings in {@code status}'s intrusive task list; guarded by the run lock. */
    Task prevInStatus;
    Task nextInStatus;

    @SuppressWarnings("unused") // accessed through WAKE_STATE
    private volatile int wakeState;
    @SuppressWarnings("unused") // accessed through INTERRUPT_STATE
    private volatile int interruptState;

    Task(Runner runner, String name) {
        this.runner = runner;
        this.name = name;
    }

    /** The task running on this thread, or {@code null} outside every run. */
    static Task currentOrNull() {
        Task task = CURRENT.orElse(NONE);
        return task == NONE ? null : task;
    }

    /** The task running on this thread; {@code what} names the API for the error message. */
    static Task current(String what) {
        Task task = CURRENT.orElse(NONE);
        if (task == NONE) {
            throw new IllegalStateException(what + " must be called from a task inside Sc.run(...), but "
                    + Thread.currentThread() + " is not running one (in an actor program, run it inside "
                    + "Tractor.run(...) or Tractor.openNursery(...), which start one)");
        }
        return task;
    }

    /**
     * Starts the task's virtual thread, which binds {@link #CURRENT} and runs {@code body}. The body must
     * not throw: it reports its outcome itself.
     */
    void start(Runnable body) {
        this.body = body;
        runner.taskStarted();
        thread = Thread.ofVirtual().name(name).unstarted(this);
        thread.start();
    }

    /** The virtual thread's body. */
    @Override
    public void run() {
        try {
            ScopedValue.where(CURRENT, this).run(body);
        } finally {
            body = null;
            runner.taskEnded();
        }
    }

    // ---- checkpoints --------------------------------------------------------------------------------

    /** Raises {@link Cancelled} if the task is inside a cancelled scope; handles a foreign interrupt. */
    void checkpoint() {
        handleInterruptFlag();
        if (status.effectivelyCancelled) {
            throw cancelled();
        }
    }

    boolean cancelRequested() {
        return status.effectivelyCancelled;
    }

    /** A new {@link Cancelled} naming the scope whose cancellation reached this task. */
    Cancelled cancelled() {
        return new Cancelled(status.cancelReason());
    }

    // ---- blocking -----------------------------------------------------------------------------------

    /**
     * Sleeps until {@link #wake()} is called (or returns at once if it was called since the last
     * return). Not a checkpoint by itself: callers check cancellation around it.
     */
    void block() {
        if (!WAKE_STATE.compareAndSet(this, RUNNING, BLOCKED)) {
            WAKE_STATE.setVolatile(this, RUNNING); // was NOTIFIED: consume the kept wake-up
            return;
        }
        runner.taskBlocked();
        while ((int) WAKE_STATE.getVolatile(this) == BLOCKED) {
            LockSupport.park(this);
            handleInterruptFlag(); // a foreign interrupt cancels the run, which wakes us
        }
    }

    /**
     * Consumes a pending interrupt. The runtime moves the interrupt word off ARMED before it interrupts,
     * so an interrupt seen while the word is IDLE or ARMED came from someone else.
     */
    private void handleInterruptFlag() {
        if (Thread.interrupted()) {
            int s = (int) INTERRUPT_STATE.getVolatile(this);
            if (s == IDLE || s == ARMED) {
                runner.foreignInterrupt(this);
            }
        }
    }

    /** Ends the task's current or next {@link #block()}. Callable from any thread, never blocks. */
    void wake() {
        for (;;) {
            int s = (int) WAKE_STATE.getVolatile(this);
            if (s == BLOCKED) {
                if (WAKE_STATE.compareAndSet(this, BLOCKED, RUNNING)) {
                    runner.taskUnblocked();
                    LockSupport.unpark(thread);
                    return;
                }
            } else if (s == RUNNING) {
                if (WAKE_STATE.compareAndSet(this, RUNNING, NOTIFIED)) {
                    return;
                }
            } else {
                return; // already NOTIFIED
            }
        }
    }

    /**
     * Called after the run lock is released when the task's status became cancelled: wakes the task and,
     * inside {@link Sc#interruptible}, interrupts it, but only if it is still cancelled. The notice can come
     * late: between the cancellation and this call the task may have seen the cancellation at a checkpoint,
     * left the cancelled scope and entered a new interruptible region in a scope that is not cancelled; an
     * interrupt there would turn into a {@link Cancelled} that no scope explains. The check is made after
     * the word moved to INTERRUPTING, which the task cannot leave on its own (disarming waits for it), so
     * the task's status cannot change between the check and the interrupt within the same region.
     */
    void cancelNotify() {
        wake();
        while (INTERRUPT_STATE.compareAndSet(this, ARMED, INTERRUPTING)) {
            if (status.effectivelyCancelled) {
                thread.interrupt();
                INTERRUPT_STATE.setVolatile(this, INTERRUPTED);
                return;
            }
            INTERRUPT_STATE.setVolatile(this, ARMED); // a stale notice: the region stays armed
            // A cancellation that came meanwhile had its own notice fail on INTERRUPTING: look again.
            if (!status.effectivelyCancelled) {
                return;
            }
        }
    }

    // ---- interruptible regions (Sc.interruptible) ------------------------------------------------

    void armInterrupt() {
        INTERRUPT_STATE.setVolatile(this, ARMED);
    }

    /** Whether the task is inside {@code Sc.interruptible} (or being interrupted there). */
    boolean interruptArmed() {
        return (int) INTERRUPT_STATE.getVolatile(this) != IDLE;
    }

    /** Disarms; returns whether the runtime interrupted the thread (that interrupt is consumed). */
    boolean disarmInterrupt() {
        for (;;) {
            int s = (int) INTERRUPT_STATE.getVolatile(this);
            if (s == ARMED) {
                if (INTERRUPT_STATE.compareAndSet(this, ARMED, IDLE)) {
                    return false;
                }
            } else if (s == INTERRUPTING) {
                Thread.onSpinWait(); // a canceller is deciding (see cancelNotify), then interrupts or not
            } else {
                INTERRUPT_STATE.setVolatile(this, IDLE);
                Thread.interrupted();
                return true;
            }
        }
    }

    @Override
    public String toString() {
        return "task '" + name + "'";
    }
}
