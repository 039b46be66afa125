package dev.tractor;

import java.io.Serial;

/**
 * Raised by {@link ActorNursery#startActor} and {@link ActorNursery#runInActor} when the nursery has
 * closed: its block has ended (the nursery was used after {@code openNursery} returned, from a task that is
 * not the nursery's), or it ended while the actor was starting, in which case the actor was ended before
 * this was raised. A nursery reaps every child before its block returns, so it takes no new ones after
 * that; start actors from the nursery's body or from tasks it waits for. No process is left behind.
 */
public final class ActorNurseryClosed extends ActorStartFailed {
    @Serial
    private static final long serialVersionUID = 1L;

    /** Creates the exception. */
    public ActorNurseryClosed(String message) {
        super(message);
    }

    /** Creates the exception with its cause. */
    public ActorNurseryClosed(String message, Throwable cause) {
        super(message, cause);
    }
}
