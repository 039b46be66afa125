package dev.tractor.internal.errors;

import dev.tractor.RemoteActorError;
import dev.tractor.msg.Uid;
import java.io.Serial;
import java.util.List;

/**
 * The remote side of a {@link RemoteActorError}: the exception as it was raised in another actor, with the
 * remote stack trace as its own, attached as the cause so that {@code printStackTrace} and IDEs show where
 * it happened:
 * <pre>
 * dev.tractor.RemoteActorError: IllegalStateException: boom (raised in actor worker[1a2b3c4d])
 * 	at ...local frames...
 * Caused by: [remote worker[1a2b3c4d]] java.lang.IllegalStateException: boom
 * 	at app//com.example.Worker.step(Worker.java:42)
 * </pre>
 * The remote exception's own causes, if its traceback carried them, follow as further {@code RemoteStack}s.
 * It never fills in a local stack trace: its stack is the remote one, set when it is made.
 */
public final class RemoteStack extends Throwable {
    @Serial
    private static final long serialVersionUID = 1L;

    /** The actor where it was raised; transient because this project never serializes exceptions. */
    private final transient Uid source;
    private final String remoteType;
    /** The traceback text when it was not a Java one (a Python peer's, say), else empty. */
    private final String foreignTraceback;

    /**
     * Creates the remote stack of one remote exception.
     *
     * @param source the actor where it was raised
     * @param remoteType the remote exception's type name
     * @param message the remote message, or {@code null} if it had none
     * @param frames the remote frames, innermost first; may be empty
     * @param foreignTraceback a traceback text that could not be read as Java frames, shown by
     *     {@link #toString()}; empty if none
     * @param cause the remote exception's own cause, or {@code null}
     */
    RemoteStack(Uid source, String remoteType, String message, List<StackTraceElement> frames,
                String foreignTraceback, RemoteStack cause) {
        super(message, cause, false, true);
        this.source = source;
        this.remoteType = remoteType;
        this.foreignTraceback = foreignTraceback;
        setStackTrace(frames.toArray(StackTraceElement[]::new));
    }

    /** No local stack: the remote one is set by the constructor. */
    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }

    /** The remote exception's type name, as the remote actor reported it. */
    String remoteType() {
        return remoteType;
    }

    /**
     * {@code [remote worker[1a2b3c4d]] java.lang.IllegalStateException: boom}, followed, when the remote
     * traceback was not a Java one, by its lines (tab-indented), so that logs still show it.
     */
    @Override
    public String toString() {
        String message = getMessage();
        String text = "[remote " + source.shortId() + "] " + remoteType + (message == null ? "" : ": " + message);
        if (foreignTraceback.isBlank()) {
            return text;
        }
        StringBuilder out = new StringBuilder(text);
        foreignTraceback.strip().lines().forEach(line -> out.append("\n\t").append(line));
        return out.toString();
    }
}
