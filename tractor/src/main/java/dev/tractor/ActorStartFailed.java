package dev.tractor;

import java.io.Serial;

/**
 * Raised by {@link ActorNursery#startActor} and {@link ActorNursery#runInActor} when a child actor could
 * not be started: its JVM could not be launched, it exited before it connected back, or it did not
 * connect within the start timeout, or its actor nursery has closed ({@link ActorNurseryClosed}). No
 * process is left behind.
 */
public class ActorStartFailed extends TractorException {
    @Serial
    private static final long serialVersionUID = 1L;

    /** Creates the exception. */
    public ActorStartFailed(String message) {
        super(message);
    }

    /** Creates the exception with its cause. */
    public ActorStartFailed(String message, Throwable cause) {
        super(message, cause);
    }
}
