package dev.tractor.sc;

import java.io.IOException;
import java.nio.channels.ClosedByInterruptException;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/**
 * Entry point of the structured-concurrency layer: {@link #run(Action) run} a task tree, and the
 * checkpoints every task can call ({@link #checkpoint()}, {@link #sleep}, {@link #sleepForever()}).
 *
 * <p>A <em>checkpoint</em> is a call that checks for cancellation: if the calling task is inside a
 * cancelled {@link CancelScope} it raises {@link Cancelled}, on entry and whenever it would otherwise keep
 * waiting. Every blocking call of this package is a checkpoint; the methods of this class say which they
 * are. Checkpoints must be called from a task, that is, from the body given to {@code run} or from a task
 * started in a {@link Nursery}; elsewhere they raise {@link IllegalStateException}.
 */
public final class Sc {
    private Sc() {
    }

    // ---- running a tree -------------------------------------------------------------------------------

    /**
     * Runs {@code body} as the root task of a new task tree on the {@linkplain Clock#system() system clock}
     * and returns its value once the body and every task it started have ended. Equivalent to
     * {@code run(Clock.system(), body)}.
     *
     * <p>The body runs as the root task on a virtual thread of its own, like every other task, so that
     * everything in a run behaves the same (blocking socket I/O, for one, can be cancelled through
     * {@link #interruptible} only on virtual threads); the calling thread waits for it.
     *
     * @throws X what the body raised (one failure as itself, several as an {@link ExceptionGroup})
     * @throws InterruptedException if the calling thread, or any task of the run, was interrupted by
     *     someone other than the runtime: the whole run is then cancelled (like Ctrl-C in trio) and this is
     *     raised once it has unwound
     * @throws IllegalStateException if called from inside a task: open a {@link Nursery} instead
     */
    public static <T, X extends Exception> T run(Computation<T, X> body) throws X, InterruptedException {
        return run(Clock.system(), body);
    }

    /** Like {@link #run(Computation)} for a body with no value. */
    public static <X extends Exception> void run(Action<X> body) throws X, InterruptedException {
        run(Clock.system(), body);
    }

    /** Like {@link #run(Action)} with every deadline of the run measured on {@code clock}. */
    public static <X extends Exception> void run(Clock clock, Action<X> body) throws X, InterruptedException {
        run(clock, () -> {
            body.run();
            return null;
        });
    }

    /**
     * Like {@link #run(Computation)} with every deadline of the run measured on {@code clock}, for example
     * an autojumping mock clock in tests.
     */
    public static <T, X extends Exception> T run(Clock clock, Computation<T, X> body)
            throws X, InterruptedException {
        if (Task.currentOrNull() != null) {
            throw new IllegalStateException("Sc.run cannot be called from inside a task of a running tree; "
                    + "open a Nursery to start more tasks");
        }
        Runner runner = new Runner(clock);
        CancelScope root = new CancelScope();
        runner.rootScope = root;
        Task task = new Task(runner, "sc-root");
        new CancelStatus(new CancelScope(), null).addTask(task); // a base the root scope can nest in
        Object[] outcome = new Object[2];
        CountDownLatch done = new CountDownLatch(1);
        task.start(() -> {
            try {
                outcome[0] = root.call(body).orElse(null);
            } catch (Throwable t) {
                outcome[1] = t;
            } finally {
                done.countDown();
            }
        });
        awaitUninterruptibly(done, runner);
        runner.finish();
        Throwable failure = (Throwable) outcome[1];
        if (runner.interrupted) {
            InterruptedException ie = new InterruptedException("the run was cancelled by an interrupt");
            if (failure != null && !(failure instanceof Cancelled)) {
                ie.addSuppressed(failure);
            }
            throw ie;
        }
        if (failure != null) {
            throw Sc.<X>sneaky(failure);
        }
        @SuppressWarnings("unchecked")
        T value = (T) outcome[0];
        return value;
    }

    private static void awaitUninterruptibly(CountDownLatch done, Runner runner) {
        for (;;) {
            try {
                done.await();
                return;
            } catch (InterruptedException e) {
                runner.foreignInterrupt(null); // cancel everything, then keep waiting for the unwinding
            }
        }
    }

    // ---- checkpoints --------------------------------------------------------------------------------

