package dev.tractor.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Tag("multi-process")
class RemoteGeneratorTest {
    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void breakingOutCancelsTheGeneratorQuietly() throws Exception {
        ExampleProcess.Result r = ExampleProcess.run(RemoteGenerator.class, Duration.ofSeconds(40)).assertSucceeded();
        // The root saw 0..50 (it breaks at 50), so the generator emitted at least 51 before it was cancelled.
        int emitted = Integer.parseInt(r.assertMatch("  generator: cancelled after emitting (\\d+) values").group(1));
        assertTrue(emitted >= 51, () -> "emitted " + emitted + "\n" + r);
        long child = Long.parseLong(r.assertMatch("  generator: finally block ran in pid (\\d+)").group(1));
        r.assertInOrder(
                "== 1. read an endless generator until 50, then break",
                "  generator: cancelled after emitting " + emitted + " values",
                "  generator: finally block ran in pid " + child,
                "  root: received 50 values, 0..49, then broke out; openStreamFrom returned without an error",
                "== 2. read a short generator to its end",
                "  generator: emitted all 5 values and returned",
                "  generator: finally block ran in pid " + child,
                "  root: received [0, 1, 2, 3, 4]");
        assertEquals(8, r.lines().size(), () -> "unexpected extra output\n" + r);
        r.assertNotRunning(child);
    }
}
