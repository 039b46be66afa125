package dev.tractor;

import java.io.Serial;

/**
 * Raised from an {@link ActorNursery} when one of its child actors' processes ended without being asked
 * to (it crashed, ran out of memory, or was killed from outside). Like any failure in a nursery, it
 * cancels the nursery's other children.
 */
public final class ActorDied extends TractorException {
    @Serial
    private static final long serialVersionUID = 1L;

    /** Creates the exception. */
    public ActorDied(String message) {
        super(message);
    }
}
