package dev.tractor.internal.errors;

import static dev.tractor.internal.errors.TracebackTextTest.assertSameFrames;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tractor.RemoteActorError;
import dev.tractor.internal.msg.Msg;
import dev.tractor.internal.msg.MsgCodec;
import dev.tractor.msg.Uid;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ErrorBoxingTest {
    static final Uid LEAF = new Uid("leaf", "1a2b3c4d-0000-4000-8000-000000000001");
    static final Uid MID = new Uid("mid", "5e6f7a8b-0000-4000-8000-000000000002");
    static final Uid TOP = new Uid("top", "9c0d1e2f-0000-4000-8000-000000000003");
    static final Uid ROOT = new Uid("root", "3a4b5c6d-0000-4000-8000-000000000004");

    /** Thrown from a method of its own, so that the remote stack has a name to look for. */
    static IllegalStateException failDeepInTheWorker() {
        try {
            throw new IllegalStateException("boom");
        } catch (IllegalStateException e) {
            return e;
        }
    }

    /** What the receiving actor sees: the message as it crossed the wire. */
    static Msg.Error overTheWire(Msg.Error error) {
        return assertInstanceOf(Msg.Error.class, MsgCodec.decode(MsgCodec.encode(error)));
    }

    @Test
    void boxesALocalException() {
        IllegalStateException e = failDeepInTheWorker();
        Msg.Error error = ErrorBoxing.box(e, LEAF, Optional.of("cid-7"));
        assertEquals(LEAF, error.srcUid());
        assertEquals("java.lang.IllegalStateException", error.srcType());
        assertEquals("java.lang.IllegalStateException", error.boxedType());
        assertEquals(List.of(LEAF), error.relayPath());
        assertEquals(Optional.of("boom"), error.message());
        assertEquals(Optional.empty(), error.canceller());
        assertEquals(Optional.of(LEAF), error.sender());
        assertEquals(Optional.of("cid-7"), error.cid());
        assertTrue(error.traceback().startsWith("java.lang.IllegalStateException: boom\n\tat "
                + ErrorBoxingTest.class.getName() + ".failDeepInTheWorker(ErrorBoxingTest.java:"), error.traceback());
    }

    @Test
    void aBoxedExceptionCrossesTheWireAndUnboxesWithItsStack() {
        IllegalStateException e = failDeepInTheWorker();
        RemoteActorError remote = ErrorBoxing.unbox(overTheWire(ErrorBoxing.box(e, LEAF, Optional.empty())));
        assertEquals("java.lang.IllegalStateException", remote.remoteType());
        assertTrue(remote.isRemote(IllegalStateException.class));
        assertEquals("boom", remote.remoteMessage());
        assertEquals(LEAF, remote.source());
        assertEquals(List.of(LEAF), remote.relayPath());
        assertEquals(LEAF, remote.relayedBy());
        assertEquals(Optional.empty(), remote.canceller());
        assertSameFrames(e.getStackTrace(), remote.remoteStackTrace());
        assertEquals("failDeepInTheWorker", remote.remoteStackTrace().getFirst().getMethodName());
        assertSameFrames(e.getStackTrace(), List.of(remote.getCause().getStackTrace()));
    }

    @Test
    void relayingThroughTwoActorsKeepsTheOriginalAndRecordsThePath() {
        IllegalStateException e = failDeepInTheWorker();
        Msg.Error fromLeaf = overTheWire(ErrorBoxing.box(e, LEAF, Optional.of("c1")));
        Msg.Error fromMid = overTheWire(ErrorBoxing.box(ErrorBoxing.unbox(fromLeaf), MID, Optional.of("c2")));
        Msg.Error fromTop = overTheWire(ErrorBoxing.box(ErrorBoxing.unbox(fromMid), TOP, Optional.of("c3")));

        for (Msg.Error relayed : List.of(fromMid, fromTop)) {
            assertEquals("dev.tractor.RemoteActorError", relayed.boxedType());
            assertEquals("java.lang.IllegalStateException", relayed.srcType());
            assertEquals(LEAF, relayed.srcUid());
            assertEquals(fromLeaf.message(), relayed.message());
            assertEquals(fromLeaf.traceback(), relayed.traceback());
        }
        assertEquals(List.of(LEAF, MID), fromMid.relayPath());
        assertEquals(Optional.of(MID), fromMid.sender());
        assertEquals(Optional.of("c2"), fromMid.cid());
        assertEquals(List.of(LEAF, MID, TOP), fromTop.relayPath());
        assertEquals(Optional.of(TOP), fromTop.sender());

        RemoteActorError atRoot = ErrorBoxing.unbox(fromTop);
        assertEquals(List.of(LEAF, MID, TOP), atRoot.relayPath());
        assertEquals(LEAF, atRoot.source());
        assertEquals(TOP, atRoot.relayedBy());
        assertEquals("java.lang.IllegalStateException", atRoot.remoteType());
        assertSameFrames(e.getStackTrace(), atRoot.remoteStackTrace());
        assertEquals("IllegalStateException: boom (raised in actor leaf[1a2b3c4d], relayed via mid[5e6f7a8b], "
                + "top[9c0d1e2f])", atRoot.getMessage());
    }

    @Test
    void anExceptionWithoutAMessageCrossesWithNone() {
        Msg.Error boxed = overTheWire(ErrorBoxing.box(new UnsupportedOperationException(), LEAF, Optional.empty()));
        assertEquals(Optional.empty(), boxed.message());
        assertTrue(boxed.traceback().startsWith("java.lang.UnsupportedOperationException\n\tat "));
        RemoteActorError remote = ErrorBoxing.unbox(boxed);
        assertEquals("", remote.remoteMessage());
        assertEquals("UnsupportedOperationException (raised in actor leaf[1a2b3c4d])", remote.getMessage());
        assertEquals(Optional.empty(), ErrorBoxing.box(remote, MID, Optional.empty()).message(),
                "relaying keeps 'no message' apart from an empty one");
    }

    @Test
    void causesCrossAsRemoteCauses() {
        IOException root = new IOException("disk full");
        UncheckedIOException e = new UncheckedIOException("write failed", root);
        RemoteActorError remote = ErrorBoxing.unbox(overTheWire(ErrorBoxing.box(e, LEAF, Optional.empty())));
        Throwable top = remote.getCause();
        assertEquals("[remote leaf[1a2b3c4d]] java.io.UncheckedIOException: write failed", top.toString());
        Throwable cause = top.getCause();
        assertEquals("[remote leaf[1a2b3c4d]] java.io.IOException: disk full", cause.toString());
        assertSameFrames(root.getStackTrace(), List.of(cause.getStackTrace()));
        assertEquals(null, cause.getCause());
    }

    @Test
    void aPythonTracebackKeepsItsTextButHasNoFrames() {
        String python = """
                Traceback (most recent call last):
                  File "/app/worker.py", line 12, in step
                    raise ValueError("bad value")
                ValueError: bad value
                """;
        Msg.Error error = new Msg.Error(LEAF, "ValueError", "ValueError", List.of(LEAF), Optional.of("bad value"),
                python, Optional.empty(), Optional.of(LEAF), Optional.of("cid-1"));
        RemoteActorError remote = ErrorBoxing.unbox(overTheWire(error));
        assertEquals(List.of(), remote.remoteStackTrace());
        assertEquals(python, remote.remoteTraceback());
        assertEquals("ValueError", remote.remoteType());
        assertEquals("ValueError: bad value (raised in actor leaf[1a2b3c4d])", remote.getMessage());
        StringWriter printed = new StringWriter();
        remote.printStackTrace(new PrintWriter(printed));
        assertTrue(printed.toString().contains("Caused by: [remote leaf[1a2b3c4d]] ValueError: bad value\n"
                + "\tTraceback (most recent call last):\n\t  File \"/app/worker.py\", line 12, in step"),
                printed.toString());
        assertEquals(python, ErrorBoxing.box(remote, MID, Optional.empty()).traceback(), "relayed as is");
    }

    @Test
    void aHugeStackIsCapped() {
        // The JVM records at most 1024 frames of a real stack (MaxJavaStackTraceDepth), so make a longer one.
        RuntimeException deep = new RuntimeException("deep");
        StackTraceElement[] frames = new StackTraceElement[5000];
        for (int i = 0; i < frames.length; i++) {
            frames[i] = new StackTraceElement("com.example.Recursive", "descend", "Recursive.java", i + 1);
        }
        deep.setStackTrace(frames);
        Msg.Error boxed = overTheWire(ErrorBoxing.box(deep, LEAF, Optional.empty()));
        assertTrue(boxed.traceback().length() <= TracebackText.MAX_CHARS);
        assertTrue(boxed.traceback().endsWith(TracebackText.CUT_MARKER + "\n"));
        assertEquals(Optional.of("deep"), boxed.message(), "the message is not cut");
        RemoteActorError remote = ErrorBoxing.unbox(boxed);
        assertEquals(TracebackText.MAX_FRAMES, remote.remoteStackTrace().size());
        assertSameFrames(Arrays.copyOf(frames, TracebackText.MAX_FRAMES), remote.remoteStackTrace());
    }

    @Test
    void theCancellerIsKeptAndAnEmptyRelayPathIsTheSource() {
        Msg.Error error = new Msg.Error(LEAF, "dev.tractor.ContextCancelled", "dev.tractor.ContextCancelled",
                List.of(), Optional.empty(), "", Optional.of(ROOT), Optional.empty(), Optional.empty());
        RemoteActorError remote = ErrorBoxing.unbox(overTheWire(error));
        assertEquals(Optional.of(ROOT), remote.canceller());
        assertEquals(List.of(LEAF), remote.relayPath());
        assertEquals(LEAF, remote.relayedBy());
        assertEquals(List.of(), remote.remoteStackTrace());
        assertEquals("[remote leaf[1a2b3c4d]] dev.tractor.ContextCancelled", remote.getCause().toString());
        Msg.Error relayed = ErrorBoxing.box(remote, MID, Optional.empty());
        assertEquals(Optional.of(ROOT), relayed.canceller());
        assertEquals(List.of(LEAF, MID), relayed.relayPath());
    }
}
