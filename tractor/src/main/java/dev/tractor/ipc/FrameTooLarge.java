package dev.tractor.ipc;

import java.io.Serial;

/**
 * Raised when a message is larger than the limit on one message (one frame of the wire): 64 MiB unless the
 * system property {@value #LIMIT_PROPERTY} says otherwise (a number of bytes; every actor of a tree gets
 * the root's value).
 *
 * <p><b>From a send</b>, it fails only that one call or send, and at once: the size is checked where the
 * message is made, before anything is written, so the connection, the actor at the other end and the
 * stream it was for stay usable, and the next call or value goes through. It is thrown by
 * {@code Portal.run}, {@code runInActor}, {@code openContext} and {@code openStreamFrom} for an argument
 * (nothing was sent, the function was not started), by {@code Context.started} for a started value, and by
 * {@code MsgStream.send} and {@code Emitter.emit} for a stream value. A function whose result is too large
 * fails its caller instead: the caller gets a {@code RemoteActorError} whose boxed type is this class, with
 * the size in its message, and the actor that ran the function stays up.
 *
 * <p><b>From a peer</b>, a frame announced larger than the limit is a broken protocol (the peer ignored
 * the limit, or is not an actor): the connection ends, and the calls on it fail with the connection's end.
 *
 * <p>The message names the real size, as in {@code a message of 1,073,741,852 bytes is larger than the
 * limit of 67,108,864 bytes (tractor.ipc.maxFrameBytes)}; {@link #bytes()} and {@link #limit()} give both
 * numbers.
 */
public final class FrameTooLarge extends IpcException {
    @Serial
    private static final long serialVersionUID = 1L;

    /** The system property that sets the limit on one message, in bytes. */
    public static final String LIMIT_PROPERTY = "tractor.ipc.maxFrameBytes";

    private final long bytes;
    private final long limit;

    /** Creates the exception: {@code message} says what was too large; {@code bytes} its size. */
    public FrameTooLarge(String message, long bytes, long limit) {
        super(message);
        this.bytes = bytes;
        this.limit = limit;
    }

    /** The size, in bytes, of the message or value that was too large (its encoded, msgpack size). */
    public long bytes() {
        return bytes;
    }

    /** The limit it passed, in bytes. */
    public long limit() {
        return limit;
    }
}
