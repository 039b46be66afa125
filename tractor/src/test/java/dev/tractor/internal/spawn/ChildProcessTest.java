package dev.tractor.internal.spawn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tractor.internal.spawn.ChildProcess.Ending;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link ChildProcess} of a child JVM: waiting for it, and the teardown ladder (SIGTERM, then SIGKILL). */
@Tag("multi-process")
class ChildProcessTest {
    private static final Duration START = Duration.ofSeconds(20);
    private static final int SIGTERM_EXIT = 128 + 15;
    private static final int SIGKILL_EXIT = 128 + 9;

    @TempDir
    Path dir;
    private final TestProcesses processes = new TestProcesses();

    @AfterEach
    void noProcessOutlivesTheTest() throws InterruptedException {
        List<ProcessHandle> leftovers = processes.leftovers(Duration.ofSeconds(3));
        processes.killAll();
        assertEquals(List.of(), leftovers, "processes the test started and left running");
    }

    /** Starts {@code main} with a ready file as its argument and waits until it has written it. */
    private ChildProcess startReady(Class<?> main) throws InterruptedException {
        Path ready = dir.resolve("ready");
        ChildProcess child = processes.add(TestProcesses.childJvmLoggingTo(dir.resolve("output.log")).spawn(
                new ChildSpec(main.getSimpleName(), "uid", main.getName(), List.of(ready.toString()), Map.of(),
                        List.of())));
        TestProcesses.awaitFile(ready, START);
        return child;
    }

    @Test
    void terminateStopsAWellBehavedChildWithSigterm() throws Exception {
        ChildProcess child = startReady(Children.Sleeper.class);
        assertTrue(child.isAlive());
        assertFalse(child.awaitExit(Duration.ofMillis(50)));
        assertThrows(IllegalStateException.class, child::exitCode);

        long began = System.nanoTime();
        assertEquals(Ending.EXITED_AFTER_SIGTERM, child.terminate(Duration.ofSeconds(10)));
        assertTrue(System.nanoTime() - began < TimeUnit.SECONDS.toNanos(5), "SIGTERM took seconds");
        assertFalse(child.isAlive());
        assertEquals(SIGTERM_EXIT, child.exitCode());
        // Idempotent: a second call reports what the first one did.
        assertEquals(Ending.EXITED_AFTER_SIGTERM, child.terminate(Duration.ofSeconds(10)));
    }

    @Test
    void terminateKillsAChildThatIgnoresSigtermWhenTheGraceEnds() throws Exception {
        ChildProcess child = startReady(Children.IgnoresSigterm.class);
        Duration grace = Duration.ofMillis(500);

        long began = System.nanoTime();
        assertEquals(Ending.KILLED, child.terminate(grace));
        long took = System.nanoTime() - began;
        assertTrue(took >= grace.toNanos(), "killed before the grace ended");
        assertTrue(took < grace.plusSeconds(3).toNanos(), "took " + Duration.ofNanos(took));
        assertEquals(SIGKILL_EXIT, child.exitCode());
    }

    @Test
    void terminateReportsAChildThatHadExitedAlready() throws Exception {
        ChildProcess child = processes.add(TestProcesses.childJvmLoggingTo(dir.resolve("output.log")).spawn(
                new ChildSpec("short", "uid", Children.PrintIdentity.class.getName())));
        assertTrue(child.awaitExit(START));

        assertEquals(Ending.EXITED_BEFORE, child.terminate(Duration.ofSeconds(1)));
        assertEquals(0, child.exitCode());
    }

    @Test
    void killDoesNotWait() throws Exception {
        ChildProcess child = startReady(Children.IgnoresSigterm.class);

        child.kill();
        child.kill();
        assertTrue(child.awaitExit(Duration.ofSeconds(5)));
        assertEquals(SIGKILL_EXIT, child.exitCode());
        assertEquals(Ending.EXITED_BEFORE, child.terminate(Duration.ofSeconds(1)));
    }

    @Test
    void anInterruptedTerminateKillsTheChildBeforeThrowing() throws Exception {
        ChildProcess child = startReady(Children.IgnoresSigterm.class);
        CompletableFuture<Throwable> outcome = new CompletableFuture<>();
        Thread terminator = Thread.ofPlatform().start(() -> {
            try {
                outcome.complete(new AssertionError("terminate returned " + child.terminate(Duration.ofSeconds(30))));
            } catch (Throwable t) {
                outcome.complete(t);
            }
        });
        Thread.sleep(300);
        terminator.interrupt();

        assertInstanceOf(InterruptedException.class, outcome.get(5, TimeUnit.SECONDS));
        assertTrue(child.awaitExit(Duration.ofSeconds(5)));
        assertEquals(SIGKILL_EXIT, child.exitCode());
    }
}
