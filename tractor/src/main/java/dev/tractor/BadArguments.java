package dev.tractor;

import java.io.Serial;

/**
 * Raised when the arguments of a call do not fit the function: an argument is missing or unexpected, or
 * a value does not bind to its parameter's declared type. The message names the function and the
 * argument's path, as in {@code args.point.x: expected int, got string}; for a value that does not bind,
 * the cause is the {@link dev.tractor.msg.PayloadMismatch}.
 *
 * <p>Raised in the callee before the function runs, and sent back as the error of that one call; the
 * actor goes on serving others.
 */
public final class BadArguments extends TractorException {
    @Serial
    private static final long serialVersionUID = 1L;

    /** Creates the exception. */
    public BadArguments(String message) {
        super(message);
    }

    /** Creates the exception with its cause. */
    public BadArguments(String message, Throwable cause) {
        super(message, cause);
    }
}
