package dev.tractor.internal.spawn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link ParentWatch}: a child whose parent dies goes too, by its own {@code onParentGone} or, when that
 * does not make it exit, by the halt. The watch runs in child JVMs only: in the test JVM it would read
 * Surefire's standard input.
 */
@Tag("multi-process")
class ParentWatchTest {
    private static final Duration START = Duration.ofSeconds(20);

    @TempDir
    Path dir;
    private final TestProcesses processes = new TestProcesses();

    @AfterEach
    void noProcessOutlivesTheTest() throws InterruptedException {
        List<ProcessHandle> leftovers = processes.leftovers(Duration.ofSeconds(3));
        processes.killAll();
        assertEquals(List.of(), leftovers, "processes the test started and left running");
    }

    private Path log() {
        return dir.resolve("output.log");
    }

    /** The four arguments of {@link Children.Watched}. */
    private List<String> watchedArgs(String mode, Duration haltAfter) {
        return List.of(dir.resolve("ready").toString(), mode, Long.toString(haltAfter.toMillis()),
                dir.resolve("marker").toString());
    }

    /**
     * Starts a middle JVM whose child is a {@link Children.Watched} grandchild, kills the middle with SIGKILL
     * and returns the grandchild.
     */
    private ProcessHandle killTheParentOfAWatchedChild(String mode, Duration haltAfter) throws Exception {
        List<String> args = new java.util.ArrayList<>(List.of("hold"));
        args.addAll(watchedArgs(mode, haltAfter));
        ChildProcess middle = processes.add(TestProcesses.childJvmLoggingTo(log()).spawn(
                new ChildSpec("middle", "m1", Children.Middle.class.getName(), args, Map.of(), List.of())));
        long grandchildPid = Long.parseLong(TestProcesses.awaitFile(dir.resolve("ready"), START.multipliedBy(2)));
        ProcessHandle grandchild = processes.add(grandchildPid);
        assertEquals(middle.pid(), grandchild.parent().orElseThrow().pid());

        ProcessHandle.of(middle.pid()).orElseThrow().destroyForcibly();
        return grandchild;
    }

    @Test
    void aChildWhoseParentIsKilledExits() throws Exception {
        ProcessHandle grandchild = killTheParentOfAWatchedChild("exit", Duration.ofSeconds(2));

        assertTrue(TestProcesses.awaitGone(grandchild, Duration.ofSeconds(5)),
                "the grandchild outlived its parent: " + TestProcesses.contentOf(log()));
        assertTrue(Files.exists(dir.resolve("marker")), "onParentGone did not run");
    }

    @Test
    void aStuckChildWhoseParentIsKilledIsHalted() throws Exception {
        Duration haltAfter = Duration.ofSeconds(1);
        ProcessHandle grandchild = killTheParentOfAWatchedChild("stuck", haltAfter);

        assertTrue(TestProcesses.awaitGone(grandchild, haltAfter.plusSeconds(4)),
                "the stuck grandchild outlived its parent: " + TestProcesses.contentOf(log()));
        assertTrue(Files.exists(dir.resolve("marker")), "onParentGone did not run");
    }

    /** Starts a {@link Children.Watched} child and waits until it watches. */
    private LocalChildProcess startWatchedChild(String mode, Duration haltAfter) throws Exception {
        ChildProcess child = processes.add(TestProcesses.childJvmLoggingTo(log()).spawn(new ChildSpec("watched", "w1",
                Children.Watched.class.getName(), watchedArgs(mode, haltAfter), Map.of(), List.of())));
        TestProcesses.awaitFile(dir.resolve("ready"), START);
        return (LocalChildProcess) child;
    }

    @Test
    void theEndOfThePipeRunsOnParentGone() throws Exception {
        LocalChildProcess child = startWatchedChild("exit", Duration.ofSeconds(10));
        child.closeWatchPipe();

        assertTrue(child.awaitExit(Duration.ofSeconds(5)), TestProcesses.contentOf(log()));
        assertEquals(Children.Watched.EXIT_CODE, child.exitCode(), TestProcesses.contentOf(log()));
        assertTrue(Files.exists(dir.resolve("marker")), "onParentGone did not run");
    }

    @Test
    void aChildThatDoesNotExitIsHaltedWithTheWatchsExitCode() throws Exception {
        Duration haltAfter = Duration.ofMillis(500);
        LocalChildProcess child = startWatchedChild("stuck", haltAfter);
        long began = System.nanoTime();
        child.closeWatchPipe();

        assertTrue(child.awaitExit(haltAfter.plusSeconds(4)), TestProcesses.contentOf(log()));
        assertTrue(System.nanoTime() - began >= haltAfter.toNanos(), "halted before haltAfter");
        assertEquals(ParentWatch.EXIT_CODE, child.exitCode(), TestProcesses.contentOf(log()));
        assertTrue(Files.exists(dir.resolve("marker")), "onParentGone did not run");
        assertTrue(TestProcesses.contentOf(log()).contains("halting with exit code 70"), TestProcesses.contentOf(log()));
    }
}
