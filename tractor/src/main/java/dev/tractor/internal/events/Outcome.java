package dev.tractor.internal.events;

import dev.tractor.ContextCancelled;
import dev.tractor.RemoteActorError;
import dev.tractor.sc.Cancelled;

/**
 * How a call or context ended, as the events say it: {@code returned}, {@code cancelled}, or
 * {@code error <type>} (for a remote failure, the remote error's type).
 */
public final class Outcome {
    public static final String RETURNED = "returned";
    public static final String CANCELLED = "cancelled";

    private Outcome() {
    }

    /** The outcome of something that ended with {@code failure}, or returned if it is null. */
    public static String of(Throwable failure) {
        if (failure == null) {
            return RETURNED;
        }
        if (failure instanceof Cancelled || failure instanceof ContextCancelled) {
            return CANCELLED;
        }
        if (failure instanceof RemoteActorError remote) {
            return remote.isRemote(Cancelled.class) ? CANCELLED : error(remote.remoteType());
        }
        return error(failure.getClass().getName());
    }

    /** The outcome of a failure of type {@code type} (a class name, maybe of another actor's language). */
    public static String error(String type) {
        return type.equals(ContextCancelled.TYPE) || type.equals(Cancelled.class.getName()) ? CANCELLED
                : "error " + type;
    }
}
