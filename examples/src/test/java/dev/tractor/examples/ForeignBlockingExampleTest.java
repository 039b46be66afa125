package dev.tractor.examples;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class ForeignBlockingExampleTest {
    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void interruptibleLetsATimeoutReachForeignBlockingCode() throws Exception {
        ExampleProcess.Result r = ExampleProcess.run(ForeignBlockingExample.class, Duration.ofSeconds(20))
                .assertSucceeded();

        // Unwrapped: the 300 ms sleep runs to its end; cancellation comes at the next checkpoint.
        long unwrapped = Long.parseLong(r.assertMatch(
                "  finished = false, but only after (\\d+) ms: the sleep ran its full 300 ms").group(1));
        assertTrue(unwrapped >= 300, r::toString);
        assertTrue(r.lines().stream().noneMatch(l -> l.contains("not reached")), r::toString);

        // Wrapped: the 60 s sleep ends with the 100 ms limit, and no interrupt is left behind.
        long sleep = Long.parseLong(r.assertMatch(
                "  finished = false after (\\d+) ms; interrupt flag left set: false").group(1));
        assertTrue(sleep >= 100 && sleep < 10_000, r::toString);

        // The blocking read ends too, and the interrupt closed the channel.
        long read = Long.parseLong(r.assertMatch(
                "  finished = false after (\\d+) ms; the interrupt closed the channel: true").group(1));
        assertTrue(read >= 100 && read < 10_000, r::toString);
        assertTrue(r.lines().stream().noneMatch(l -> l.contains("not expected")), r::toString);
    }
}
