package dev.tractor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tractor.internal.runtime.ActorLogging;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

class ActorLoggingTest {
    @Test
    void aLineSaysWhichActorWroteIt() {
        LogRecord r = new LogRecord(Level.WARNING, "dropped {0}");
        r.setLoggerName("dev.tractor.ipc");
        r.setParameters(new Object[] {"peer-x"});
        String line = new ActorLogging.ActorFormatter("worker", 4242).format(r);
        assertTrue(line.matches("\\d\\d:\\d\\d:\\d\\d\\.\\d{3} WARNING \\[worker 4242\\] dev.tractor.ipc: dropped peer-x\\R"),
                line);
    }

    @Test
    void levelsHaveTractorNamesAndBadOnesAreRefused() {
        assertEquals(Level.FINE, ActorLogging.level("debug"));
        assertEquals(Level.SEVERE, ActorLogging.level("ERROR"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ActorLogging.level("LOUD"));
        assertTrue(e.getMessage().contains("tractor.log.level"), e.getMessage());
    }

    /**
     * {@code tractor.log.level=DEBUG} turns up tractor's loggers in the whole tree, and no others: the JDK's
     * own {@code ProcessBuilder} logger printed a fake stack trace for every spawn when the level applied
     * to the root logger.
     */
    @Test
    void theLogLevelAppliesToTractorsLoggersOnly() throws Exception {
        List<String> options = new ArrayList<>(List.of("-Dtractor.log.level=DEBUG"));
        options.addAll(RunningProgram.treeProperties());
        try (RunningProgram program = RunningProgram.start("logging",
                RunningProgram.javaCommand(options, LoggingProgram.class))) {
            assertEquals(0, program.awaitExit(Duration.ofSeconds(60)), () -> "exit status; " + program.lines());
            List<String> lines = program.lines();
            assertTrue(lines.contains("worker done"), lines::toString);
            assertTrue(lines.stream().anyMatch(l -> l.matches(".* DEBUG \\[root \\d+\\] dev\\.tractor.*")),
                    () -> "the root's own DEBUG lines: " + lines);
            assertTrue(lines.stream().anyMatch(l -> l.matches(".* DEBUG \\[worker \\d+\\] dev\\.tractor.*")),
                    () -> "the child's DEBUG lines (the level reaches the tree): " + lines);
            assertTrue(lines.stream().anyMatch(l -> l.contains("an info line of another library")), lines::toString);
            assertTrue(lines.stream().noneMatch(l -> l.contains("a debug line of another library")), lines::toString);
            assertTrue(lines.stream().noneMatch(l -> l.contains("ProcessBuilder.start() debug")),
                    () -> "the JDK's own debug output: " + lines);
        }
    }
}
