package dev.tractor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runtime's logs routed to SLF4J and Logback, as docs/guide/running.md shows: with
 * {@code slf4j-jdk-platform-logging} on the class path, {@code System.Logger} goes to SLF4J, and a Logback
 * pattern prints each actor's name and pid from {@code tractor.actor.name} and {@code tractor.actor.pid}.
 * The jars are copied to {@code target/logging-jars} by the build and are not on the test class path.
 */
class LogbackRoutingTest {
    private static final Pattern LINE = Pattern.compile(".* (DEBUG|INFO) +\\[(\\w+) (\\d+)\\] ([\\w.]+): .*");

    @AfterEach
    void noProcessOutlivesTheTest() throws InterruptedException {
        Processes.assertNoDescendantsWithin(Duration.ofSeconds(10));
    }

    @Test
    void eachActorsLinesNameItsActorAndPid(@TempDir Path dir) throws Exception {
        Files.copy(Path.of("src/test/logback/logback.xml"), dir.resolve("logback.xml"));
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElseThrow(),
                "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path") + File.pathSeparator + dir
                        + File.pathSeparator + loggingJars()));
        command.addAll(command.size() - 2, RunningProgram.treeProperties());
        command.add(LoggingProgram.class.getName());
        try (RunningProgram program = RunningProgram.start("logback", command)) {
            assertEquals(0, program.awaitExit(Duration.ofSeconds(60)), () -> "exit status; " + program.lines());
            List<String> lines = program.lines();
            assertTrue(lines.contains("worker done"), lines::toString);
            String rootPid = pidOf(lines, "root", "dev.tractor");
            String workerPid = pidOf(lines, "worker", "dev.tractor");
            assertNotEquals(rootPid, workerPid, "each process names its own pid");
            assertEquals(rootPid, pidOf(lines, "root", "com.example.app"), "another library's lines too");
            assertTrue(lines.stream().noneMatch(l -> l.contains("a debug line of another library")),
                    () -> "Logback's levels decide: " + lines);
            assertTrue(lines.stream().noneMatch(l -> l.matches(".* \\[(root|worker) \\d+\\] dev\\.tractor.*")
                    && !LINE.matcher(l).matches()), lines::toString);
        }
    }

    /** The pid in the first line of {@code actor} from a logger under {@code logger}. */
    private static String pidOf(List<String> lines, String actor, String logger) {
        for (String line : lines) {
            Matcher m = LINE.matcher(line);
            if (m.matches() && m.group(2).equals(actor) && m.group(4).startsWith(logger)) {
                return m.group(3);
            }
        }
        throw new AssertionError("no line of actor " + actor + " from " + logger + ": " + lines);
    }

    private static String loggingJars() throws IOException {
        Path jars = Path.of("target/logging-jars");
        try (Stream<Path> files = Files.list(jars)) {
            List<String> all = files.map(Path::toString).filter(f -> f.endsWith(".jar")).sorted().toList();
            assertEquals(4, all.size(), () -> "SLF4J and Logback, copied by the build: " + all);
            return String.join(File.pathSeparator, all);
        }
    }
}
