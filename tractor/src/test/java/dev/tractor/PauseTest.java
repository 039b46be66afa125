package dev.tractor;

import static dev.tractor.ReplDriving.lineOf;
import static dev.tractor.ReplDriving.type;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code Tractor.pause()} in a child actor opens the REPL in the root's terminal (ADR 0021): the heading
 * names the actor and the line, the commands show its values and step it, and {@code continue} lets the call
 * return. (Driven through a pipe; the terminal, line editing and the other scenarios of issue 13 are to come.)
 */
class PauseTest {
    @AfterEach
    void noProcessOutlivesTheTest() throws InterruptedException {
        Processes.assertNoDescendantsWithin(Duration.ofSeconds(10));
    }

    private static RunningProgram start(String... args) throws IOException {
        List<String> options = new ArrayList<>(List.of("-Dtractor.debug.sourcePath=src/test/java"));
        options.addAll(RunningProgram.treeProperties());
        return RunningProgram.start("pause", RunningProgram.javaCommand(options, PauseProgram.class, args));
    }

    @Test
    @Timeout(120)
    void aPauseInAChildOpensTheReplInTheRootsTerminal() throws Exception {
        int pause = lineOf("PauseProgram.java", "// PAUSE HERE");
        try (RunningProgram root = start()) {
            String heading = root.awaitLine(l -> l.startsWith("[worker (pid "), Duration.ofSeconds(60), "the stop");
            assertTrue(heading.contains("PauseProgram.paused(PauseProgram.java:" + pause + ")"), heading);
            root.awaitLine(l -> l.contains(pause + " -> ") && l.contains("Tractor.pause()"), Duration.ofSeconds(10),
                    "the listing");
            OutputStream in = root.input();
            type(in, "p doubled");
            root.awaitLine(l -> l.endsWith("40"), Duration.ofSeconds(20), "doubled's value");
            type(in, "next");
            root.awaitLine(l -> l.endsWith("PauseProgram.paused(PauseProgram.java:" + (pause + 1) + ")"),
                    Duration.ofSeconds(20), "the next line");
            type(in, "next");
            type(in, "p plusOne");
            root.awaitLine(l -> l.endsWith("41"), Duration.ofSeconds(20), "plusOne's value");
            type(in, "continue");
            root.awaitLine(l -> l.endsWith("result worker 41"), Duration.ofSeconds(30), "the call's result");
            assertEquals(0, root.awaitExit(Duration.ofSeconds(30)), () -> "exit status; " + root.lines());
        }
    }

    @Test
    @Timeout(120)
    void quitEndsThePausedCallWithAnErrorThatSaysSo() throws Exception {
        try (RunningProgram root = start()) {
            root.awaitLine(l -> l.startsWith("[worker (pid "), Duration.ofSeconds(60), "the stop");
            type(root.input(), "quit");
            String failed = root.awaitLine(l -> l.contains("failed worker: "), Duration.ofSeconds(30), "the failure");
            assertTrue(failed.contains("the user quit the debugger") && failed.contains("raised in actor worker"),
                    failed);
            assertEquals(0, root.awaitExit(Duration.ofSeconds(30)), () -> "exit status; " + root.lines());
        }
    }

    @Test
    @Timeout(120)
    void ctrlCAtAnOpenReplPrintsAHintAndTheTreeGoesOn() throws Exception {
        try (RunningProgram root = start()) {
            root.awaitLine(l -> l.startsWith("[worker (pid "), Duration.ofSeconds(60), "the stop");
            root.awaitLine(l -> l.contains("Tractor.pause()"), Duration.ofSeconds(10), "the listing");
            Process kill = new ProcessBuilder("kill", "-INT", Long.toString(root.process().pid())).start();
            assertEquals(0, kill.waitFor());
            root.awaitLine(l -> l.startsWith("Ctrl-C does not end the tree while the debugger is open"),
                    Duration.ofSeconds(20), "the hint");
            type(root.input(), "p doubled");
            root.awaitLine(l -> l.endsWith("40"), Duration.ofSeconds(20), "the REPL still answers");
            type(root.input(), "continue");
            root.awaitLine(l -> l.endsWith("result worker 41"), Duration.ofSeconds(30), "the call's result");
            assertEquals(0, root.awaitExit(Duration.ofSeconds(30)), () -> "exit status; " + root.lines());
        }
    }

