package dev.tractor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tractor.sc.EndOfChannel;
import dev.tractor.sc.ForeignChannel;
import dev.tractor.sc.Sc;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link ForeignChannel} in remote actors (issue 15): the port of Python tractor's infected-asyncio echo
 * server and streaming tests. The foreign task runs on an executor that the child ties to its life; after
 * each test the child's marker file tells how the foreign task ended and that the executor was closed, and
 * no process of the tree is left.
 */
class ForeignChannelsInActorsTest {

    /** Runs in the child. */
    public static final class Pushing {
        private Pushing() {
        }

        /** Streams what a foreign task pushes; the foreign task fails after {@code failAt}. */
        public static void pushesThenFails(Context<String> ctx, int failAt) throws Exception {
            ExecutorService loop = Executors.newSingleThreadExecutor();
            Tractor.closeWithActor(loop::shutdownNow);
            ForeignChannel.<Integer, String, Void>open(0,
                    end -> CompletableFuture.runAsync(() -> {
                        end.started(-1);
                        for (int i = 0; ; i++) {
                            end.send(i).join();
                            if (i == failAt) {
                                throw new IllegalArgumentException("the foreign side broke at " + i);
                            }
                        }
                    }, loop),
                    (channel, first) -> {
                        ctx.started("pushing");
                        try (MsgStream<Void, Integer> stream = ctx.openStream(Void.class, Integer.class)) {
                            for (int v : channel) {
                                stream.send(v);
                            }
                        }
                        return null;
                    });
        }
    }

    @AfterEach
    void noProcessOutlivesTheTest() throws InterruptedException {
        Processes.assertNoDescendantsWithin(Duration.ofSeconds(10));
    }

