package dev.tractor.sc;

import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;

/**
 * The future of {@link Sc#runAsync}: a run on a virtual thread of its own, whose outcome completes the
 * future only once the body and every task it started have ended.
 *
 * <p>Whatever would complete it from outside ({@link #cancel}, {@link #complete}, {@link #completeExceptionally},
 * and so {@code orTimeout} and {@code completeOnTimeout}) cancels the run instead and takes effect when the run
 * has ended: structured work must not be left running behind a future that says it is done. Stages made from
 * it ({@code thenApply} and the like) are ordinary futures.
 */
final class AsyncRun<T> extends CompletableFuture<T> {
    private final CancelScope scope = new CancelScope();
    /** What completes the future once the run has ended, if something from outside asked for an outcome. */
    private Object asked; // a Box of the value, a Throwable, or null; guarded by this
    private boolean ended; // guarded by this

    private record Box(Object value) {
    }

    /** Starts {@code body} in a run of its own. */
    static <T> AsyncRun<T> start(Computation<T, ? extends Exception> body) {
        AsyncRun<T> future = new AsyncRun<>();
        Thread.ofVirtual().name("sc-run-async").start(() -> future.run(body));
        return future;
    }

    private void run(Computation<T, ? extends Exception> body) {
        Object outcome;
        try {
            Optional<T> value = Sc.run(() -> scope.call(body));
            outcome = scope.cancelledCaught() ? new CancellationException("the run was cancelled")
                    : new Box(value.orElse(null)); // a body may return null
        } catch (Throwable failure) {
            outcome = failure;
        }
        Object result;
        synchronized (this) {
            ended = true;
            result = asked != null ? asked : outcome;
        }
        settle(result);
    }

    @SuppressWarnings("unchecked")
    private void settle(Object result) {
        if (result instanceof Box box) {
            super.complete((T) box.value());
        } else if (result instanceof CancellationException c) {
            super.cancel(false);
        } else {
            super.completeExceptionally((Throwable) result);
        }
    }

    /** Records what the future is to complete with and cancels the run; settles at once if it has ended. */
    private boolean ask(Object outcome) {
        boolean settleNow;
        synchronized (this) {
            if (isDone() || asked != null) {
                return false;
            }
            asked = outcome;
            settleNow = ended;
        }
        if (settleNow) {
            settle(outcome);
        } else {
            scope.cancel();
        }
        return true;
    }

    /**
     * Cancels the run; the future completes, cancelled, once the run has ended (its tasks' {@code finally}
     * blocks included), not at once. {@code mayInterruptIfRunning} makes no difference: the run's tasks are
     * cancelled at their checkpoints.
     *
     * @return whether this call asked for the cancellation (false if the future had completed, or another
     *     outcome had been asked for already)
     */
    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
        return ask(new CancellationException("cancelled through its future"));
    }

    /** Cancels the run and completes the future with {@code value} once the run has ended. */
    @Override
    public boolean complete(T value) {
        return ask(new Box(value));
    }

    /** Cancels the run and completes the future with {@code failure} once the run has ended. */
    @Override
    public boolean completeExceptionally(Throwable failure) {
        return ask(Objects.requireNonNull(failure, "failure"));
    }

    @Override
    public <U> CompletableFuture<U> newIncompleteFuture() {
        return new CompletableFuture<>();
    }
}
