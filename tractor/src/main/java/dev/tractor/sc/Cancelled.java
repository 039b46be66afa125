package dev.tractor.sc;

import java.io.Serial;

/**
 * Raised at a checkpoint inside a cancelled {@link CancelScope}: the signal that unwinds a task so that
 * its scope can end.
 *
 * <p>It is an {@link Error}, not an {@link Exception}, for the same reason trio derives its
 * {@code Cancelled} from {@code BaseException}: a {@code catch (Exception e)} meant for ordinary failures
 * must not swallow it. Code may catch it to clean up, but should rethrow it; a task that swallows it is
 * cancelled again at its next checkpoint anyway, because cancellation is level-triggered (it stays in
 * force until the cancelled scope is left).
 *
 * <p>Only the runtime creates it. The scope that was cancelled catches it when it unwinds to it, so it
 * never escapes {@link Sc#run(Action)}.
 *
 * <p>It belongs to the task and the scope it was raised for: do not store one to rethrow it later, and
 * do not hand it to another task. A {@code Cancelled} that reaches a scope or a nursery when neither it nor
 * an enclosing scope (up to the nearest shield) was cancelled is reported as an
 * {@link IllegalStateException} with the {@code Cancelled} as its cause, never absorbed (ADR 0018).
 */
public final class Cancelled extends Error {
    @Serial
    private static final long serialVersionUID = 1L;

    Cancelled(String message) {
        super(message);
    }

    Cancelled(String message, Throwable cause) {
        super(message, cause);
    }
}
