package dev.tractor.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Tag("multi-process")
class StreamingServiceTest {
    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void theRootGetsEveryNumberOnceThroughTheAggregator() throws Exception {
        // Four JVMs: the root, the aggregator and its two streamers; ExampleProcess checks that none is left.
        ExampleProcess.Result r = ExampleProcess.run(StreamingService.class, Duration.ofSeconds(40)).assertSucceeded();
        assertEquals(List.of(
                "the aggregator started 2 streamers",
                "the root received 1000 values, sum 499500 (expected 499500)",
                "every number from 0 to 999 once, in order: true",
                "the aggregator merged 2000 values from [streamer_1, streamer_2] and forwarded 1000"),
                r.lines(), () -> "unexpected output\n" + r);
    }
}
