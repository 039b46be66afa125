package dev.tractor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
}
