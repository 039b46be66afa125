package dev.tractor.examples;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class TimeoutsExampleTest {
    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void limitsScopesAndShields() throws Exception {
        ExampleProcess.Result r = ExampleProcess.run(TimeoutsExample.class, Duration.ofSeconds(20)).assertSucceeded();
        r.assertInOrder(
                "== moveOnAfter: give up quietly",
                "  sleepForever() under a 100 ms limit: finished = false",
                "  a 10 ms sleep under a 100 ms limit: finished = true",
                "  answer after 5 s, 50 ms limit: Optional.empty",
                "  answer after 10 ms, 5 s limit: Optional[42]",
                "== failAfter: give up loudly",
                "  caught TooSlow: no result within PT0.05S",
                "== nested limits: the earliest deadline wins",
                "== CancelScope: cancel a region from another task",
                "  [worker] cancelled: operator pressed stop",
                "  cancelCalled = true, cancelledCaught = true",
                "== shield: cleanup that must finish while cancelled",
                "  unshielded cleanup: cut short, goodbye not sent",
                "  shielded cleanup: goodbye sent",
                "  hung cleanup: gave up after its own 100 ms limit, cancelledCaught = true");

        // The outer 100 ms limit, not the inner 30 s one, ended the nested block.
        long nestedMillis = Long.parseLong(r.assertMatch(
                "  outer \\(100 ms\\) finished = false, inner \\(30 s\\) never returned; took (\\d+) ms").group(1));
        assertTrue(nestedMillis >= 100 && nestedMillis < 5_000, r::toString);
        assertTrue(r.lines().stream().noneMatch(l -> l.startsWith("  inner finished")), r::toString);
        // Only one goodbye: the unshielded cleanup was cut short.
        assertTrue(r.lines().stream().filter(l -> l.endsWith("goodbye sent")).count() == 1, r::toString);
        // Nothing waited for the 5 s and 30 s sleeps.
        assertTrue(r.took().compareTo(Duration.ofSeconds(5)) < 0, r::toString);
    }
}
