package dev.tractor.sc;

import java.io.Serial;

/**
 * Raised when the other side of a resource is gone: sending on a channel whose receiving handles have all
 * been closed (trio's {@code BrokenResourceError}). Values already buffered are dropped.
 */
public final class BrokenResource extends ScException {
    @Serial
    private static final long serialVersionUID = 1L;

    /** Creates the exception. */
    public BrokenResource(String message) {
        super(message);
    }
}
