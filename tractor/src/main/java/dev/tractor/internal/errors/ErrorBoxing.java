package dev.tractor.internal.errors;

import dev.tractor.ContextCancelled;
import dev.tractor.RemoteActorError;
import dev.tractor.StreamOverrun;
import dev.tractor.internal.msg.Msg;
import dev.tractor.msg.Uid;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Turns an exception into the {@code Error} message that carries it to another actor ({@link #box}), and
 * such a message back into a {@link RemoteActorError} ({@link #unbox}).
 *
 * <p>A local exception is boxed with this actor as its source and its whole relay path. A
 * {@code RemoteActorError} that this actor passes on (a child failed, and so this actor fails) is boxed as
 * a relay: the source, type, message, traceback and canceller stay the original's, the boxed type becomes
 * {@code dev.tractor.RemoteActorError}, and this actor is added to the end of the relay path. The message
 * and the stack trace are text, in the format of {@link TracebackText}; no exception object crosses and Java
 * serialization is never used.
 *
 * <p>Unboxing is tolerant: the message comes from another process, maybe not a Java one, and whatever of
 * its traceback cannot be read as Java frames is kept as text only.
 */
public final class ErrorBoxing {
    /** The {@code boxed_type_str} of a relayed error. */
    static final String RELAYED_TYPE = RemoteActorError.class.getName();

    private ErrorBoxing() {}

    /**
     * The {@code Error} message for an exception raised or passed on in this actor.
     *
     * <p>For a local exception: source {@code self}, source and boxed type the exception's class name,
     * relay path {@code [self]}, its message, its stack trace and causes as text (capped at 1024 frames and
     * 64 KiB, see {@link TracebackText}), no canceller, sender {@code self}. For a {@link RemoteActorError}:
     * the original's source, type, message, traceback and canceller, boxed type
     * {@code dev.tractor.RemoteActorError}, relay path the original's plus {@code self} (unless
     * {@code self} already ends it), sender {@code self}.
     *
     * @param t the exception
     * @param self this actor's id
     * @param cid the id of the context or call the error ends, if any
     * @return the message to send
     */
    public static Msg.Error box(Throwable t, Uid self, Optional<String> cid) {
        Objects.requireNonNull(t, "t");
        Objects.requireNonNull(self, "self");
        Objects.requireNonNull(cid, "cid");
        if (t instanceof RemoteActorError relayed) {
            List<Uid> path = new ArrayList<>(relayed.relayPath());
            if (!path.getLast().equals(self)) {
                path.add(self);
            }
            return new Msg.Error(relayed.source(), relayed.remoteType(), RELAYED_TYPE, path,
                    relayed.remoteMessageIfAny(), relayed.remoteTraceback(), relayed.canceller(),
                    Optional.of(self), cid);
        }
        String type = t.getClass().getName();
        return new Msg.Error(self, type, type, List.of(self), Optional.ofNullable(t.getMessage()),
                TracebackText.format(t), Optional.empty(), Optional.of(self), cid);
    }

    /**
     * The exception that an {@code Error} message describes, to raise in this actor.
     *
     * <p>An empty relay path is read as {@code [source]}. The traceback text is read back into the
     * remote stack trace and, for a Java peer, the remote causes; a traceback that holds no Java frames (a
     * Python peer's) gives an empty stack trace, and its text is shown by the attached remote stack.
     *
     * @param error the message
     * @return the exception, with its remote stack as its cause
     */
    public static RemoteActorError unbox(Msg.Error error) {
        Uid source = error.srcUid();
        List<Uid> path = error.relayPath().isEmpty() ? List.of(source) : error.relayPath();
        String traceback = error.traceback();
        List<TracebackText.Section> sections = TracebackText.parse(traceback);
        boolean javaFrames = sections.stream().anyMatch(s -> !s.frames().isEmpty());

        RemoteStack causes = null;
        for (int i = sections.size() - 1; i >= 1; i--) {
            TracebackText.Section s = sections.get(i);
            causes = new RemoteStack(source, s.type(), s.message().orElse(null), s.frames(), "", causes);
        }
        List<StackTraceElement> frames = sections.isEmpty() ? List.of() : sections.getFirst().frames();
        String foreign = javaFrames || startsWithHeader(traceback, error.srcType()) ? "" : traceback;
        RemoteStack remote = new RemoteStack(source, error.srcType(), error.message().orElse(null), frames,
                foreign, causes);
        String type = error.srcType();
        String message = error.message().orElse(null);
        Uid canceller = error.canceller().orElse(null);
        if (type.equals(ContextCancelled.TYPE) || type.equals("ContextCancelled")) { // ours, or Python tractor's
            return new ContextCancelled(type, message, source, path, traceback, canceller, remote);
        }
        if (type.equals(StreamOverrun.TYPE) || type.equals("StreamOverrun")) {
            return new StreamOverrun(type, message, source, path, traceback, canceller, remote);
        }
        return new RemoteActorError(type, message, source, path, traceback, canceller, remote);
    }

    /**
     * The {@code Error} that ends a context whose task here was cancelled: type
     * {@code dev.tractor.ContextCancelled}, the canceller named, the cancellation's stack as the traceback.
     */
    public static Msg.Error boxCancelled(Throwable cancelled, Uid self, Uid canceller, String what, String cid) {
        String message = what + " was cancelled by " + (canceller.equals(self) ? "itself" : "actor " + canceller);
        return new Msg.Error(self, ContextCancelled.TYPE, ContextCancelled.TYPE, List.of(self), Optional.of(message),
                TracebackText.format(cancelled), Optional.of(canceller), Optional.of(self), Optional.of(cid));
    }

    /** The {@code Error} that tells the sender of a context's stream that this side's buffer overran. */
    public static Msg.Error boxOverrun(Uid self, String message, String cid) {
        return new Msg.Error(self, StreamOverrun.TYPE, StreamOverrun.TYPE, List.of(self), Optional.of(message),
                StreamOverrun.TYPE + ": " + message, Optional.empty(), Optional.of(self), Optional.of(cid));
    }

    /** Whether a traceback with no frames is just the Java header of the exception (nothing more to show). */
    private static boolean startsWithHeader(String traceback, String type) {
        return traceback.startsWith(type + ":") || traceback.strip().equals(type);
    }
}
