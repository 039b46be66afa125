package dev.tractor.examples;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Tag("multi-process")
class FlightRecordingTest {
    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void eachActorsEventsAreReadBackFromItsOwnFile() throws Exception {
        ExampleProcess.Result r = ExampleProcess.run(FlightRecording.class, Duration.ofSeconds(75)).assertSucceeded();
        String square = FlightRecording.class.getName() + ".square";
        r.assertInOrder(
                "3 squared is 9",
                "== root.jfr",
                "  ActorSpawn root   started worker: started, start-up timed",
                "  Call       root   called " + square + " in worker: returned",
                "  Cancel     root   actor cancel sent (worker)",
                "  ActorExit  root   worker exited, as asked",
                "== worker.jfr",
                "  ServedCall worker served " + square + " to root: returned",
                "  Cancel     worker actor cancel received (root)",
                "  Cancel     worker actor cancelled");
    }
}
