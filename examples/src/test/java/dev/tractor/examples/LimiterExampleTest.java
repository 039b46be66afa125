package dev.tractor.examples;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class LimiterExampleTest {
    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void limiterBoundsConcurrencyAndLockSerializes() throws Exception {
        ExampleProcess.Result r = ExampleProcess.run(LimiterExample.class, Duration.ofSeconds(20)).assertSucceeded();
        int peak = Integer.parseInt(r.assertMatch("  10 downloads done, at most (\\d+) at once").group(1));
        assertTrue(peak >= 1 && peak <= 3, r::toString);
        r.assertLine("  all 2 tokens borrowed; a caller with a 50 ms limit got one: false, tasks still waiting: 0");
        // Without the lock some deposits are lost (how many depends on scheduling); with it none are.
        int unlocked = Integer.parseInt(
                r.assertMatch("  without the lock: balance = (\\d+) after 10 deposits of 1").group(1));
        assertTrue(unlocked >= 1 && unlocked <= 10, r::toString);
        r.assertLine("  with the lock:    balance = 10 after 10 deposits of 1");
    }
}
