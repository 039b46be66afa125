package dev.tractor;

import static dev.tractor.ReplDriving.lineOf;
import static dev.tractor.ReplDriving.type;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The tree's debugger on crashes and in the root (ADR 0021): an exception leaving an actor's function stops
 * there with its frames live, then the root stops on the {@code RemoteActorError}; a pause and a crash in the
 * root's own body; several actors crashing at once take turns, the root's last stop listing every error.
 */
class CrashTest {
    @AfterEach
    void noProcessOutlivesTheTest() throws InterruptedException {
        Processes.assertNoDescendantsWithin(Duration.ofSeconds(10));
    }

    private static RunningProgram start(boolean rootListens, String mode) throws IOException {
        List<String> options = new ArrayList<>(List.of("-Dtractor.debug.sourcePath=src/test/java"));
        if (rootListens) {
            options.add("-agentlib:jdwp=transport=dt_socket,server=y,suspend=n,address=127.0.0.1:" + freePort()
                    + ",quiet=y,includevirtualthreads=y");
        }
        options.addAll(RunningProgram.treeProperties());
        return RunningProgram.start("crash-" + mode, RunningProgram.javaCommand(options, CrashProgram.class, mode));
    }

    @Test
    @Timeout(150)
    void aCrashInAChildStopsThereThenInTheRootOnTheRemoteError() throws Exception {
        int raise = lineOf("CrashProgram.java", "// RAISE");
        try (RunningProgram root = start(true, "child")) {
            String heading = root.awaitLine(l -> l.startsWith("[worker (pid "), Duration.ofSeconds(60), "the crash");
            assertTrue(heading.contains("crashed: java.lang.IllegalStateException: boom 20 kept"), heading);
            root.awaitLine(l -> l.contains("raised in thread") && l.contains("CrashProgram.explode(CrashProgram.java:"
                    + raise + ")"), Duration.ofSeconds(10), "the raising line");
            root.awaitLine(l -> l.contains(raise + " -> ") && l.contains("throw new IllegalStateException"),
                    Duration.ofSeconds(10), "the listing");
            type(root.input(), "p n");
            root.awaitLine(l -> l.endsWith("20"), Duration.ofSeconds(20), "a local");
            type(root.input(), "p squares[1]");
            root.awaitLine(l -> l.endsWith("400"), Duration.ofSeconds(20), "an array element");
            type(root.input(), "p holder.label");
            root.awaitLine(l -> l.endsWith("\"kept\""), Duration.ofSeconds(20), "a field");
            type(root.input(), "next");
            root.awaitLine(l -> l.contains("post-mortem: the exception is on its way out"), Duration.ofSeconds(20),
                    "no stepping at a crash");
            type(root.input(), "continue");
            String rootStop = root.awaitLine(l -> l.startsWith("[root (pid "), Duration.ofSeconds(60),
                    "the root's stop on the remote error");
            assertTrue(rootStop.contains("crashed: dev.tractor.RemoteActorError") && rootStop.contains("boom 20")
                    && rootStop.contains("worker"), rootStop);
            root.awaitLine(l -> l.contains("raised in thread") && l.contains("CrashProgram.lambda$main$"),
                    Duration.ofSeconds(10), "the root's line that called the worker");
            type(root.input(), "continue");
            assertNotEquals(0, root.awaitExit(Duration.ofSeconds(60)), () -> "the error ends it: " + root.lines());
            assertTrue(root.lines().stream().anyMatch(l -> l.contains("RemoteActorError") && l.contains("boom 20")),
                    () -> "the error is printed: " + root.lines());
            assertTrue(root.lines().stream().noneMatch(l -> l.startsWith("result ")), root.lines()::toString);
        }
    }

