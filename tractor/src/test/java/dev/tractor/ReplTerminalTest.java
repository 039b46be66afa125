package dev.tractor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The REPL in a real terminal (a pty from util-linux's {@code script}): lines can be edited and earlier ones
 * come back with the up arrow (JLine). The keys are typed as xterm sends them once JLine has switched it to
 * application cursor keys, as it does while it reads a line: ESC O A for the up arrow, CR for Enter. Each line
 * is typed once the REPL's prompt has come after the last answer, so that the line editor, not the terminal's
 * own line discipline, takes the keys. The output holds the terminal's escape sequences: it is matched on its
 * visible text.
 */
class ReplTerminalTest {
    private static final String UP = "\u001bOA";
    private static final String LEFT = "\u001bOD";
    private static final String ENTER = "\r";
    private static final String BACKSPACE = "\u007f";
    private static final String CTRL_C = "\u0003";
    private static final String PROMPT = "(tractor worker) ";
    private static final String HINT = "Ctrl-C does not end the tree while the debugger is open";

    @AfterEach
    void noProcessOutlivesTheTest() throws InterruptedException {
        Processes.assertNoDescendantsWithin(Duration.ofSeconds(10));
    }

    @Test
    @Timeout(120)
    void theUpArrowBringsBackTheLineTypedBefore() throws Exception {
        try (Terminal terminal = pausedInATerminal()) {
            terminal.typeAtThePrompt("p doubled" + ENTER);
            terminal.awaitAnswers("40", 1);
            terminal.typeAtThePrompt(UP + ENTER);
            terminal.awaitAnswers("40", 2);
            terminal.continueToTheEnd();
        }
    }

    @Test
    @Timeout(120)
    void aLineCanBeEditedBeforeEnter() throws Exception {
        try (Terminal terminal = pausedInATerminal()) {
            terminal.typeAtThePrompt("p doubed" + LEFT + LEFT + "l" + ENTER); // the missing letter, in its place
            terminal.awaitAnswers("40", 1);
            terminal.typeAtThePrompt("p doubleX" + BACKSPACE + "d" + ENTER);
            terminal.awaitAnswers("40", 2);
            terminal.continueToTheEnd();
        }
    }

    @Test
    @Timeout(120)
    void ctrlCWhileALineIsTypedDropsItPrintsTheHintAndTheReplGoesOn() throws Exception {
        try (Terminal terminal = pausedInATerminal()) {
            terminal.typeAtThePrompt("p doub" + CTRL_C);
            terminal.awaitAnswers(HINT + ": 'continue' lets the actor go on, 'quit' ends its task", 1);
            terminal.typeAtThePrompt("p doubled" + ENTER); // "p doub" is gone: this line alone
            terminal.awaitAnswers("40", 1);
            assertEquals(1, terminal.visibleLines().stream().filter(l -> l.startsWith(HINT)).count(),
                    () -> "one Ctrl-C, one hint: " + terminal.visibleLines());
            assertFalse(terminal.visibleLines().stream().anyMatch(l -> l.contains("^C")),
                    () -> "the line editor took Ctrl-C (a terminal in its own line mode echoes ^C): "
                            + terminal.visibleLines());
            terminal.continueToTheEnd();
        }
    }

    @Test
    @Timeout(150)
    void anActorKilledWhileALineIsReadLeavesThePromptToTheNextStop() throws Exception {
        try (Terminal terminal = inATerminal("two-apart")) {
            String first = terminal.await(l -> l.startsWith("[alpha (pid ") || l.startsWith("[beta (pid "),
                    "the first stop");
            String firstName = first.startsWith("[alpha") ? "alpha" : "beta";
            String secondName = firstName.equals("alpha") ? "beta" : "alpha";
            terminal.awaitPrompt("(tractor " + firstName + ") "); // the line editor reads for the first stop
            long pid = Long.parseLong(first.substring(first.indexOf("(pid ") + 5, first.indexOf(')')));
            assertEquals(0, new ProcessBuilder("kill", "-9", Long.toString(pid)).start().waitFor());
            terminal.await(l -> l.startsWith("[" + firstName + " (pid " + pid + ")] is gone"), "the first one gone");
            terminal.await(l -> l.startsWith("[" + secondName + " (pid "), "the next stop");
            terminal.awaitPrompt("(tractor " + secondName + ") "); // below the next stop's heading and listing
            terminal.type("p doubled" + ENTER);
            terminal.awaitAnswers("40", 1);
            terminal.awaitPrompt("(tractor " + secondName + ") ");
            terminal.type("continue" + ENTER);
            terminal.await(l -> l.endsWith("result " + secondName + " 41"), "the second one's result");
            // the program's own output, printed while a prompt waits, follows it on its line
            terminal.await(l -> l.contains("failed " + firstName + ": "), "the first one's failure");
            terminal.awaitExit();
        }
    }

    @Test
    @Timeout(120)
    void aReplReadingFromAPipeLoadsNoClassOfJLine(@TempDir Path dir) throws Exception {
        Path classesLoaded = dir.resolve("classes-loaded.log");
        List<String> options = new ArrayList<>(List.of("-Dtractor.debug.sourcePath=src/test/java",
                "-Xlog:class+load=info:file=" + classesLoaded));
        options.addAll(RunningProgram.treeProperties());
        try (RunningProgram root = RunningProgram.start("pause-on-a-pipe",
                RunningProgram.javaCommand(options, PauseProgram.class))) {
            root.awaitLine(l -> l.contains("Tractor.pause()"), Duration.ofSeconds(60), "the stop and its listing");
            root.input().write("p doubled\ncontinue\n".getBytes(StandardCharsets.UTF_8));
            root.input().flush();
            root.awaitLine(l -> l.endsWith("40"), Duration.ofSeconds(20), "doubled's value");
            root.awaitLine(l -> l.endsWith("result worker 41"), Duration.ofSeconds(30), "the call's result");
            assertEquals(0, root.awaitExit(Duration.ofSeconds(30)), () -> "exit status; " + root.lines());
        }
        List<String> jline = Files.readAllLines(classesLoaded).stream()
                .filter(l -> l.contains("] org.jline.")) // not the JDK's own copy (jdk.internal.org.jline)
                .toList();
        assertEquals(List.of(), jline, "JLine loads only for a REPL in a terminal");
    }

    /** PauseProgram in a terminal of its own, stopped in its actor {@code worker}, the listing printed. */
    private static Terminal pausedInATerminal() throws IOException, InterruptedException {
        Terminal terminal = inATerminal();
        try {
            terminal.await(l -> l.contains("Tractor.pause()"), "the stop and its listing");
            return terminal;
        } catch (RuntimeException | Error e) {
            terminal.close();
            throw e;
        }
    }

    /** PauseProgram in a terminal of its own, with {@code args}. */
    private static Terminal inATerminal(String... args) throws IOException {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/script")), "needs util-linux's script for a terminal");
        List<String> java = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElseThrow(),
                "-Dtractor.debug.sourcePath=src/test/java"));
        java.addAll(RunningProgram.treeProperties());
        java.addAll(List.of("-cp", System.getProperty("java.class.path"), PauseProgram.class.getName()));
        java.addAll(List.of(args));
        // A terminal has a size (script's pty has none when script's own input is not a terminal)
        String shellCommand = "stty cols 120 rows 40 && exec "
                + ReplDriving.shellLine(java);
        // A terminal type with arrow keys and cursor movement (the build's own TERM may be dumb, or unset)
        return new Terminal(new ProcessBuilder("script", "-qfc", shellCommand, "/dev/null").redirectErrorStream(true));
    }

    /**
     * A program in a pty: the keys typed to it, and all it printed so far, prompts included (a prompt ends no
     * line, so {@link RunningProgram}, which reads lines, would not see it).
     */
    private static final class Terminal implements AutoCloseable {
        private final Process process;
        private final StringBuilder output = new StringBuilder(); // guarded by itself
        private final Thread reader;

        Terminal(ProcessBuilder command) throws IOException {
            command.environment().put("TERM", "xterm-256color");
            this.process = command.start();
            this.reader = Thread.ofVirtual().name("output of the terminal").start(() -> {
                try (Reader in = new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)) {
                    char[] buffer = new char[4096];
                    for (int n; (n = in.read(buffer)) >= 0;) {
                        synchronized (output) {
                            output.append(buffer, 0, n);
                        }
                    }
                } catch (IOException gone) {
                    // the process is gone
                }
            });
        }

        /** What it printed, without the terminal's escape sequences, one line per line. */
        List<String> visibleLines() {
            String text;
            synchronized (output) {
                text = output.toString();
            }
            return text.replaceAll("\u001b\\[[0-9;?>=]*[ -/]*[@-~]", "") // CSI: cursor, modes, colours
                    .replaceAll("\u001b\\][^\u0007\u001b]*(\u0007|\u001b\\\\)", "") // OSC
                    .replaceAll("\u001b[()][0-9A-Za-z]|\u001b[=>]", "")
                    .lines()
                    .map(l -> l.replaceAll("[\u0000-\u001f]", ""))
                    .toList();
        }

        /** Waits for {@code worker}'s prompt after the last line that has output, then types {@code keys}. */
        void typeAtThePrompt(String keys) throws IOException, InterruptedException {
            awaitPrompt(PROMPT);
            type(keys);
        }

        void type(String keys) throws IOException {
            OutputStream in = process.getOutputStream();
            in.write(keys.getBytes(StandardCharsets.UTF_8));
            in.flush();
        }

        /** Waits for {@code prompt} after the last line that has output (a prompt ends no line). */
        void awaitPrompt(String prompt) throws InterruptedException {
            awaitState(t -> {
                List<String> lines = t.visibleLines();
                return !lines.isEmpty() && lines.getLast().startsWith(prompt);
            }, "the prompt '" + prompt + "'");
        }

        /** Waits until {@code count} lines read exactly {@code answer}. */
        void awaitAnswers(String answer, int count) throws InterruptedException {
            awaitState(t -> t.visibleLines().stream().filter(l -> l.strip().equals(answer)).count() >= count,
                    count + " times '" + answer + "'");
        }

        /** Waits for a line that {@code matches}, and returns it. */
        String await(Predicate<String> matches, String what) throws InterruptedException {
            awaitState(t -> t.visibleLines().stream().anyMatch(matches), what);
            return visibleLines().stream().filter(matches).findFirst().orElseThrow();
        }

        void continueToTheEnd() throws IOException, InterruptedException {
            typeAtThePrompt("continue" + ENTER);
            await(l -> l.endsWith("result worker 41"), "the call's result");
            awaitExit();
        }

        void awaitExit() throws InterruptedException {
            assertEquals(0, process.waitFor(30, TimeUnit.SECONDS) ? process.exitValue() : -1,
                    () -> "exit status; " + visibleLines());
        }

        private void awaitState(Predicate<Terminal> done, String what) throws InterruptedException {
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (!done.test(this)) {
                if (System.nanoTime() > deadline || !process.isAlive() && !reader.isAlive()) {
                    throw new AssertionError("no " + what + " (alive: " + process.isAlive() + "); the terminal: "
                            + visibleLines());
                }
                Thread.sleep(20);
            }
        }

        @Override
        public void close() throws InterruptedException {
            process.destroyForcibly();
            process.waitFor(5, TimeUnit.SECONDS);
        }
    }
}
