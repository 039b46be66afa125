package dev.tractor;

import dev.tractor.msg.Uid;
import java.io.Serial;
import java.util.List;

/**
 * The remote task of a context was cancelled, and not at this side's request: {@link #canceller()} names the
 * actor that asked (another actor that cancelled the shared target with {@link Portal#cancelActor}, or the
 * remote actor itself, whose task cancelled itself). Python tractor's {@code ContextCancelled}.
 *
 * <p>When this side asked for the cancel itself ({@link Context#cancel()}, or {@code cancelActor} on the
 * remote actor, or the opening task was cancelled), the context ends quietly instead: no
 * {@code ContextCancelled} is raised.
 */
public final class ContextCancelled extends RemoteActorError {
    @Serial
    private static final long serialVersionUID = 1L;

    /** The remote type name that marks a cancelled context on the wire. */
    public static final String TYPE = ContextCancelled.class.getName();

    /**
     * Creates the error; the parameters are those of
     * {@link RemoteActorError#RemoteActorError(String, String, Uid, List, String, Uid, Throwable)}.
     */
    public ContextCancelled(String remoteType, String remoteMessage, Uid source, List<Uid> relayPath,
            String remoteTraceback, Uid canceller, Throwable remoteStack) {
        super(remoteType, remoteMessage, source, relayPath, remoteTraceback, canceller, remoteStack);
    }
}
