package dev.tractor.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Tag("multi-process")
class ManyAtOnceTest {
    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS) // 12 JVMs, two at a time
    void everyChildAnswersWhenTheyStartTwoAtATime() throws Exception {
        ExampleProcess.Result r = ExampleProcess.run(ManyAtOnce.class, Duration.ofSeconds(100),
                List.of("-Dtractor.spawn.maxConcurrentStarts=2"), "12").assertSucceeded();
        assertEquals(List.of(
                "12 one-shot actors asked for at once; 2 launched at a time (tractor.spawn.maxConcurrentStarts)",
                "answers: 12, from 12 processes",
                "sum of the squares of 0..11: 506 (expected 506)"), r.lines(), () -> "unexpected output\n" + r);
    }
}