    @Test
    @Timeout(120)
    void ctrlCTypedInARealTerminalDoesNotEndTheStoppedActor() throws Exception {
        // In a terminal, Ctrl-C reaches every process of the foreground process group: the whole tree. Only the
        // root acts on it (children ignore SIGINT: ProcessDeathTest checks that part directly, since the
        // children here did not always get the terminal's SIGINT), so the stopped actor survives it.
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/script")), "needs util-linux's script for a terminal");
        List<String> java = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElseThrow(),
                "-Dtractor.debug.sourcePath=src/test/java"));
        java.addAll(RunningProgram.treeProperties());
        java.addAll(List.of("-cp", System.getProperty("java.class.path"), PauseProgram.class.getName()));
        String shellCommand = ReplDriving.shellLine(java);
        try (RunningProgram terminal = RunningProgram.start("pause-in-a-terminal",
                List.of("script", "-qfc", shellCommand, "/dev/null"))) {
            terminal.awaitLine(l -> l.startsWith("[worker (pid "), Duration.ofSeconds(60), "the stop");
            terminal.awaitLine(l -> l.contains("Tractor.pause()"), Duration.ofSeconds(10), "the listing");
            terminal.input().write(3); // ^C: the terminal sends SIGINT to the whole tree
            terminal.input().flush();
            terminal.awaitLine(l -> l.startsWith("Ctrl-C does not end the tree while the debugger is open"),
                    Duration.ofSeconds(20), "the hint");
            type(terminal.input(), "p doubled");
            // The answer's line, or after a prompt that the terminal redrew first (a race of the echo and the hint)
            terminal.awaitLine(l -> l.equals("40") || l.endsWith("(tractor worker) 40"), Duration.ofSeconds(20),
                    "the stopped actor still answers");
            type(terminal.input(), "continue");
            terminal.awaitLine(l -> l.endsWith("result worker 41"), Duration.ofSeconds(30), "the call's result");
            assertEquals(0, terminal.awaitExit(Duration.ofSeconds(30)), () -> "exit status; " + terminal.lines());
        }
    }

    @Test
    @Timeout(150)
    void actorsThatStopAtOnceTakeTurnsAtTheTerminal() throws Exception {
        try (RunningProgram root = start("two")) {
            String first = root.awaitLine(l -> l.startsWith("[alpha (pid ") || l.startsWith("[beta (pid "),
                    Duration.ofSeconds(60), "the first stop");
            String firstName = first.startsWith("[alpha") ? "alpha" : "beta";
            String secondName = firstName.equals("alpha") ? "beta" : "alpha";
            Thread.sleep(1000); // the second stop has long arrived: it waits for the terminal
            assertTrue(root.lines().stream().noneMatch(l -> l.startsWith("[" + secondName + " (pid ")),
                    () -> "one REPL at a time: " + root.lines());
            type(root.input(), "continue");
            root.awaitLine(l -> l.endsWith("result " + firstName + " 41"), Duration.ofSeconds(30), "the first result");
            root.awaitLine(l -> l.startsWith("[" + secondName + " (pid "), Duration.ofSeconds(30), "the second stop");
            type(root.input(), "p doubled");
            root.awaitLine(l -> l.endsWith("40"), Duration.ofSeconds(20), "the second REPL answers");
            type(root.input(), "continue");
            root.awaitLine(l -> l.endsWith("result " + secondName + " 41"), Duration.ofSeconds(30), "the second result");
            assertEquals(0, root.awaitExit(Duration.ofSeconds(30)), () -> "exit status; " + root.lines());
        }
    }

    @Test
    @Timeout(150)
    void anActorKilledWhileItsReplIsOpenFreesTheTerminalForTheNext() throws Exception {
        try (RunningProgram root = start("two-apart")) {
            String first = root.awaitLine(l -> l.startsWith("[alpha (pid ") || l.startsWith("[beta (pid "),
                    Duration.ofSeconds(60), "the first stop");
            String firstName = first.startsWith("[alpha") ? "alpha" : "beta";
            String secondName = firstName.equals("alpha") ? "beta" : "alpha";
            long pid = Long.parseLong(first.substring(first.indexOf("(pid ") + 5, first.indexOf(')')));
            Process kill = new ProcessBuilder("kill", "-9", Long.toString(pid)).start();
            assertEquals(0, kill.waitFor());
            root.awaitLine(l -> l.equals("[" + firstName + " (pid " + pid + ")] is gone: its stop has ended"),
                    Duration.ofSeconds(30), "the REPL saying the actor is gone");
            root.awaitLine(l -> l.startsWith("[" + secondName + " (pid "), Duration.ofSeconds(30), "the next stop");
            type(root.input(), "p doubled");
            root.awaitLine(l -> l.endsWith("40"), Duration.ofSeconds(20), "the next REPL answers");
            type(root.input(), "continue");
            root.awaitLine(l -> l.endsWith("result " + secondName + " 41"), Duration.ofSeconds(30), "its result");
            root.awaitLine(l -> l.contains("failed " + firstName + ": "), Duration.ofSeconds(30), "the dead one");
            assertEquals(0, root.awaitExit(Duration.ofSeconds(60)), () -> "exit status; " + root.lines());
        }
    }

    @Test
    @Timeout(150)
    void aTaskCancelledWhileItsStopWaitsGivesItsTurnUp() throws Exception {
        try (RunningProgram root = start("give-up")) {
            root.awaitLine(l -> l.startsWith("[pair (pid ") && l.contains("in thread first "), Duration.ofSeconds(60),
                    "the first task's stop");
            root.awaitLine(l -> l.endsWith("gave up second"), Duration.ofSeconds(60), "the second task giving up");
            type(root.input(), "continue");
            root.awaitLine(l -> l.startsWith("[pair (pid ") && l.endsWith("] went on before its turn (its task was "
                    + "cancelled, or its actor is ending)"), Duration.ofSeconds(60), "the REPL saying it went on");
            root.awaitLine(l -> l.endsWith("result pair 2"), Duration.ofSeconds(30), "the call's result");
            assertEquals(0, root.awaitExit(Duration.ofSeconds(60)), () -> "exit status; " + root.lines());
        }
    }

    @Test
    @Timeout(150)
    void aPauseInAGrandchildReachesTheRootThroughItsParent() throws Exception {
        try (RunningProgram root = start("nested")) {
            String heading = root.awaitLine(l -> l.startsWith("[leaf (pid "), Duration.ofSeconds(90), "the stop");
            assertTrue(heading.contains("PauseProgram.paused(PauseProgram.java:"), heading);
            String where = "PauseProgram.pausedBelow";
            type(root.input(), "where");
            root.awaitLine(l -> l.contains("* dev.tractor.PauseProgram.paused("), Duration.ofSeconds(20), "where");
            assertTrue(root.lines().stream().noneMatch(l -> l.contains(where)),
                    () -> "the leaf's own stack only (the middle's call is another JVM): " + root.lines());
            type(root.input(), "continue");
            root.awaitLine(l -> l.endsWith("result leaf 41"), Duration.ofSeconds(30), "the result through middle");
            assertEquals(0, root.awaitExit(Duration.ofSeconds(30)), () -> "exit status; " + root.lines());
        }
    }

    @Test
    @Timeout(240)
    void nextTenTimesThenContinueFiveTimesTheReplComingBackEachTime() throws Exception {
        int pause = lineOf("PauseProgram.java", "// LOOP PAUSE");
        try (RunningProgram root = start("loop")) {
            root.awaitLine(l -> l.startsWith("[looper (pid "), Duration.ofSeconds(60), "the first stop");
            int stopsBefore = 0;
            for (int n = 1; n <= 10; n++) {
                int answers = count(root, l -> l.contains("PauseProgram.loops(PauseProgram.java:"));
                type(root.input(), "next");
                awaitCount(root, l -> l.contains("PauseProgram.loops(PauseProgram.java:"), answers + 1, "next " + n);
            }
            List<String> again = root.lines().stream().filter(l -> l.contains("stopped again at ")).toList();
            assertTrue(!again.isEmpty() && again.stream().allMatch(l -> l.endsWith("(PauseProgram.java:" + pause + ")")),
                    () -> "stepping over the pause stops there again, in the same session: " + root.lines());
            for (int round = 1; round <= 5; round++) { // twelve turns: at least five pauses are still ahead
                stopsBefore = count(root, l -> l.startsWith("[looper (pid "));
                type(root.input(), "continue");
                awaitCount(root, l -> l.startsWith("[looper (pid "), stopsBefore + 1, "continue " + round);
            }
            while (root.lines().stream().noneMatch(l -> l.endsWith("result looper 66"))) {
                stopsBefore = count(root, l -> l.startsWith("[looper (pid "));
                type(root.input(), "continue");
                long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                while (count(root, l -> l.startsWith("[looper (pid ")) == stopsBefore
                        && root.lines().stream().noneMatch(l -> l.endsWith("result looper 66"))) {
                    assertTrue(System.nanoTime() < deadline, () -> "the REPL comes back: " + root.lines());
                    Thread.sleep(20);
                }
            }
            assertEquals(0, root.awaitExit(Duration.ofSeconds(30)), () -> "exit status; " + root.lines());
        }
    }

    private static int count(RunningProgram p, java.util.function.Predicate<String> matches) {
        return (int) p.lines().stream().filter(matches).count();
    }

    private static void awaitCount(RunningProgram p, java.util.function.Predicate<String> matches, int atLeast,
            String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(40).toNanos();
        while (count(p, matches) < atLeast) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no answer to " + what + ": " + p.lines());
            }
            Thread.sleep(20);
        }
    }

    @Test
    void outsideDebugModePauseSaysWhatItNeeds() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Tractor.run(() -> {
                    Tractor.pause();
                    return null;
                }));
        assertTrue(e.getMessage().contains("needs debug mode"), e.getMessage());
    }
}
