package dev.tractor;

import java.io.Serial;

/** Base of the unchecked exceptions of the actor runtime. */
public class TractorException extends RuntimeException {
    @Serial
    private static final long serialVersionUID = 1L;

    /** Creates the exception. */
    public TractorException(String message) {
        super(message);
    }

    /** Creates the exception with its cause. */
    public TractorException(String message, Throwable cause) {
        super(message, cause);
    }
}