    /**
     * A checkpoint and nothing else: raises {@link Cancelled} if the calling task is cancelled. Call it in
     * long computations that have no other checkpoint so that they can be cancelled.
     */
    public static void checkpoint() {
        Task.current("Sc.checkpoint").checkpoint();
    }

    /** Sleeps for {@code duration} on the run's clock. A checkpoint: cancellation ends the sleep early. */
    public static void sleep(Duration duration) {
        Task task = Task.current("Sc.sleep");
        task.checkpoint();
        if (duration.isZero() || duration.isNegative()) {
            return;
        }
        sleepUntil(task, CancelScope.saturatedAdd(task.runner.clock.nanoTime(),
                CancelScope.saturatedNanos(duration)));
    }

    /**
     * Sleeps until the run's clock reaches {@code deadline} (nanoseconds, as {@link #now()}). A checkpoint,
     * even if the deadline has passed: cancellation ends the sleep early.
     */
    public static void sleepUntil(long deadline) {
        Task task = Task.current("Sc.sleepUntil");
        task.checkpoint();
        sleepUntil(task, deadline);
    }

    private static void sleepUntil(Task task, long deadline) {
        if (deadline <= task.runner.clock.nanoTime()) {
            return;
        }
        // The sleep's own deadline ends the loop without raising: an exception per sleep would cost a
        // stack trace each time. Any other cancellation raises at the checkpoint, as usual.
        CancelScope sleep = new CancelScope().deadline(deadline);
        sleep.run(() -> {
            while (!sleep.cancelCalled()) {
                task.checkpoint();
                task.block();
            }
        });
        task.checkpoint();
    }

    /** Blocks until the task is cancelled, then raises {@link Cancelled}. A checkpoint. */
    public static void sleepForever() {
        parkUntilCancelled(Task.current("Sc.sleepForever"));
    }

    private static void parkUntilCancelled(Task task) {
        for (;;) {
            task.checkpoint();
            task.block();
        }
    }

    // ---- time ---------------------------------------------------------------------------------------

    /** The current time on the run's clock, in nanoseconds. Not a checkpoint. */
    public static long now() {
        return Task.current("Sc.now").runner.clock.nanoTime();
    }

    /**
     * The deadline that applies to the calling task now: the earliest deadline of its enclosing scopes up
     * to the nearest shield, {@code Long.MAX_VALUE} when there is none, and {@code Long.MIN_VALUE} when the
     * task is already cancelled. Not a checkpoint.
     */
    public static long currentEffectiveDeadline() {
        Task task = Task.current("Sc.currentEffectiveDeadline");
        Runner runner = task.runner;
        try {
            synchronized (runner) {
                CancelStatus s = task.status;
                if (s.effectivelyCancelled) {
                    return Long.MIN_VALUE;
                }
                long earliest = Long.MAX_VALUE;
                for (; s != null; s = s.parent) {
                    earliest = Math.min(earliest, s.scope.deadline());
                    if (s.scope.shield()) {
                        break;
                    }
                }
                return earliest;
            }
        } finally {
            runner.flushWakes();
        }
    }

    /** Whether the calling thread runs a task of some {@code Sc.run}. Not a checkpoint. */
    public static boolean inTask() {
        return Task.currentOrNull() != null;
    }

    /**
     * Whether the runtime may interrupt the calling thread: it runs a task inside {@link #interruptible}.
     * Code that must not be interrupted (I/O on an {@code InterruptibleChannel}, which an interrupt closes)
     * can take another path then. Not a checkpoint.
     */
    public static boolean inInterruptible() {
        Task task = Task.currentOrNull();
        return task != null && task.interruptArmed();
    }

    /** The name of the calling task (its virtual thread's name). Not a checkpoint. */
    public static String currentTaskName() {
        return Task.current("Sc.currentTaskName").name;
    }

    // ---- foreign blocking code --------------------------------------------------------------------------

