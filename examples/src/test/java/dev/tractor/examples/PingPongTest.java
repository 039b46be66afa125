package dev.tractor.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Tag("multi-process")
class PingPongTest {
    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void tenRoundsOverOneContextThenTheRemoteResult() throws Exception {
        ExampleProcess.Result r = ExampleProcess.run(PingPong.class, Duration.ofSeconds(40)).assertSucceeded();
        List<String> expected = new ArrayList<>();
        expected.add("ponger started with 0");
        for (int round = 1, n = 0; round <= 10; round++, n += 2) {
            expected.add("round " + round + ": ping " + n + " -> pong " + (n + 1));
        }
        expected.add("the ponger answered 10 pings");
        assertEquals(expected, r.lines(), () -> "unexpected output\n" + r);
    }
}
