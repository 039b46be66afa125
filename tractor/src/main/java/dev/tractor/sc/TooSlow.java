package dev.tractor.sc;

import java.io.Serial;

/**
 * Raised by {@link Timeouts#failAfter(java.time.Duration, Computation)} and friends when the body did not
 * finish before the deadline (trio's {@code TooSlowError}).
 */
public final class TooSlow extends ScException {
    @Serial
    private static final long serialVersionUID = 1L;

    /** Creates the exception. */
    public TooSlow(String message) {
        super(message);
    }
}
