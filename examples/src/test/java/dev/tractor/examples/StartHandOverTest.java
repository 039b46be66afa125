package dev.tractor.examples;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class StartHandOverTest {
    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void startWaitsForReadinessAndHandsOverTheValue() throws Exception {
        ExampleProcess.Result r = ExampleProcess.run(StartHandOver.class, Duration.ofSeconds(20)).assertSucceeded();
        r.assertInOrder(
                "== 1. start() waits for started(value) and returns the value",
                "  [server] set-up done, ready",          // before start() returned
                "  [client] start() returned the server's inbox",
                "  [client] hello -> HELLO",
                "  [client] structured -> STRUCTURED",
                "  [client] concurrency -> CONCURRENCY",
                "  [server] inbox closed, shutting down",  // closing the inbox ended the server...
                "  nursery closed: the server has ended",  // ...and the nursery waited for it
                "== 2. a failure before started() is raised by start() itself",
                "  start() raised: port 80 needs root",
                "  [fallback] the nursery is still open",
                "== 3. a timeout around start() covers the task's set-up",
                "  the server became ready in time: false",
                "  nursery closed: the slow starter was cancelled and has ended");
    }
}
