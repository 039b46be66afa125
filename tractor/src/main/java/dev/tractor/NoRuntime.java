package dev.tractor;

import java.io.Serial;

/**
 * Raised by calls that need an actor runtime (such as {@link Tractor#currentActor()}) when none runs in
 * this process: start one with {@link Tractor#run} or {@link Tractor#openNursery}.
 */
public final class NoRuntime extends TractorException {
    @Serial
    private static final long serialVersionUID = 1L;

    /** Creates the exception. */
    public NoRuntime(String message) {
        super(message);
    }
}
