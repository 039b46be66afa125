package dev.tractor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Peers that stop answering without their connection ending (ADR 0022), with real processes
 * ({@link SilentPeerProgram}, a root and one child) and a silent-peer timeout of 3 s: a network partition
 * (the loopback of the tree's own network namespace taken down mid-stream: packets are dropped, no reset;
 * checked by hand first),
 * a root stopped with SIGSTOP (its child ends itself), and a child stopped with SIGSTOP (its parent's
 * nursery reports it). Each would hang for ever without heartbeats.
 */
class SilentPeerTest {
    private static final String TIMEOUT = "PT3S";
    /** Long enough for a loaded machine; a hang is what each test would see without heartbeats. */
    private static final Duration OUTCOME_WAIT = Duration.ofSeconds(60);

    @AfterEach
    void noProcessOutlivesTheTest() throws InterruptedException {
        Processes.assertNoDescendantsWithin(Duration.ofSeconds(10));
    }

    private static List<String> programOptions(String transport) {
        List<String> options = new ArrayList<>(RunningProgram.treeProperties());
        options.add("-Dtractor.ipc.silentPeerTimeout=" + TIMEOUT);
        options.add("-Dtractor.transport=" + transport);
        return options;
    }

    @Test
    @Timeout(150)
    void aPartitionMidStreamFailsTheRootsReceiveAndEndsTheChild(@TempDir Path dir) throws Exception {
        assumeTrue(runs("unshare", "-n", "true"), "needs root and unshare -n (util-linux) for a network namespace");
        assumeTrue(runs("nsenter", "--version") && runs("ip", "-V"), "needs nsenter (util-linux) and ip (iproute2)");
        Path runtimeDir = Files.createDirectory(dir.resolve("run"));
        List<String> command = new ArrayList<>(List.of("unshare", "-n", "sh", "-c",
                "ip link set lo up && exec \"$@\"", "sh", "env", "XDG_RUNTIME_DIR=" + runtimeDir));
        command.addAll(RunningProgram.javaCommand(programOptions("tcp"), SilentPeerProgram.class, "stream"));
        try (RunningProgram tree = RunningProgram.start("partitioned tree", command)) {
            long child = Long.parseLong(tree.awaitValue("child ", OUTCOME_WAIT));
            tree.awaitLine("streaming"::equals, OUTCOME_WAIT, "streaming");
            // the namespace is the program's: unshare and sh exec it, so its pid is the process the test started
            assertTrue(runs("nsenter", "-t", String.valueOf(tree.process().pid()), "-n", "ip", "link", "set", "lo",
                    "down"), "took the namespace's loopback down");
            long down = System.nanoTime();
            String outcome = tree.awaitValue("outcome ", OUTCOME_WAIT);
            long tookMillis = (System.nanoTime() - down) / 1_000_000;
            // The root finds the child silent and kills it (ActorDied: lost), or the child, silent to it too, has
            // ended itself by then (its exit judged in order, the connection's end then fails the stream)
            assertTrue((outcome.startsWith("dev.tractor.ActorDied") && outcome.contains("was lost")
                    || outcome.startsWith("dev.tractor.TractorException")) && outcome.contains("actor 'far' (uuid ")
                    && outcome.contains("went silent: nothing arrived from it for "), outcome);
            tree.awaitLine(l -> l.startsWith("cause dev.tractor.ipc.PeerWentSilent: "), Duration.ofSeconds(30),
                    "the typed error as the cause");
            assertEquals(0, tree.awaitExit(Duration.ofSeconds(30)), () -> "the root ends; " + tree.lines());
            // Both sides see the silence about the same time: the child ends itself, or its parent (which can
            // still signal it: a child runs on its parent's host) kills it first. That a child ends itself is
            // aChildWhoseParentIsStoppedEndsItself.
            assertTrue(Processes.exitsWithin(child, Duration.ofSeconds(30)), "the child ended");
            System.out.println("partition: the root's receive failed " + tookMillis + " ms after the loopback went down");
        }
    }

