package dev.tractor.examples;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class MockClockExampleTest {
    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void autojumpMakesHoursOfMockTimeTakeNoRealTime() throws Exception {
        ExampleProcess.Result r = ExampleProcess.run(MockClockExample.class, Duration.ofSeconds(20)).assertSucceeded();
        r.assertInOrder(
                "== an hour-long timeout",
                "  moveOnAfter(1 h, sleepForever): finished = false, mock time passed: PT1H",
                "== a heartbeat every 10 minutes for a day",
                "  144 heartbeats, mock time passed: PT24H",
                "== several sleepers wake in deadline order",
                "  sleeper-5 woke at +PT5M",
                "  sleeper-20 woke at +PT20M",
                "  sleeper-45 woke at +PT45M",
                "== failAfter(30 min) around a two-hour job",
                "  TooSlow at +PT30M: not done within PT30M");
        long realMillis = Long.parseLong(
                r.assertMatch("mock time in total: PT26H15M, real time: (\\d+) ms").group(1));
        // Over 26 hours of mock time; a generous bound for a loaded machine, still nothing like real time.
        assertTrue(realMillis < 10_000, r::toString);
    }
}
