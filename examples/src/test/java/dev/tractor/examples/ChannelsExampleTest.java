package dev.tractor.examples;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class ChannelsExampleTest {
    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void fanInFanOutAndCloseRules() throws Exception {
        ExampleProcess.Result r = ExampleProcess.run(ChannelsExample.class, Duration.ofSeconds(20)).assertSucceeded();
        r.assertInOrder(
                "== fan-in: three producers, one consumer",
                "  values per producer: {a=5, b=5, c=5}, each producer's in order: true",
                "  the loop ended when every producer had closed its handle",
                "== fan-out: one queue, two workers sharing a cloned receiving end",
                "  10 jobs, 10 deliveries: each job went to exactly one worker",
                "== close rules",
                "  receive() after close: last words",
                "  receive() again: EndOfChannel (every sending handle is closed)",
                "  send() with no receivers left: BrokenResource (every receiving handle of the channel is closed)",
                "  send() on a handle you closed: ClosedResource (this sending handle was closed)",
                "  trySend into an empty buffer of 1: true",
                "  trySend into a full buffer: false (never waits)",
                "  tryReceive: Optional[x], then Optional.empty");
    }
}
