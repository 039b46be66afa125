package dev.tractor.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Tag("multi-process")
class DaemonVsOneShotTest {
    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aOneShotReturnsItsResultAndADaemonServesUntilCancelled() throws Exception {
        ExampleProcess.Result r = ExampleProcess.run(DaemonVsOneShot.class, Duration.ofSeconds(40)).assertSucceeded();
        long adder = Long.parseLong(r.assertMatch("  'adder' \\(pid (\\d+)\\) returned 5050; .*").group(1));
        long counter = Long.parseLong(r.assertMatch("  'counter' \\(pid (\\d+)\\) call 1 -> 1").group(1));
        r.assertInOrder(
                "== 1. runInActor: a one-shot actor runs one function",
                "  'adder' (pid " + adder + ") returned 5050; the actor ends once it has returned",
                "== 2. startActor: a daemon serves calls until it is cancelled",
                "  'counter' (pid " + counter + ") call 1 -> 1",
                "  'counter' (pid " + counter + ") call 2 -> 2", // the same process, which kept its count
                "  'counter' (pid " + counter + ") resetCount() returned; call 3 -> 1", // the void call ran first
                "  calls counted in the root's own JVM: 0 (the count lives in the daemon's process)",
                "  result() on a daemon: IllegalStateException (a daemon has no result)",
                "  cancelActor() acknowledged: true",
                "  its process exited within 5 s: true",
                "== the nursery has closed",
                "  'adder' alive: false, 'counter' alive: false");
        assertEquals(12, r.lines().size(), () -> "unexpected extra output\n" + r);
        r.assertNotRunning(adder);
        r.assertNotRunning(counter);
    }
}
