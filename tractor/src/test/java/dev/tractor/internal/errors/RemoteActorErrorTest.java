package dev.tractor.internal.errors;

import static dev.tractor.internal.errors.ErrorBoxingTest.LEAF;
import static dev.tractor.internal.errors.ErrorBoxingTest.MID;
import static dev.tractor.internal.errors.ErrorBoxingTest.TOP;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tractor.RemoteActorError;
import dev.tractor.TractorException;
import dev.tractor.internal.errors.ErrorBoxing;
import dev.tractor.internal.errors.ErrorBoxingTest;
import dev.tractor.internal.errors.RemoteStack;
import dev.tractor.internal.errors.TracebackTextTest;
import dev.tractor.internal.msg.Msg;
import dev.tractor.msg.Uid;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RemoteActorErrorTest {
    private static final Uid WORKER = new Uid("worker", "1a2b3c4d-9999-4000-8000-000000000009");

    /** A failure with a cause, each thrown from a method of its own, as a worker would raise it. */
    static IllegalStateException workerFailure() {
        try {
            readTheDisk();
            throw new AssertionError("unreachable");
        } catch (IOException e) {
            return new IllegalStateException("boom", e);
        }
    }

    static void readTheDisk() throws IOException {
        throw new IOException("disk on fire");
    }

    private static RemoteActorError received(Throwable t, Uid source) {
        return ErrorBoxing.unbox(ErrorBoxingTest.overTheWire(ErrorBoxing.box(t, source, Optional.empty())));
    }

    private static String printed(Throwable t) {
        StringWriter out = new StringWriter();
        t.printStackTrace(new PrintWriter(out));
        return out.toString();
    }

    @Test
    void theMessageSaysWhatAndWhere() {
        assertEquals("IllegalStateException: boom (raised in actor worker[1a2b3c4d])",
                received(new IllegalStateException("boom"), WORKER).getMessage());
        assertEquals("IllegalStateException (raised in actor worker[1a2b3c4d])",
                received(new IllegalStateException(), WORKER).getMessage());
        assertEquals("dev.tractor.RemoteActorError: Error: bad (raised in actor worker[1a2b3c4d])",
                received(new Error("bad"), WORKER).toString());
        RemoteActorError viaMid = ErrorBoxing.unbox(ErrorBoxing.box(received(new IllegalStateException("boom"),
                LEAF), MID, Optional.empty()));
        assertEquals("IllegalStateException: boom (raised in actor leaf[1a2b3c4d], relayed via mid[5e6f7a8b])",
                viaMid.getMessage());
    }

    @Test
    void printStackTraceShowsTheRemoteStackAsTheCause() {
        RemoteActorError remote = received(workerFailure(), WORKER);
        String text = printed(remote);
        assertTrue(text.startsWith("dev.tractor.RemoteActorError: IllegalStateException: boom (raised in actor "
                + "worker[1a2b3c4d])"), text);
        assertTrue(text.contains("Caused by: [remote worker[1a2b3c4d]] java.lang.IllegalStateException: boom"), text);
        assertTrue(text.contains("\tat " + RemoteActorErrorTest.class.getName() + ".workerFailure("
                + "RemoteActorErrorTest.java:"), text);
        assertTrue(text.contains("Caused by: [remote worker[1a2b3c4d]] java.io.IOException: disk on fire"), text);
        assertTrue(text.contains("\tat " + RemoteActorErrorTest.class.getName() + ".readTheDisk("
                + "RemoteActorErrorTest.java:"), text);
    }

    @Test
    void theRemoteStackIsTheCauseAndHasNoLocalFrames() {
        IllegalStateException original = workerFailure();
        RemoteActorError remote = received(original, WORKER);
        Throwable cause = remote.getCause();
        assertEquals("[remote worker[1a2b3c4d]] java.lang.IllegalStateException: boom", cause.toString());
        assertEquals("boom", cause.getMessage());
        assertEquals(remote.remoteStackTrace(), List.of(cause.getStackTrace()));
        TracebackTextTest.assertSameFrames(original.getStackTrace(), remote.remoteStackTrace());
        assertEquals(0, cause.getSuppressed().length);
        assertInstanceOf(RemoteStack.class, cause.getCause());
        assertEquals("readTheDisk", cause.getCause().getStackTrace()[0].getMethodName());
    }

    @Test
    void isRemoteMatchesTheExactTypeOnly() {
        RemoteActorError remote = received(new IllegalStateException("boom"), WORKER);
        assertTrue(remote.isRemote(IllegalStateException.class));
        assertFalse(remote.isRemote(RuntimeException.class));
        assertFalse(remote.isRemote(RemoteActorError.class));
        assertInstanceOf(TractorException.class, remote);
    }

    @Test
    void accessorsNeverReturnNull() {
        Msg.Error bare = new Msg.Error(WORKER, "Cancelled", "Cancelled", List.of(), Optional.empty(), "",
                Optional.empty(), Optional.empty(), Optional.empty());
        RemoteActorError remote = ErrorBoxing.unbox(bare);
        assertEquals("", remote.remoteMessage());
        assertEquals("", remote.remoteTraceback());
        assertEquals(List.of(), remote.remoteStackTrace());
        assertEquals(Optional.empty(), remote.canceller());
        assertEquals(WORKER, remote.source());
        assertEquals(WORKER, remote.relayedBy());
        assertEquals("Cancelled (raised in actor worker[1a2b3c4d])", remote.getMessage());
    }

    @Test
    void theListsCannotBeChanged() {
        RemoteActorError remote = ErrorBoxing.unbox(ErrorBoxing.box(
                ErrorBoxing.unbox(ErrorBoxing.box(new IllegalStateException("x"), LEAF, Optional.empty())),
                TOP, Optional.empty()));
        assertEquals(List.of(LEAF, TOP), remote.relayPath());
        assertThrows(UnsupportedOperationException.class, () -> remote.relayPath().add(MID));
        assertThrows(UnsupportedOperationException.class, () -> remote.remoteStackTrace().clear());
    }
}