    private static List<String> awaitLines(Path marker, int count) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.exists(marker) && Files.readAllLines(marker).size() >= count) {
                break;
            }
            Thread.sleep(20);
        }
        return Files.exists(marker) ? Files.readAllLines(marker) : List.of();
    }

    @Test
    void anEchoServerRelaysEveryValueThroughItsForeignTaskAndStopsInOrder(@TempDir Path dir) throws Exception {
        Path marker = dir.resolve("marker");
        int echoed = Tractor.openNursery(an -> {
            Portal p = an.startActor("echo", ActorOptions.enable(ForeignEcho.class));
            int n = p.openContext(ForeignEcho::echoServer, marker.toString(), (ctx, first) -> {
                assertEquals("start", first);
                try (MsgStream<Integer, Integer> stream = ctx.openStream(Integer.class, Integer.class)) {
                    for (int i = 0; i < 100; i++) {
                        stream.send(i);
                        assertEquals(i, stream.receive());
                    }
                    stream.send(ForeignEcho.STOP);
                    assertEquals(ForeignEcho.STOP, stream.receive());
                    assertThrows(EndOfChannel.class, stream::receive, "the echo server ended its stream");
                }
                return ctx.<Integer>result();
            });
            assertTrue(p.cancelActor());
            return n;
        });
        assertEquals(101, echoed);
        assertEquals(List.of("foreign stopped", "executor closed"), awaitLines(marker, 2));
    }

    @Test
    void anErrorMidStreamInTheParentEndsTheForeignTaskInTheChild(@TempDir Path dir) throws Exception {
        Path marker = dir.resolve("marker");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Tractor.openNursery(an -> {
            Portal p = an.startActor("echo", ActorOptions.enable(ForeignEcho.class));
            return p.openContext(ForeignEcho::echoServer, marker.toString(), (ctx, first) -> {
                try (MsgStream<Integer, Integer> stream = ctx.openStream(Integer.class, Integer.class)) {
                    for (int i = 0; i < 100; i++) {
                        stream.send(i);
                        assertEquals(i, stream.receive());
                        if (i == 50) {
                            throw new IllegalStateException("the parent broke mid-stream");
                        }
                    }
                }
                return null;
            });
        }));
        assertEquals("the parent broke mid-stream", e.getMessage());
        assertEquals(List.of("foreign saw StructuredTaskExited", "executor closed"), awaitLines(marker, 2));
    }

    @Test
    void cancellingTheContextMidStreamEndsTheForeignTaskInTheChild(@TempDir Path dir) throws Exception {
        Path marker = dir.resolve("marker");
        Tractor.openNursery(an -> {
            Portal p = an.startActor("echo", ActorOptions.enable(ForeignEcho.class));
            Object result = p.openContext(ForeignEcho::echoServer, marker.toString(), (ctx, first) -> {
                try (MsgStream<Integer, Integer> stream = ctx.openStream(Integer.class, Integer.class)) {
                    stream.send(1);
                    assertEquals(1, stream.receive());
                    ctx.cancel();
                    return ctx.result();
                }
            });
            assertEquals(null, result, "cancelled at this side's request: a quiet end");
            assertEquals(List.of("foreign saw StructuredTaskExited"), awaitLines(marker, 1),
                    "the foreign task ended with the context, before the actor");
            assertTrue(p.cancelActor());
            return null;
        });
        assertEquals(List.of("foreign saw StructuredTaskExited", "executor closed"), awaitLines(marker, 2));
    }

    @Test
    void aForeignFailureInAChildReachesTheParentWithItsType() throws Exception {
        RemoteActorError e = assertThrows(RemoteActorError.class, () -> Tractor.openNursery(an -> {
            Portal p = an.startActor("pushing", ActorOptions.enable(Pushing.class));
            return p.openContext(Pushing::pushesThenFails, 50, (ctx, first) -> {
                int next = 0;
                try (MsgStream<Integer, Void> stream = ctx.openStream(Integer.class, Void.class)) {
                    for (int v : stream) {
                        assertEquals(next++, v);
                    }
                }
                return ctx.result();
            });
        }));
        assertEquals(IllegalArgumentException.class.getName(), e.remoteType(), e.toString());
        assertEquals("the foreign side broke at 50", e.remoteMessage());
    }

    @Test
    void cancellingTheActorMidStreamEndsTheForeignTaskAndClosesItsExecutor(@TempDir Path dir) throws Exception {
        Path marker = dir.resolve("marker");
        Tractor.openNursery(an -> {
            Portal p = an.startActor("echo", ActorOptions.enable(ForeignEcho.class));
            Object outcome = p.openContext(ForeignEcho::echoServer, marker.toString(), (ctx, first) -> {
                try (MsgStream<Integer, Integer> stream = ctx.openStream(Integer.class, Integer.class)) {
                    stream.send(1);
                    assertEquals(1, stream.receive());
                    assertTrue(p.cancelActor());
                    assertThrows(EndOfChannel.class, stream::receive, "the stream ends quietly");
                }
                return ctx.result();
            });
            assertEquals(null, outcome, "this side cancelled the actor: the context ended quietly");
            return null;
        });
        assertEquals(List.of("foreign saw StructuredTaskExited", "executor closed"), awaitLines(marker, 2));
    }

    @Test
    void aRootActorRunsAChannelToo() throws Exception {
        // Python tractor's "infected root actor": the channel in the root's own body; 1000 echoes, then an
        // error mid-stream that comes out of the root as itself.
        ExecutorService loop = Executors.newSingleThreadExecutor();
        try {
            int echoed = Tractor.run(() -> ForeignChannel.<Integer, Integer, Integer>open(
                    end -> CompletableFuture.runAsync(() -> echoUntilExit(end), loop),
                    (channel, first) -> {
                        for (int i = 0; i < 1000; i++) {
                            channel.send(i);
                            assertEquals(i, channel.receive());
                        }
                        return 1000;
                    }));
            assertEquals(1000, echoed);
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> Tractor.run(() ->
                    ForeignChannel.<Integer, Integer, Void>open(
                            end -> CompletableFuture.runAsync(() -> echoUntilExit(end), loop),
                            (channel, first) -> {
                                for (int i = 0; i < 1000; i++) {
                                    channel.send(i);
                                    assertEquals(i, channel.receive());
                                    if (i == 500) {
                                        throw new IllegalStateException("broke at 500");
                                    }
                                }
                                return null;
                            })));
            assertEquals("broke at 500", e.getMessage());
        } finally {
            loop.shutdown();
            assertTrue(loop.awaitTermination(10, TimeUnit.SECONDS), "the foreign task ended with the channel");
        }
    }

    private static void echoUntilExit(dev.tractor.sc.ForeignEnd<Integer, Integer> end) {
        end.started(0);
        end.receive().thenCompose(end::send).join();
        echoUntilExitAgain(end);
    }

    private static void echoUntilExitAgain(dev.tractor.sc.ForeignEnd<Integer, Integer> end) {
        for (;;) {
            try {
                end.send(end.receive().join()).join();
            } catch (java.util.concurrent.CompletionException exited) {
                return; // StructuredTaskExited: the structured side left
            }
        }
    }

    @Test
    @Timeout(90)
    void sigintAtTheRootMidStreamEndsTheForeignTaskAndClosesTheChildsExecutor(@TempDir Path dir) throws Exception {
        Path marker = dir.resolve("marker");
        try (RunningProgram root = startEchoProgram(marker)) {
            root.awaitLine(l -> l.startsWith("mid-stream"), Duration.ofSeconds(30), "mid-stream");
            signal("INT", root.process().pid());
            assertEquals(130, root.awaitExit(Duration.ofSeconds(30)), root::toString);
        }
        assertEquals(List.of("foreign saw StructuredTaskExited", "executor closed"), awaitLines(marker, 2));
    }

    @Test
    @Timeout(90)
    void sigtermAtTheChildMidStreamEndsItsForeignTaskAndClosesItsExecutor(@TempDir Path dir) throws Exception {
        // (a child ignores SIGINT: Ctrl-C reaches the whole process group, and the root tears the tree down)
        Path marker = dir.resolve("marker");
        try (RunningProgram root = startEchoProgram(marker)) {
            String line = root.awaitLine(l -> l.startsWith("mid-stream"), Duration.ofSeconds(30), "mid-stream");
            signal("TERM", Long.parseLong(line.substring("mid-stream ".length()).trim()));
            int status = root.awaitExit(Duration.ofSeconds(30));
            assertNotEquals(0, status, "the root's context failed with its child: " + root);
        }
        assertEquals(List.of("foreign saw StructuredTaskExited", "executor closed"), awaitLines(marker, 2));
    }

    private static RunningProgram startEchoProgram(Path marker) throws Exception {
        return RunningProgram.start("foreign-echo", RunningProgram.javaCommand(
                RunningProgram.treeProperties(), ForeignEchoProgram.class, marker.toString()));
    }

    private static void signal(String signal, long pid) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + signal, String.valueOf(pid)).start();
        assertTrue(kill.waitFor(10, TimeUnit.SECONDS) && kill.exitValue() == 0, "kill -" + signal + " " + pid);
    }
}
