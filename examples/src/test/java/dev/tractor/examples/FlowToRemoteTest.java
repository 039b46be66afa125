package dev.tractor.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Tag("multi-process")
class FlowToRemoteTest {
    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void everyReadingArrivesInOrderAndTheDemandStaysWithinTheConsumersRoom() throws Exception {
        ExampleProcess.Result r = ExampleProcess.run(FlowToRemote.class, Duration.ofSeconds(80)).assertSucceeded();
        int n = FlowToRemote.READINGS;
        assertEquals(List.of(
                "published " + n + " readings",
                "the consumer received " + n + " readings in order, 0 to " + (n - 1) + ", sum " + (long) n * (n - 1) / 2,
                "the publisher was never asked for more than 64 readings ahead of the consumer"),
                r.lines(), () -> "unexpected output\n" + r);
    }
}
