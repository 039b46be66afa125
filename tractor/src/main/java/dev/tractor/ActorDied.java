package dev.tractor;

import java.io.Serial;

/**
 * Raised from an {@link ActorNursery} when one of its child actors' processes ended without being asked
 * to (it crashed, ran out of memory, was killed from outside, or its own code called {@code System.exit},
 * whatever the status), and from the calls that were waiting on that child ({@link Portal#run},
 * {@link Portal#result}): the same exception, naming the actor, its pid and its exit status. Like any
 * failure in a nursery, it cancels the nursery's other children. (A child that another actor of the tree
 * cancelled ends in order, with status 0: not a death.)
 */
public final class ActorDied extends TractorException {
    @Serial
    private static final long serialVersionUID = 1L;

    /** Creates the exception. */
    public ActorDied(String message) {
        super(message);
    }
}
