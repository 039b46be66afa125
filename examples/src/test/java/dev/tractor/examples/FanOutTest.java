package dev.tractor.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Tag("multi-process")
class FanOutTest {
    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void everySubscriberGetsEveryValue() throws Exception {
        ExampleProcess.Result r = ExampleProcess.run(FanOut.class, Duration.ofSeconds(40)).assertSucceeded();
        assertEquals(List.of(
                "the ticker will send 50 values over one stream",
                "subscriber-0 got 50 values, every one in order: true",
                "subscriber-1 got 50 values, every one in order: true",
                "subscriber-2 got 50 values, every one in order: true",
                "subscriber-3 got 50 values, every one in order: true"), r.lines(), () -> "unexpected output\n" + r);
    }
}
