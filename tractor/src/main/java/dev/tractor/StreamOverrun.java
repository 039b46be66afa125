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
    static final String TYPE = StreamOverrun.class.getName();

    StreamOverrun(String remoteType, String remoteMessage, Uid source, List<Uid> relayPath,
            String remoteTraceback, Uid canceller, RemoteStack remoteStack) {
        super(remoteType, remoteMessage, source, relayPath, remoteTraceback, canceller, remoteStack);
    }
}