    /**
     * Runs blocking code that knows nothing of this runtime (JDK {@code Thread.sleep}, blocking I/O, a
     * JDBC call) so that cancellation can reach it: while {@code body} runs, cancelling the task interrupts
     * its thread once. If the body then fails with {@link InterruptedException} or any {@link IOException}
     * (a {@link ClosedByInterruptException}, a socket's "Closed by interrupt"), that failure becomes
     * {@link Cancelled} (with the original as cause); the runtime's interrupt never leaks past this call.
     * Note that the interrupt closes NIO channels and sockets the body was blocked on. A checkpoint on
     * entry.
     *
     * <p>The method declares what the body declares (so wrapping {@code Thread.sleep} declares
     * {@link InterruptedException}), although an interrupt sent by the runtime always comes out as
     * {@link Cancelled}.
     *
     * <p>An {@link InterruptedException} or {@link ClosedByInterruptException} that the runtime did not cause
     * (someone else called {@code Thread.interrupt()} on the task) cancels the whole run, and {@link Sc#run}
     * raises {@link InterruptedException}. Other failures the runtime did not cause, such as a library's own
     * {@link java.io.InterruptedIOException} timeout, pass through unchanged.
     */
    public static <T, X extends Exception> T interruptible(Computation<T, X> body) throws X {
        Task task = Task.current("Sc.interruptible");
        task.checkpoint();
        task.armInterrupt();
        if (task.cancelRequested()) {
            task.disarmInterrupt();
            throw task.cancelled();
        }
        T value;
        try {
            value = body.compute();
        } catch (Throwable t) {
            boolean ours = task.disarmInterrupt();
            if (ours && (t instanceof InterruptedException || t instanceof IOException) && task.cancelRequested()) {
                // Blocking sockets on virtual threads report our interrupt as "SocketException: Closed by
                // interrupt", so once we did interrupt, any I/O failure of the body is taken as its effect.
                // The runtime interrupts only a cancelled task; one that is no longer cancelled (a shield
                // set since) gets the body's own failure: a Cancelled there would have no scope to end.
                Cancelled c = task.cancelled();
                c.initCause(t);
                throw c;
            }
            if (!ours && (t instanceof InterruptedException || t instanceof ClosedByInterruptException)) {
                // Someone else interrupted the thread: that cancels the run (the interrupt policy). Inside a
                // shield the task is not cancelled yet, so the body's own failure goes on unchanged.
                task.runner.foreignInterrupt(task);
                if (task.cancelRequested()) {
                    Cancelled c = task.cancelled();
                    c.initCause(t);
                    throw c;
                }
            }
            throw t;
        }
        task.disarmInterrupt();
        return value;
    }

    /** Like {@link #interruptible(Computation)} for a body with no value. */
    public static <X extends Exception> void interruptible(Action<X> body) throws X {
        interruptible(() -> {
            body.run();
            return null;
        });
    }

    /**
     * How long {@link #await} waits, after it cancelled a future because its task was cancelled, for the
     * future to settle before the {@link Cancelled} goes on.
     */
    public static final Duration AWAIT_SETTLE = Duration.ofSeconds(1);

    /**
     * Waits for a future of foreign asynchronous code (a {@link CompletableFuture}, the JDK's
     * {@code HttpClient.sendAsync}, a driver's {@link CompletionStage}) and returns its value. A checkpoint,
     * also when the future has completed already.
     *
     * <ul>
     * <li>A future that failed raises its real cause, the exception the foreign code raised, not the
     *     {@link CompletionException} or {@link ExecutionException} that wraps it (hence {@code throws
     *     Exception}, as for {@link Nursery#open}: a checked cause comes out as itself).</li>
     * <li>A future cancelled by its other side raises {@link ForeignCancelled}.</li>
     * <li>Cancelling the waiting task cancels the future ({@link Future#cancel Future.cancel(true)}, which
     *     for {@code HttpClient.sendAsync} aborts the request), waits at most {@link #AWAIT_SETTLE}, shielded,
     *     for it to settle, and raises {@link Cancelled}. A stage that is no {@link Future} is cancelled
     *     through {@link CompletionStage#toCompletableFuture()} when it supports that; a stage that does not
     *     is only given up on. What the foreign code does about a cancelled future is its own affair: a
     *     {@code CompletableFuture.supplyAsync} task, for one, runs on, unaware.</li>
     * </ul>
     *
     * @throws IllegalStateException outside a task of {@link #run(Action)}
     */
    public static <T> T await(CompletionStage<T> stage) throws Exception {
        java.util.Objects.requireNonNull(stage, "stage");
        CompletableFuture<T> future = asFuture(stage);
        try {
            awaitDone(future, "Sc.await");
        } catch (Cancelled c) {
            cancel(stage, future);
            new CancelScope().shield(true).run(() -> Timeouts.moveOnAfter(AWAIT_SETTLE,
                    () -> awaitDone(future, "Sc.await")));
            throw c;
        }
        Throwable failure = failureOf(future, "the future was cancelled by its other side",
                "a stage the future depends on was cancelled by its other side");
        if (failure != null) {
            throw Sc.<Exception>sneaky(failure);
        }
        return future.join();
    }

