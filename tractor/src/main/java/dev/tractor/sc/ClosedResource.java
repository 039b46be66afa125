package dev.tractor.sc;

import java.io.Serial;

/**
 * Raised when a handle is used after it was closed through that same handle (trio's
 * {@code ClosedResourceError}), including in a task that was blocked on the handle when another task closed
 * it. A handle closed by its peer raises {@link BrokenResource} or {@link EndOfChannel} instead.
 */
public final class ClosedResource extends ScException {
    @Serial
    private static final long serialVersionUID = 1L;

    /** Creates the exception. */
    public ClosedResource(String message) {
        super(message);
    }
}
