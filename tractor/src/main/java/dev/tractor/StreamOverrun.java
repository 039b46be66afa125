package dev.tractor;

import dev.tractor.msg.Uid;
import java.io.Serial;
import java.util.List;

/**
 * A stream lost a value because its reader's buffer ({@value Context#BUFFER} values) was full
 * ({@link Overruns#FAIL_SENDER}, the default): the sender's next send raises it, and so does the reader's
 * receive once it reaches the gap (after the values it kept). {@link #source()} is the actor whose buffer
 * overran. The reader can open its stream with {@link Overruns#ALLOW} instead.
 */
public final class StreamOverrun extends RemoteActorError {
    @Serial
    private static final long serialVersionUID = 1L;

    /** The remote type name that marks an overrun on the wire. */
    public static final String TYPE = StreamOverrun.class.getName();

    /**
     * Creates the error; the parameters are those of
     * {@link RemoteActorError#RemoteActorError(String, String, Uid, List, String, Uid, Throwable)}.
     */
    public StreamOverrun(String remoteType, String remoteMessage, Uid source, List<Uid> relayPath,
            String remoteTraceback, Uid canceller, Throwable remoteStack) {
        super(remoteType, remoteMessage, source, relayPath, remoteTraceback, canceller, remoteStack);
    }
}
