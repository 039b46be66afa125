package dev.tractor.internal.debug;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tractor.PausedProgram;
import dev.tractor.Processes;
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

/**
 * The REPL's commands on a real stopped thread: a JVM (with a JDWP agent on loopback, as a child in debug
 * mode has) whose virtual thread waits at a {@link Gate} inside {@code PausedProgram.compute}.
 */
class DebugSessionTest {
    private static final Path SOURCE = Path.of("src/test/java/dev/tractor/PausedProgram.java");
    private final List<Process> started = new ArrayList<>();
    private final List<Watch> watches = new ArrayList<>();

    @AfterEach
    void noProcessOutlivesTheTest() throws InterruptedException {
        watches.forEach(Watch::close);
        started.forEach(Process::destroyForcibly);
        Processes.assertNoDescendantsWithin(Duration.ofSeconds(10));
    }

    /** The line of {@code PausedProgram.java} that holds {@code marker}. */
    private static int line(String marker) throws IOException {
        List<String> lines = Files.readAllLines(SOURCE);
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(marker)) {
                return i + 1;
            }
        }
        throw new AssertionError(marker + " not in " + SOURCE);
    }

    private record Debuggee(Process process, List<String> output, int port) {
    }

    private Debuggee start() throws Exception {
        Process p = new ProcessBuilder(ProcessHandle.current().info().command().orElseThrow(),
                "-agentlib:jdwp=transport=dt_socket,server=y,suspend=n,address=127.0.0.1:0,quiet=y,"
                        + "includevirtualthreads=y",
                "--add-exports", "java.base/jdk.internal.vm=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), PausedProgram.class.getName())
                .redirectErrorStream(true).start();
        started.add(p);
        List<String> output = new java.util.concurrent.CopyOnWriteArrayList<>();
        Thread.ofVirtual().start(() -> p.inputReader().lines().forEach(output::add));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (output.stream().noneMatch(l -> l.startsWith("port ")) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        String port = output.stream().filter(l -> l.startsWith("port ")).findFirst()
                .orElseThrow(() -> new AssertionError("no port: " + output));
        return new Debuggee(p, output, Integer.parseInt(port.substring(5)));
    }

    private static String awaitLine(Debuggee d, String prefix) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            for (String l : d.output()) {
                if (l.startsWith(prefix)) {
                    return l;
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no '" + prefix + "' line: " + d.output());
    }

    /** Watches the debuggee as the tree's debugger does, and opens a session on its first stop. */
    private DebugSession session(Debuggee d) throws IOException, InterruptedException {
        Stops stops = new Stops();
        watches.add(Watch.attach("paused", d.process().pid(), d.port(), Duration.ofSeconds(20), stops));
        return DebugSession.open(stops.next(), Duration.ofSeconds(20), new SourcePath(List.of(Path.of("src/test/java"))));
    }

    @Test
    @Timeout(90)
    void theCommandsShowAndMoveThroughTheStoppedCode() throws Exception {
        int pause = line("// PAUSE");
        Debuggee d = start();
        try (DebugSession s = session(d)) {
            String stop = s.heading();
            assertTrue(stop.startsWith("[paused (pid ") && stop.contains("paused-task") && stop.contains("PausedProgram.compute(PausedProgram.java:"
                    + pause + ")"), stop);
            assertTrue(s.execute("where").startsWith("* dev.tractor.PausedProgram.compute(PausedProgram.java:"
                    + pause + ")"), s.execute("where"));
            String locals = s.execute("locals");
            assertTrue(locals.contains("n = 40") && locals.contains("squares = [1, 4, 9]")
                    && locals.contains("p = Point[x=40, y=7]") && locals.contains("label = \"hello\""), locals);
            assertEquals("n = 40", s.execute("args"));
            assertEquals("4", s.execute("print squares[1]"));
            assertEquals("40", s.execute("p p.x"));
            assertEquals("5", s.execute("p label.length()"));
            assertEquals("true", s.execute("p label.startsWith(\"he\")"));
            assertEquals("Point[x=40, y=7]", s.execute("print p"));
            assertEquals("no local variable or field named nosuch here", s.execute("print nosuch"));
            String list = s.execute("list");
            assertTrue(list.contains(pause + " -> ") && list.contains("new Gate().await()"), list);
            String up = s.execute("up");
            assertTrue(up.contains("PausedProgram.lambda$main$"), up);
            assertTrue(s.execute("down").contains("PausedProgram.compute"), "down");
            assertEquals("already at the innermost frame", s.execute("down"));

            assertEquals("dev.tractor.PausedProgram.compute(PausedProgram.java:" + (pause + 1) + ")", s.execute("next"));
            assertEquals("40", s.execute("print p.x()"));
            assertEquals("dev.tractor.PausedProgram.compute(PausedProgram.java:" + (pause + 2) + ")", s.execute("n"));
            assertEquals("44", s.execute("print sum"));
            assertEquals("dev.tractor.PausedProgram.doubled(PausedProgram.java:" + line("// DOUBLED") + ")",
                    s.execute("step"));
            assertEquals("x = 44", s.execute("args"));
            assertTrue(s.execute("return").contains("PausedProgram.compute"), "back in compute");
            assertEquals("continuing", s.execute("continue"));
            assertTrue(s.ended());
        }
        assertEquals("result 88", awaitLine(d, "result "));
        assertEquals(0, d.process().waitFor(20, TimeUnit.SECONDS) ? d.process().exitValue() : -1);
    }

    @Test
    @Timeout(60)
    void quitEndsThePausedTaskWithAnErrorThatSaysSo() throws Exception {
        Debuggee d = start();
        try (DebugSession s = session(d)) {
            s.heading();
            assertEquals("quit: the paused task ends with an error", s.execute("quit"));
        }
        assertEquals("quit: the user quit the debugger", awaitLine(d, "quit: "));
    }

    @Test
    @Timeout(60)
    void aDebuggeeThatDiesEndsTheSession() throws Exception {
        Debuggee d = start();
        try (DebugSession s = session(d)) {
            s.heading();
            d.process().destroyForcibly();
            d.process().waitFor(10, TimeUnit.SECONDS);
            String answer = s.execute("where");
            for (int i = 0; i < 50 && !s.ended(); i++) { // the disconnect may take a moment to be seen
                Thread.sleep(50);
                answer = s.execute("where");
            }
            assertTrue(s.ended(), answer);
            assertTrue(answer.contains("gone") || answer.contains("ended"), answer);
        }
    }
}
