package dev.tractor.sc;

import static org.junit.jupiter.api.Assertions.*;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SmokeTest {
    @Test
    void basics() throws Exception {
        int v = Sc.run(() -> 42);
        assertEquals(42, v);
        long t0 = System.nanoTime();
        Sc.run(() -> Sc.sleep(Duration.ofMillis(50)));
        assertTrue(System.nanoTime() - t0 >= 50_000_000L);
        boolean finished = Sc.run(() -> Timeouts.moveOnAfter(Duration.ofMillis(50), () -> Sc.sleepForever()));
        assertFalse(finished);
        Sc.run(() -> Nursery.open(n -> {
            n.startSoon("a", () -> Sc.sleep(Duration.ofMillis(10)));
            n.startSoon("b", () -> Sc.sleep(Duration.ofMillis(10)));
        }));
        var ex = assertThrows(IllegalStateException.class, () -> Sc.run(() -> Nursery.open(n -> {
            n.startSoon("sleeper", Sc::sleepForever);
            n.startSoon("boom", () -> { throw new IllegalStateException("boom"); });
        })));
        assertEquals("boom", ex.getMessage());
    }
}
