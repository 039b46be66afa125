package dev.tractor.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Tag("multi-process")
class LargeValuesTest {
    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void aValueOverTheLimitFailsItsCallAndThenGoesInPieces() throws Exception {
        ExampleProcess.Result r = ExampleProcess.run(LargeValues.class, Duration.ofSeconds(60)).assertSucceeded();
        r.assertInOrder(
                "== 1. an argument over the limit fails its call, before anything is sent",
                "  FrameTooLarge: argument data of dev.tractor.examples.LargeValues.summary(byte[] data) cannot be "
                        + "sent: a value of 83,886,085 bytes is larger than the limit of 67,108,864 bytes on a message "
                        + "(tractor.ipc.maxFrameBytes)",
                "== 2. the same portal carries the next call",
                "  store: 10 bytes, sum 10",
                "== 3. the whole value, in pieces of 1 MiB over a stream",
                "  store: 83,886,080 bytes in 80 chunks, sum 83886080");
        assertEquals(6, r.lines().size(), () -> "unexpected extra output\n" + r);
    }
}