    /**
     * Waits until {@code future} is done, whatever thread completes it. A checkpoint, also when it is done
     * already: cancellation raises {@link Cancelled} and leaves the future as it is.
     */
    static void awaitDone(CompletableFuture<?> future, String what) {
        if (future.isDone()) {
            Task.current(what).checkpoint();
            return;
        }
        Event done = new Event();
        future.whenComplete((value, failure) -> done.set());
        done.await();
    }

    /**
     * Starts {@code body} as the root task of a new run on a virtual thread of its own and returns at once a
     * future of its value: the way foreign code (a callback of an event loop, a framework's handler, any
     * thread) starts structured work. Not a checkpoint; callable from any thread, a task's included.
     *
     * <ul>
     * <li>The future completes only once the body and every task it started have ended: with the body's value,
     *     or with what it raised, as itself (one failure, or an {@link ExceptionGroup}).</li>
     * <li>{@link CompletableFuture#cancel cancel} cancels the run, and the future completes, cancelled, once the
     *     run has unwound ({@code finally} blocks included), not at once. {@code complete},
     *     {@code completeExceptionally}, {@code orTimeout} and {@code completeOnTimeout} do the same with
     *     their own outcome: nothing of the run is left behind a future that says it is done.</li>
     * <li>A task that waits for it with {@link #await} and is cancelled cancels the run, and waits (at most
     *     {@link #AWAIT_SETTLE}) for it to end.</li>
     * </ul>
     */
    public static <T> CompletableFuture<T> runAsync(Computation<T, ? extends Exception> body) {
        java.util.Objects.requireNonNull(body, "body");
        return AsyncRun.start(body);
    }

    /** The stage as a future to watch: itself when it is one, else its own view, else a copy. */
    static <T> CompletableFuture<T> asFuture(CompletionStage<T> stage) {
        try {
            return stage.toCompletableFuture();
        } catch (UnsupportedOperationException noView) {
            CompletableFuture<T> copy = new CompletableFuture<>();
            stage.whenComplete((value, failure) -> {
                if (failure != null) {
                    copy.completeExceptionally(failure);
                } else {
                    copy.complete(value);
                }
            });
            return copy;
        }
    }

    /** Cancels the foreign side of {@code stage} as far as the stage lets it. */
    private static void cancel(CompletionStage<?> stage, CompletableFuture<?> watched) {
        if (stage instanceof Future<?> f && f != watched) {
            try {
                f.cancel(true);
            } catch (UnsupportedOperationException notAllowed) {
                // a minimal stage: only its view can be cancelled
            }
        }
        watched.cancel(true); // the stage itself (a CompletableFuture), its view, or our copy
    }

    /**
     * How a done future failed, as its waiter should see it: null if it completed normally; its real cause
     * (under {@link CompletionException} and {@link ExecutionException} wrappers); {@link ForeignCancelled}
     * with {@code cancelled} if it was cancelled, with {@code stageCancelled} if a stage it depends on was.
     */
    static Throwable failureOf(CompletableFuture<?> done, String cancelled, String stageCancelled) {
        try {
            done.join();
            return null;
        } catch (CancellationException c) {
            return new ForeignCancelled(cancelled, c);
        } catch (CompletionException wrapped) {
            Throwable cause = realCause(wrapped);
            if (cause instanceof CancellationException c) {
                return new ForeignCancelled(stageCancelled, c);
            }
            // a Throwable that is neither an Exception nor an Error cannot be raised as itself
            return cause instanceof Exception || cause instanceof Error ? cause : wrapped;
        }
    }

    /** {@code t} without the {@link CompletionException} and {@link ExecutionException} wrappers around it. */
    static Throwable realCause(Throwable t) {
        Throwable cause = t;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    @SuppressWarnings("unchecked")
    static <E extends Throwable> E sneaky(Throwable t) throws E {
        throw (E) t;
    }
}