    @Test
    @Timeout(150)
    void aChildWhoseParentIsStoppedEndsItself() throws Exception {
        try (RunningProgram tree = RunningProgram.start("tree", RunningProgram.javaCommand(programOptions("uds"),
                SilentPeerProgram.class, "idle"))) {
            long root = Long.parseLong(tree.awaitValue("root ", OUTCOME_WAIT));
            long child = Long.parseLong(tree.awaitValue("child ", OUTCOME_WAIT));
            tree.awaitLine("idle"::equals, OUTCOME_WAIT, "idle");
            assertTrue(runs("kill", "-STOP", String.valueOf(root)));
            try {
                // The stopped root can neither cancel nor kill it, and its pipe to the child stays open: the child
                // must see the silence itself, cancel itself and exit.
                assertTrue(exitsWithin(child, OUTCOME_WAIT), "the child ended while its parent was stopped");
            } finally {
                runs("kill", "-CONT", String.valueOf(root));
            }
        }
    }

    @Test
    @Timeout(150)
    void aStoppedChildIsReportedByItsParentsNurseryAndEnded() throws Exception {
        try (RunningProgram tree = RunningProgram.start("tree", RunningProgram.javaCommand(programOptions("uds"),
                SilentPeerProgram.class, "idle"))) {
            long child = Long.parseLong(tree.awaitValue("child ", OUTCOME_WAIT));
            tree.awaitLine("idle"::equals, OUTCOME_WAIT, "idle");
            assertTrue(runs("kill", "-STOP", String.valueOf(child)));
            String outcome = tree.awaitValue("outcome ", OUTCOME_WAIT);
            assertTrue(outcome.startsWith("dev.tractor.ActorDied") && outcome.contains("actor 'far' (pid " + child
                    + ") was lost") && outcome.contains("went silent"), outcome);
            assertEquals(0, tree.awaitExit(Duration.ofSeconds(30)), () -> "the root ends; " + tree.lines());
            assertTrue(Processes.exitsWithin(child, Duration.ofSeconds(10)), "the stopped child was killed");
        }
    }

    @Test
    @Timeout(150)
    void aChildStoppedInTheDebuggerForManyTimeoutsIsNotSilent() throws Exception {
        // Tractor.pause() suspends one thread of the child (JDI); its I/O threads go on answering for it.
        List<String> options = new ArrayList<>(List.of("-Dtractor.debug.sourcePath=src/test/java",
                "-Dtractor.ipc.silentPeerTimeout=PT1S"));
        options.addAll(RunningProgram.treeProperties());
        try (RunningProgram root = RunningProgram.start("pause", RunningProgram.javaCommand(options,
                PauseProgram.class))) {
            root.awaitLine(l -> l.startsWith("[worker (pid "), OUTCOME_WAIT, "the stop");
            Thread.sleep(Duration.ofSeconds(5)); // five timeouts, stopped
            ReplDriving.type(root.input(), "continue");
            root.awaitLine(l -> l.endsWith("result worker 41"), OUTCOME_WAIT, "the call's result");
            assertEquals(0, root.awaitExit(Duration.ofSeconds(30)), () -> "exit status; " + root.lines());
            assertTrue(root.lines().stream().noneMatch(l -> l.contains("went silent")), () -> root.lines().toString());
        }
    }

    /**
     * Whether {@code pid} has exited within {@code timeout}: it is gone, or a zombie (a stopped parent cannot
     * reap it, and {@link ProcessHandle#isAlive} counts a zombie as alive).
     */
    private static boolean exitsWithin(long pid, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
                if (stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z")) {
                    return true;
                }
            } catch (IOException gone) {
                return true;
            }
            Thread.sleep(20);
        }
        return false;
    }

    /** Runs a command to its end; whether it succeeded. */
    private static boolean runs(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
