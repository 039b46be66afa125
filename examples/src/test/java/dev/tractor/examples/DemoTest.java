package dev.tractor.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class DemoTest {
    private static final Duration LIMIT = Duration.ofSeconds(20);

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void everyWorkerIsCancelledAndCleanedUpBeforeMainSeesTheError() throws Exception {
        ExampleProcess.Result r = ExampleProcess.run(Demo.class, LIMIT, "4").assertSucceeded();

        // start() makes the workers come up in order, all before the countdown begins.
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            expected.add("worker " + i + " running in task worker-" + i + " (virtual thread: true)");
        }
        expected.add("This task tree will self-destruct in 1 s...");
        r.assertInOrder(expected.toArray(String[]::new));

        // Each worker's finally block ran after the countdown and before main caught the error.
        int countdown = r.assertLine("This task tree will self-destruct in 1 s...");
        int caught = r.assertLine("main caught: Self destructed");
        for (int i = 0; i < 4; i++) {
            int cleanup = r.assertLine("worker " + i + " cancelled, cleaned up");
            assertTrue(countdown < cleanup && cleanup < caught, () -> "cleanup out of place\n" + r);
        }
        assertEquals("all 4 workers cancelled; nothing leaked", r.lines().getLast());
        assertEquals(4 + 1 + 4 + 2, r.lines().size(), () -> "unexpected extra output\n" + r);
        assertTrue(r.took().compareTo(Duration.ofSeconds(1)) >= 0, () -> "self-destructed too early\n" + r);
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void byDefaultThereIsOneWorkerPerCore() throws Exception {
        ExampleProcess.Result r = ExampleProcess.run(Demo.class, LIMIT).assertSucceeded();
        int workers = Integer.parseInt(
                r.assertMatch("all (\\d+) workers cancelled; nothing leaked").group(1));
        assertTrue(workers >= 1);
        long running = r.lines().stream().filter(l -> l.matches("worker \\d+ running in task .*")).count();
        long cleaned = r.lines().stream().filter(l -> l.matches("worker \\d+ cancelled, cleaned up")).count();
        assertEquals(workers, running, r::toString);
        assertEquals(workers, cleaned, r::toString);
    }
}
