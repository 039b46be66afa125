package dev.tractor.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Tag("multi-process")
class SilentChildTest {
    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void aStoppedChildIsFoundSilentKilledAndReportedAsLost() throws Exception {
        ExampleProcess.Result r = ExampleProcess.run(SilentChild.class, Duration.ofSeconds(80));
        assertEquals(0, r.exitCode(), r::toString);
        // stderr holds the root's log lines about the silence (closing the connection, killing the child)
        for (String line : r.stderr().lines().filter(l -> !l.startsWith("Picked up ")).toList()) {
            assertTrue(line.contains("WARNING") && line.contains("went silent"), () -> "stderr: " + r);
        }
        List<String> lines = r.lines();
        assertEquals(4, lines.size(), () -> "unexpected output\n" + r);
        assertEquals("hello, parent", lines.get(0));
        assertEquals("stopped the child with SIGSTOP; calling it again", lines.get(1));
        String failure = lines.get(2);
        assertTrue(failure.startsWith("the call failed after about ") && failure.contains("actor 'frozen'")
                && failure.contains("was lost") && failure.contains("went silent")
                && failure.contains("tractor.ipc.silentPeerTimeout"), () -> "unexpected failure\n" + r);
        assertEquals("the child's process is gone", lines.get(3));
    }
}
