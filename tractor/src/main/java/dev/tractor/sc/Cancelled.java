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
