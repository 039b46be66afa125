package dev.tractor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tractor.sc.Nursery;
import dev.tractor.sc.Sc;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link Tractor#closeWithActor}: an executor handed to an actor is closed with it, after its tasks, whatever
 * ends the actor: its parent's cancel, an error, SIGINT at the root (issue 15). Real processes.
 */
class CloseWithActorTest {

    /** Runs in the child. */
    public static final class Holder {
        private Holder() {
        }

        /** Ties an executor to this actor; its close appends {@code closed} to {@code marker}. */
        public static String holdExecutor(String marker) {
            ExecutorService foreign = Executors.newFixedThreadPool(2);
            foreign.submit(() -> {
                Thread.sleep(600_000);
                return null;
            });
            Tractor.closeWithActor(() -> {
                foreign.shutdownNow();
                if (!foreign.awaitTermination(5, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("the executor's threads did not end");
                }
                append(marker, "closed");
            });
            return "held";
        }

        /** Waits until cancelled, then appends {@code task ended}. */
        public static void waitThenNote(String marker) {
            try {
                Sc.sleepForever();
            } finally {
                append(marker, "task ended");
            }
        }

        /** Ties an executor to this one-shot actor, then fails. */
        public static String holdThenFail(String marker) {
            holdExecutor(marker);
            throw new IllegalStateException("failed with an executor held");
        }

        private static void append(String marker, String line) {
            try {
                Files.writeString(Path.of(marker), line + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }

    @AfterEach
    void noProcessOutlivesTheTest() throws InterruptedException {
        Processes.assertNoDescendantsWithin(Duration.ofSeconds(10));
    }

    @Test
    void aCancelledActorClosesWhatItHeldAfterItsTasks(@TempDir Path dir) throws Exception {
        Path marker = dir.resolve("marker");
        Tractor.openNursery(an -> {
            Portal p = an.startActor("holder", ActorOptions.enable(Holder.class));
            assertEquals("held", p.run(Holder::holdExecutor, marker.toString()));
            Nursery.open(n -> {
                n.startSoon(() -> p.run(Holder::waitThenNote, marker.toString()));
                Sc.sleep(Duration.ofMillis(300)); // the call is under way
                assertTrue(p.cancelActor(), "the holder acknowledged");
                n.cancelScope().cancel();
            });
            return null;
        });
        assertEquals(List.of("task ended", "closed"), Files.readAllLines(marker), "closed after its task ended");
    }

    @Test
    void anActorThatFailsClosesWhatItHeld(@TempDir Path dir) throws Exception {
        Path marker = dir.resolve("marker");
        RemoteActorError e = assertThrows(RemoteActorError.class, () -> Tractor.openNursery(an -> an.runInActor(
                "failing", ActorOptions.enable(Holder.class), Holder::holdThenFail, marker.toString()).result()));
        assertEquals(IllegalStateException.class.getName(), e.remoteType());
        assertEquals(List.of("closed"), Files.readAllLines(marker));
    }

    @Test
    @Timeout(60)
    void sigintAtTheRootClosesWhatItHeld(@TempDir Path dir) throws Exception {
        Path marker = dir.resolve("marker");
        try (RunningProgram root = RunningProgram.start("lifetime", RunningProgram.javaCommand(
                RunningProgram.treeProperties(), LifetimeProgram.class, marker.toString()))) {
            root.awaitLine("ready"::equals, Duration.ofSeconds(30), "ready");
            Process kill = new ProcessBuilder("kill", "-INT", String.valueOf(root.process().pid())).start();
            assertTrue(kill.waitFor(10, TimeUnit.SECONDS) && kill.exitValue() == 0);
            assertEquals(130, root.awaitExit(Duration.ofSeconds(30)), root::toString);
        }
        assertEquals(List.of("closed"), Files.readAllLines(marker), "the executor was closed on SIGINT");
    }
}