    @Test
    @Timeout(150)
    void inARealTerminalTheCrashAndTheRootsStopComeOneAfterTheOther() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/script")), "needs util-linux's script for a terminal");
        List<String> java = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElseThrow(),
                "-Dtractor.debug.sourcePath=src/test/java", "-agentlib:jdwp=transport=dt_socket,server=y,suspend=n,"
                        + "address=127.0.0.1:" + freePort() + ",quiet=y,includevirtualthreads=y"));
        java.addAll(RunningProgram.treeProperties());
        java.addAll(List.of("-cp", System.getProperty("java.class.path"), CrashProgram.class.getName(), "child"));
        String shellCommand = ReplDriving.shellLine(java);
        try (RunningProgram terminal = RunningProgram.start("crash-in-a-terminal", // -e: the program's exit status
                List.of("script", "-qefc", shellCommand, "/dev/null"))) {
            terminal.awaitLine(l -> l.contains("[worker (pid ") && l.contains("crashed: java.lang.IllegalStateException"),
                    Duration.ofSeconds(60), "the crash");
            type(terminal.input(), "p holder.label");
            terminal.awaitLine(l -> l.contains("\"kept\""), Duration.ofSeconds(20), "a field");
            type(terminal.input(), "continue");
            terminal.awaitLine(l -> l.contains("[root (pid ") && l.contains("crashed: dev.tractor.RemoteActorError"),
                    Duration.ofSeconds(60), "the root's stop");
            type(terminal.input(), "continue");
            assertNotEquals(0, terminal.awaitExit(Duration.ofSeconds(60)), () -> "the error ends it: "
                    + terminal.lines());
        }
    }

    @Test
    @Timeout(120)
    void aCrashInAContextStopsThereWithItsLocals() throws Exception {
        int raise = lineOf("CrashProgram.java", "// CONTEXT RAISE");
        try (RunningProgram root = start(false, "context")) {
            String heading = root.awaitLine(l -> l.startsWith("[worker (pid "), Duration.ofSeconds(60), "the crash");
            assertTrue(heading.contains("crashed: java.lang.IllegalArgumentException: context boom 21"), heading);
            root.awaitLine(l -> l.contains("CrashProgram.explodeInContext(CrashProgram.java:" + raise + ")"),
                    Duration.ofSeconds(10), "the raising line");
            type(root.input(), "p tripled");
            root.awaitLine(l -> l.endsWith("21"), Duration.ofSeconds(20), "a local of the context");
            type(root.input(), "continue");
            assertNotEquals(0, root.awaitExit(Duration.ofSeconds(60)), () -> "the error ends it: " + root.lines());
            assertTrue(root.lines().stream().anyMatch(l -> l.contains("RemoteActorError")
                    && l.contains("context boom 21")), () -> "the error reaches the root: " + root.lines());
        }
    }

    @Test
    @Timeout(120)
    void aPauseInTheRootsBodyStopsInTheRootsOwnTerminal() throws Exception {
        int pause = lineOf("CrashProgram.java", "// ROOT PAUSE");
        try (RunningProgram root = start(true, "root-pause")) {
            String heading = root.awaitLine(l -> l.startsWith("[root (pid "), Duration.ofSeconds(60), "the stop");
            assertTrue(heading.contains("stopped in thread") && heading.contains("(CrashProgram.java:" + pause + ")"),
                    heading);
            type(root.input(), "p answer");
            root.awaitLine(l -> l.endsWith("42"), Duration.ofSeconds(20), "a local of the root");
            type(root.input(), "next");
            root.awaitLine(l -> l.endsWith("(CrashProgram.java:" + (pause + 1) + ")"), Duration.ofSeconds(20),
                    "the next line");
            type(root.input(), "continue");
            root.awaitLine(l -> l.endsWith("result 43"), Duration.ofSeconds(30), "the body's result"); // maybe after the prompt
            assertEquals(0, root.awaitExit(Duration.ofSeconds(30)), () -> "exit status; " + root.lines());
        }
    }

    @Test
    @Timeout(120)
    void quitAtAPauseInTheRootEndsTheProgramWithTheError() throws Exception {
        try (RunningProgram root = start(true, "root-pause")) {
            root.awaitLine(l -> l.startsWith("[root (pid "), Duration.ofSeconds(60), "the stop");
            type(root.input(), "quit");
            assertNotEquals(0, root.awaitExit(Duration.ofSeconds(60)), () -> "the error ends it: " + root.lines());
            assertTrue(root.lines().stream().anyMatch(l -> l.contains("the user quit the debugger")),
                    () -> "the error says so: " + root.lines());
        }
    }

    @Test
    @Timeout(120)
    void aCrashInTheRootsBodyStopsThereAndContinueEndsTheProgramWithIt() throws Exception {
        try (RunningProgram root = start(true, "root-crash")) {
            String heading = root.awaitLine(l -> l.startsWith("[root (pid "), Duration.ofSeconds(60), "the crash");
            assertTrue(heading.contains("crashed: java.lang.IllegalStateException: boom 5 kept"), heading);
            type(root.input(), "p squares[1]");
            root.awaitLine(l -> l.endsWith("25"), Duration.ofSeconds(20), "an array element");
            type(root.input(), "continue");
            assertNotEquals(0, root.awaitExit(Duration.ofSeconds(60)), () -> "the error ends it: " + root.lines());
            assertTrue(root.lines().stream().anyMatch(l -> l.contains("IllegalStateException: boom 5 kept")),
                    () -> "the error is printed: " + root.lines());
        }
    }

    @Test
    @Timeout(120)
    void quitAtACrashInTheRootsBodyEndsTheProgramWithItToo() throws Exception {
        try (RunningProgram root = start(true, "root-crash")) {
            root.awaitLine(l -> l.startsWith("[root (pid ") && l.contains("crashed: "), Duration.ofSeconds(60),
                    "the crash");
            type(root.input(), "quit"); // at a crash, as continue: the error goes on (the REPL may end before it says so)
            assertNotEquals(0, root.awaitExit(Duration.ofSeconds(60)), () -> "the error ends it: " + root.lines());
            assertTrue(root.lines().stream().anyMatch(l -> l.contains("IllegalStateException: boom 5 kept")),
                    () -> "the error is printed: " + root.lines());
        }
    }

    @Test
    @Timeout(60)
    void aPauseInARootThatDoesNotListenSaysHowToStartIt() throws Exception {
        try (RunningProgram root = start(false, "root-pause")) {
            assertNotEquals(0, root.awaitExit(Duration.ofSeconds(50)), () -> "it fails: " + root.lines());
            assertTrue(root.lines().stream().anyMatch(l -> l.contains("needs the root's JVM to listen for a debugger")
                    && l.contains("-agentlib:jdwp=transport=dt_socket,server=y")), () -> "it says how: " + root.lines());
        }
    }

    @Test
    @Timeout(240)
    void actorsThatCrashAtOnceTakeTurnsAndTheRootsLastStopListsEveryError() throws Exception {
        try (RunningProgram root = start(true, "many")) {
            List<String> seen = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
            while (System.nanoTime() < deadline && root.process().isAlive()) {
                int before = headings(root).size();
                awaitMore(root, before, deadline);
                List<String> headings = headings(root);
                if (headings.size() == before) {
                    break;
                }
                String heading = headings.getLast();
                seen.add(heading);
                Thread.sleep(300); // no other REPL may open while this one is
                assertEquals(headings.size(), headings(root).size(), () -> "one at a time: " + root.lines());
                type(root.input(), "continue");
            }
            List<String> actors = seen.stream().map(h -> h.substring(1, h.indexOf(" (pid "))).toList();
            // middle crashes too unless the root's nursery cancelled it first (when alpha's error ended a task)
            assertTrue(actors.containsAll(List.of("alpha", "beta", "leaf", "root")), () -> "each actor that crashed "
                    + "got its turn: " + seen);
            String last = seen.getLast();
            assertTrue(last.startsWith("[root (pid ") && last.contains("ExceptionGroup") && last.contains("alpha")
                    && last.contains("beta"), () -> "the root's last stop lists every error: " + root.lines());
            assertNotEquals(0, root.awaitExit(Duration.ofSeconds(60)), () -> "the errors end it: " + root.lines());
        }
    }

    private static List<String> headings(RunningProgram root) {
        return root.lines().stream().filter(l -> l.matches("^\\[[a-z]+ \\(pid \\d+\\)\\] crashed: .*")).toList();
    }

    private static void awaitMore(RunningProgram root, int before, long deadline) throws InterruptedException {
        while (headings(root).size() == before && root.process().isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        }
    }
}
