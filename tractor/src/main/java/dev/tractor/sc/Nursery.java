package dev.tractor.sc;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A scope that owns the tasks started in it, like trio's nursery: {@link #open} does not return until
 * every task started in the nursery has ended.
 *
 * <pre>{@code
 * Nursery.open(n -> {
 *     n.startSoon("fetch-a", () -> fetch("a"));
 *     n.startSoon("fetch-b", () -> fetch("b"));
 * });   // both fetches have ended here, whatever happened
 * }</pre>
 *
 * <h2>Guarantees</h2>
 * <ul>
 * <li>Each task runs on its own virtual thread, named after the task.</li>
 * <li>If the body or any task fails, the nursery's {@linkplain #cancelScope() cancel scope} is cancelled:
 *     the body and every other task get {@link Cancelled} at their next checkpoint. {@code open} then
 *     raises the failure itself if there was one, or an {@link ExceptionGroup} of all of them, body first,
 *     then tasks in the order they failed. {@code Cancelled} that the nursery caused is not reported.</li>
 * <li>Cancelling a scope around the nursery cancels the body and every task in it.</li>
 * <li>Tasks may be started from the body, from the nursery's tasks or from any other task of the run
 *     ({@link #startSoon} even from a thread outside the run), until the nursery closes: that happens when the body and the last task have ended. Starting a task
 *     in a closed nursery raises {@link IllegalStateException}.</li>
 * </ul>
 */
public final class Nursery {
    private static final AtomicLong TASK_NUMBERS = new AtomicLong();

    private final Runner runner;
    private final Task owner;
    private final CancelScope scope = new CancelScope();
    /** Guarded by the run lock (the runner's monitor). */
    /**
     * Tasks started and not yet ended. Atomic so that a task that ends normally leaves without taking the
     * run lock (see {@link #taskEnded}); only the one that brings it to zero takes the lock, to close.
     */
    private final AtomicInteger activeTasks = new AtomicInteger();
    /** Ended tasks still linked into the nursery's cancel status (unlinked in batches); atomic. */
    private final AtomicInteger endedButLinked = new AtomicInteger();
    /** Tasks linked into the nursery's cancel status, ended or not; guarded by the run lock. */
    private int linked;
    private int pendingStarts;
    private boolean bodyDone;
    private boolean closed;
    private final List<Throwable> failures = new ArrayList<>();

    private Nursery(Task owner) {
        this.runner = owner.runner;
        this.owner = owner;
    }

    /**
     * Opens a nursery in the calling task, runs {@code body} with it, then waits for every task started in
     * it. Waiting for the tasks is not a checkpoint: a cancellation from outside cancels the tasks (they are
     * inside it) and this keeps waiting until they have ended.
     *
     * @throws Exception the failure of the body or of a task, or an {@link ExceptionGroup} of several
     * @throws IllegalStateException if not called from a task inside {@link Sc#run}
     */
    public static void open(NurseryBody body) throws Exception {
        Task task = Task.current("Nursery.open");
        Nursery nursery = new Nursery(task);
        nursery.scope.enter(task);
        try {
            body.run(nursery);
        } catch (Throwable t) {
            nursery.bodyFailed(t);
        }
        nursery.awaitTasks();
        List<Throwable> all;
        try {
            synchronized (nursery.runner) {
                all = List.copyOf(nursery.failures);
            }
        } finally {
            nursery.runner.flushWakes();
        }
        Throwable raise = nursery.scope.exit(task, all);
        if (raise != null) {
            throw Sc.<Exception>sneaky(raise);
        }
    }

    /**
     * The nursery's cancel scope, which covers the body and every task: cancel it to stop them all and
     * make {@link #open} return normally. Not a checkpoint.
     */
    public CancelScope cancelScope() {
        return scope;
    }

    /**
     * Starts {@code task} in the nursery and returns at once, before the task has necessarily begun. Not a
     * checkpoint; never blocks. The task's failure goes to the nursery (see the class comment).
     *
     * <p>Unlike the checkpoints, this may be called from any thread, also one outside the run (for example
     * a callback of a library), as long as the nursery is open.
     *
     * @param name the task's name, used for its virtual thread and in error messages
     * @throws IllegalStateException if the nursery is closed
     */
    public void startSoon(String name, Action<?> task) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(task, "task");
        Task child = new Task(runner, name);
        try {
            synchronized (runner) {
                checkOpen(name);
                activeTasks.incrementAndGet();
                scope.status().addTask(child);
                linked++;
                unlinkEndedTasksIfMany();
            }
        } finally {
            runner.flushWakes();
        }
        child.start(() -> taskEnded(child, runTask(task)));
    }

    /** Starts a task named {@code task-<number>}; see {@link #startSoon(String, Action)}. */
    public void startSoon(Action<?> task) {
        startSoon(generatedName(), task);
    }

    /** Starts a task named {@code task-<number>}; see {@link #start(String, StartableTask)}. */
    public <T> T start(StartableTask<T> task) throws Exception {
        return start(generatedName(), task);
    }

    /**
     * Starts {@code task} and waits until it calls {@link TaskStatus#started(Object)}, then returns the
     * value it passed; the task goes on running in this nursery. Until then the task runs under the
     * caller's cancel scopes, and a failure (or a return without {@code started}) is raised here rather than
     * reported to the nursery. A checkpoint: if the caller is cancelled while waiting, so is the task, and
     * this raises {@link Cancelled} once the task has ended.
     *
     * @throws IllegalStateException if the nursery is closed, or the task returned without calling
     *     {@code started}
     */
    public <T> T start(String name, StartableTask<T> task) throws Exception {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(task, "task");
        Task caller = Task.current("Nursery.start");
        if (caller.runner != runner) {
            throw new IllegalStateException("Nursery.start must be called from a task of the nursery's own run");
        }
        caller.checkpoint();
        Task child = new Task(runner, name);
        Start<T> start = new Start<>(caller, child);
        try {
            synchronized (runner) {
                checkOpen(name);
                pendingStarts++;
                start.status = new CancelStatus(new CancelScope(), caller.status); // moves on started()
                start.status.addTask(child);
            }
        } finally {
            runner.flushWakes();
        }
        child.start(() -> {
            Throwable failure = runTask(() -> task.run(start));
            if (!start.finishBeforeStarted(failure)) {
                taskEnded(child, failure);
            }
        });
        while (!start.resolved()) {
            caller.block();
        }
        if (start.failure != null) {
            throw Sc.<Exception>sneaky(start.failure);
        }
        return start.value;
    }

    /**
     * Runs a task's code; how it failed, or null. In debug mode the tree's debugger stops where an exception
     * is about to be caught here, with the raising frames still live (a post-mortem, ADR 0021 of the
     * runtime): keep the name and the catch.
     */
    private static Throwable runTask(Action<?> code) {
        try {
            code.run();
            return null;
        } catch (Throwable t) {
            return t;
        }
    }

    private static String generatedName() {
        return "task-" + TASK_NUMBERS.incrementAndGet();
    }

    /** Caller holds the run lock. */
    private void checkOpen(String name) {
        if (closed) {
            throw new IllegalStateException("cannot start task '" + name
                    + "': the nursery is closed (its body and all its tasks have ended)");
        }
    }

    /**
     * Whether this very exception (not an equal one) is already among the failures: when a task rethrows
     * another's failure that it was handed (a result it waited for), the nursery reports it once. Caller
     * holds the run lock.
     */
    private boolean reported(Throwable t) {
        for (Throwable f : failures) {
            if (f == t) {
                return true;
            }
        }
        return false;
    }

    private void bodyFailed(Throwable failure) {
        try {
            synchronized (runner) {
                Throwable t = scope.status().unlessStray(failure, "the nursery of " + owner);
                if (!reported(t)) {
                    failures.addFirst(t);
                }
                cancelAfter(t, "the nursery body failed: " + t);
            }
        } finally {
            runner.flushWakes();
        }
    }

    /**
     * Cancels the nursery after a failure, as trio does for any exception. A {@link Cancelled} here has been
     * checked ({@code CancelStatus.unlessStray}): the nursery or a scope around it was cancelled, and its
     * scope is left alone so that tasks keep seeing the original reason. Caller holds the run lock.
     */
    private void cancelAfter(Throwable failure, String reason) {
        if (!(failure instanceof Cancelled)) {
            scope.cancel(reason);
        }
    }

    private void taskEnded(Task child, Throwable failure) {
        if (failure == null && child.status == scope.status()) {
            // The common case takes no lock: the task stays linked, marked as ended, until a batch unlink
            // (a cancellation that still reaches it only unparks a thread that has ended).
            child.ended = true;
            endedButLinked.incrementAndGet();
            if (activeTasks.decrementAndGet() == 0) {
                try {
                    synchronized (runner) {
                        closeIfDone();
                    }
                } finally {
                    runner.flushWakes();
                }
            }
            return;
        }
        try {
            synchronized (runner) {
                CancelStatus last = child.status;
                last.removeTask(child);
                if (last != scope.status()) {
                    last.detach(); // the hand-over status of a task that came in through start()
                } else {
                    linked--;
                }
                if (failure != null) {
                    Throwable f = scope.status().unlessStray(failure, "the nursery of " + owner + " from task '"
                            + child.name + "'");
                    if (!reported(f)) {
                        failures.add(f);
                    }
                    cancelAfter(f, "task '" + child.name + "' failed: " + f);
                }
                activeTasks.decrementAndGet();
                closeIfDone();
            }
        } finally {
            runner.flushWakes();
        }
    }

    /**
     * Unlinks the ended tasks from the nursery's cancel status once they are at least half of the linked
     * ones, which keeps the list at most about twice the live tasks for O(1) amortized work per task.
     * Caller holds the run lock.
     */
    private void unlinkEndedTasksIfMany() {
        int ended = endedButLinked.get();
        if (ended > 64 && ended * 2 > linked) {
            int unlinked = scope.status().unlinkEndedTasks();
            endedButLinked.addAndGet(-unlinked);
            linked -= unlinked;
        }
    }

    /** How many tasks are linked into the nursery's cancel status, live or ended; for tests. */
    int linkedTaskCount() {
        synchronized (runner) {
            return scope.status().linkedTaskCount();
        }
    }

    /** Caller holds the run lock. */
    private void closeIfDone() {
        if (bodyDone && activeTasks.get() == 0 && pendingStarts == 0 && !closed) {
            closed = true;
            runner.wakeAfterUnlock(owner);
        }
    }

    private boolean isClosed() {
        try {
            synchronized (runner) {
                return closed;
            }
        } finally {
            runner.flushWakes();
        }
    }

    private void awaitTasks() {
        try {
            synchronized (runner) {
                bodyDone = true;
                closeIfDone();
            }
        } finally {
            runner.flushWakes();
        }
        while (!isClosed()) {
            owner.block();
        }
    }

    /** The hand-over state of one {@link #start} call. */
    private final class Start<T> implements TaskStatus<T> {
        private final Task caller;
        private final Task child;
        CancelStatus status; // the child's outermost status; guarded by the run lock
        private boolean startedCalled; // guarded by the run lock
        private boolean ended; // guarded by the run lock
        private volatile boolean resolved;
        T value;
        Throwable failure;

        Start(Task caller, Task child) {
            this.caller = caller;
            this.child = child;
        }

        boolean resolved() {
            return resolved;
        }

        @Override
        public void started(T v) {
            try {
                synchronized (runner) {
                    if (startedCalled) {
                        throw new IllegalStateException(ended
                                ? "task '" + child.name + "' has already ended; started() comes too late"
                                : "started() was already called for task '" + child.name + "'");
                    }
                    startedCalled = true;
                    value = v;
                    // Move the task, with every scope it entered so far, under the nursery's scope.
                    status.detach();
                    status.attachTo(scope.status());
                    pendingStarts--;
                    activeTasks.incrementAndGet();
                    resolved = true;
                }
            } finally {
                runner.flushWakes();
            }
            caller.wake();
        }

        /** Called when the task ended; returns false if it had called started() (the nursery takes over). */
        boolean finishBeforeStarted(Throwable t) {
            try {
                synchronized (runner) {
                    if (startedCalled) {
                        return false;
                    }
                    startedCalled = true; // a late started() from another thread is now an error
                    ended = true;
                    failure = t != null ? t : new IllegalStateException(
                            "task '" + child.name + "' returned without calling started()");
                    child.status.removeTask(child);
                    status.detach();
                    pendingStarts--;
                    closeIfDone();
                    resolved = true;
                }
            } finally {
                runner.flushWakes();
            }
            caller.wake();
            return true;
        }
    }
}
