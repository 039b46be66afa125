package dev.tractor;

import dev.tractor.msg.Uid;
import java.io.Serial;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An exception raised in another actor, as seen here: it crossed one or more process boundaries as an
 * {@code Error} message and was raised again in this actor (Python tractor's {@code RemoteActorError}).
 *
 * <p>The original exception object does not cross, only its description: the type name
 * ({@link #remoteType()}), the message, the actor that raised it ({@link #source()}), the actors that
 * passed it on ({@link #relayPath()}), and the remote stack trace, both as the text that was sent
 * ({@link #remoteTraceback()}) and as real {@link StackTraceElement}s ({@link #remoteStackTrace()}). The
 * remote stack is also attached as this exception's {@linkplain #getCause() cause}, so a printed stack trace
 * and an IDE show where it happened:
 * <pre>
 * dev.tractor.RemoteActorError: IllegalStateException: boom (raised in actor worker[1a2b3c4d], relayed via middle[5e6f7a8b])
 * 	at dev.tractor...(local frames: where it was raised again here)
 * Caused by: [remote worker[1a2b3c4d]] java.lang.IllegalStateException: boom
 * 	at app//com.example.Worker.step(Worker.java:42)
 * 	at ...
 * </pre>
 * The cause is a private type: test for the remote type with {@link #isRemote(Class)} or
 * {@link #remoteType()}, never by catching it.
 *
 * <pre>{@code
 * try {
 *     portal.run(Worker::step);
 * } catch (RemoteActorError e) {
 *     if (e.isRemote(IllegalStateException.class)) { ... }
 * }
 * }</pre>
 *
 * <p>An actor that receives a {@code RemoteActorError} from a child and fails with it passes it on
 * unchanged to its own parent, adding itself to the relay path; the remote type, message, source and stack
 * stay those of the original. A peer that is not Java (Python tractor) sends its own traceback text; then
 * {@link #remoteStackTrace()} is empty and {@link #remoteTraceback()} still has the text.
 */
public sealed class RemoteActorError extends TractorException permits ContextCancelled, StreamOverrun {
    @Serial
    private static final long serialVersionUID = 1L;

    // The ids and lists are transient: this project never serializes exceptions (nor anything else with
    // Java serialization).
    private final String remoteType;
    /** The remote message, or {@code null} if it had none (kept apart from "" so that relaying keeps nil). */
    private final String remoteMessage;
    private final transient Uid source;
    private final transient List<Uid> relayPath;
    private final String remoteTraceback;
    private final transient List<StackTraceElement> remoteStackTrace;
    private final transient Uid canceller;

    /**
     * Creates the error. The runtime makes it from an error message; a program may make one to test how
     * it handles remote failures.
     *
     * @param remoteType the remote exception's fully qualified type name
     * @param remoteMessage its message, or {@code null} if it had none
     * @param source the actor where it was raised
     * @param relayPath the actors it passed through, source first; not empty
     * @param remoteTraceback the traceback text as sent
     * @param canceller the actor that cancelled the remote task, or {@code null}
     * @param remoteStack the remote stack, attached as the cause: a throwable whose stack trace is the remote
     *     frames (the runtime's prints as {@code [remote worker[1a2b3c4d]] type: message})
     */
    public RemoteActorError(String remoteType, String remoteMessage, Uid source, List<Uid> relayPath,
                     String remoteTraceback, Uid canceller, Throwable remoteStack) {
        super(describe(remoteType, remoteMessage, source, relayPath), Objects.requireNonNull(remoteStack));
        if (relayPath.isEmpty()) {
            throw new IllegalArgumentException("a relay path holds at least the source");
        }
        this.remoteType = Objects.requireNonNull(remoteType, "remoteType");
        this.remoteMessage = remoteMessage;
        this.source = Objects.requireNonNull(source, "source");
        this.relayPath = List.copyOf(relayPath);
        this.remoteTraceback = Objects.requireNonNull(remoteTraceback, "remoteTraceback");
        this.remoteStackTrace = List.of(remoteStack.getStackTrace());
        this.canceller = canceller;
    }

    /**
     * The short message: the remote type's simple name, the remote message, where it was raised and whom it
     * came through, as in {@code IllegalStateException: boom (raised in actor worker[1a2b3c4d], relayed via
     * middle[5e6f7a8b])}.
     */
    private static String describe(String remoteType, String remoteMessage, Uid source, List<Uid> relayPath) {
        StringBuilder text = new StringBuilder(remoteType.substring(remoteType.lastIndexOf('.') + 1));
        if (remoteMessage != null && !remoteMessage.isEmpty()) {
            text.append(": ").append(remoteMessage);
        }
        text.append(" (raised in actor ").append(source.shortId());
        List<String> via = new ArrayList<>();
        for (Uid hop : relayPath) {
            if (!hop.equals(source)) {
                via.add(hop.shortId());
            }
        }
        if (!via.isEmpty()) {
            text.append(", relayed via ").append(String.join(", ", via));
        }
        return text.append(')').toString();
    }

    /**
     * The fully qualified class name of the original exception, for example
     * {@code java.lang.IllegalStateException}; a Python peer's type name (such as {@code ValueError}) as it
     * sent it.
     */
    public String remoteType() {
        return remoteType;
    }

    /** The original exception's message; empty (never {@code null}) if it had none. */
    public String remoteMessage() {
        return remoteMessage == null ? "" : remoteMessage;
    }

    /** The original message as it crossed: empty if the original exception had none (for relaying). */
    public Optional<String> remoteMessageIfAny() {
        return Optional.ofNullable(remoteMessage);
    }

    /** The actor where the original exception was raised. */
    public Uid source() {
        return source;
    }

    /**
     * The actors this error passed through on its way here, in order: the {@linkplain #source() source}
     * first, then every actor that relayed it, ending with the one that sent it to this actor
     * ({@link #relayedBy()}). This actor is not in it. An error that came straight from where it was raised
     * has the path {@code [source]}; one raised in {@code leaf}, relayed by {@code mid} and then by
     * {@code top} to here has {@code [leaf, mid, top]}.
     */
    public List<Uid> relayPath() {
        return relayPath;
    }

    /**
     * The actor that sent this error to this actor: the last of the {@linkplain #relayPath() relay path},
     * which is the {@linkplain #source() source} when nobody relayed it.
     */
    public Uid relayedBy() {
        return relayPath.getLast();
    }

    /**
     * The remote stack trace, innermost frame first, read back from the traceback text; empty if the text
     * held no Java frames (a Python peer's traceback, for one). The names of built-in class loaders and the
     * versions of JDK modules are not carried. The causes of the original exception, if the text had them,
     * are the further causes of {@link #getCause()}.
     */
    public List<StackTraceElement> remoteStackTrace() {
        return remoteStackTrace;
    }

    /**
     * The remote traceback as it was sent: for a Java peer, the original exception's
     * {@code printStackTrace} text (possibly cut at 1024 frames or 64 KiB); for a Python peer, its
     * formatted traceback; possibly empty.
     */
    public String remoteTraceback() {
        return remoteTraceback;
    }

    /**
     * Whether the original exception was of the given type: true when {@link #remoteType()} is exactly
     * {@code type}'s name. Supertypes do not match (only the type name crosses), so
     * {@code isRemote(RuntimeException.class)} is false for a remote {@code IllegalStateException}.
     *
     * @param type the exception type to test for
     * @return whether the remote type is {@code type}
     */
    public boolean isRemote(Class<? extends Throwable> type) {
        return remoteType.equals(type.getName());
    }

    /** The actor that cancelled the remote task, when the error reports a cancellation. */
    public Optional<Uid> canceller() {
        return Optional.ofNullable(canceller);
    }
}
