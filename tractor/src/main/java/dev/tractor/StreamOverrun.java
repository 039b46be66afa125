package dev.tractor;

import dev.tractor.msg.Uid;
import java.io.Serial;
import java.util.List;

/**
 * This side sent stream values faster than the other side of the context read them: its receive buffer
 * ({@value Context#BUFFER} values) was full, so it dropped a value and said so ({@link Overruns#FAIL_SENDER},
 * the default). Raised by the sender's next stream operation; {@link #source()} is the actor whose buffer
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
