package dev.tractor.examples;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.opentest4j.AssertionFailedError;

/** The harness's own promise: a run that leaves a process of its tree behind fails, and the process is killed. */
@Tag("multi-process")
class ExampleProcessTest {
    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void anOrphanThatCarriesTheRunsMarkerIsFoundAndKilled() throws Exception {
        // The orphan is no longer a descendant of this JVM once OrphanMaker has exited: only the marker finds it.
        AssertionFailedError e = assertThrows(AssertionFailedError.class,
                () -> ExampleProcess.run(OrphanMaker.class, Duration.ofSeconds(30)));
        assertTrue(e.getMessage().contains("OrphanMaker left processes of its tree running"), e.getMessage());
        Matcher pid = Pattern.compile("running: \\[(\\d+) ").matcher(e.getMessage());
        assertTrue(pid.find(), e.getMessage());
        ProcessHandle orphan = ProcessHandle.of(Long.parseLong(pid.group(1))).orElse(null);
        if (orphan != null) {
            orphan.onExit().get(10, TimeUnit.SECONDS);
        }
    }
}
