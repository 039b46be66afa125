package dev.tractor.sc.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tractor.sc.CancelScope;
import dev.tractor.sc.MemoryChannel;
import dev.tractor.sc.Nursery;
import dev.tractor.sc.Sc;
import dev.tractor.sc.Timeouts;
import dev.tractor.sc.TooSlow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

// A real clock would need hours for these; the timeout proves that no real waiting happens.
@Timeout(10)
class MockClockTest {

    @Test
    void hourLongDeadlinesFinishInstantly() throws Exception {
        MockClock clock = MockClock.autojumping();
        Sc.run(clock, () -> {
            assertFalse(Timeouts.moveOnAfter(Duration.ofHours(1), Sc::sleepForever));
            assertEquals(Duration.ofHours(1), clock.elapsed());
            Sc.sleep(Duration.ofHours(5));
            assertEquals(Duration.ofHours(6), clock.elapsed());
            assertThrows(TooSlow.class, () -> Timeouts.failAfter(Duration.ofDays(2), Sc::sleepForever));
            assertEquals(Duration.ofHours(54), clock.elapsed());
        });
    }

    @Test
    void severalSleepersWakeInDeadlineOrder() throws Exception {
        MockClock clock = MockClock.autojumping();
        List<String> order = Collections.synchronizedList(new ArrayList<>());
        Sc.run(clock, () -> Nursery.open(n -> {
            for (int hours : new int[] {3, 1, 2}) {
                n.startSoon("sleeper-" + hours, () -> {
                    Sc.sleep(Duration.ofHours(hours));
                    order.add(hours + "h at " + clock.elapsed().toHours() + "h");
                });
            }
        }));
        assertEquals(List.of("1h at 1h", "2h at 2h", "3h at 3h"), order);
    }

    @Test
    void theClockDoesNotJumpWhileATaskIsRunnable() throws Exception {
        MockClock clock = MockClock.autojumping();
        Sc.run(clock, () -> {
            MemoryChannel<Integer> ch = MemoryChannel.open(0);
            Nursery.open(n -> {
                n.startSoon("producer", () -> {
                    for (int i = 0; i < 1_000; i++) {
                        ch.sender().send(i);
                    }
                    ch.sender().close();
                });
                boolean finished = Timeouts.moveOnAfter(Duration.ofSeconds(1), () -> {
                    int sum = 0;
                    for (int v : ch.receiver()) {
                        sum += v;
                    }
                    assertEquals(499_500, sum);
                });
                assertTrue(finished, "the hand-offs never left the run idle, so the deadline never fired");
            });
        });
        assertEquals(Duration.ZERO, clock.elapsed());
    }

    @Test
    void aManualClockMovesOnlyWhenAdvanced() throws Exception {
        MockClock clock = new MockClock();
        List<String> log = Collections.synchronizedList(new ArrayList<>());
        java.util.concurrent.atomic.AtomicReference<Thread> sleeper = new java.util.concurrent.atomic.AtomicReference<>();
        Thread advancer = Thread.ofPlatform().start(() -> {
            try {
                while (sleeper.get() == null || sleeper.get().getState() != Thread.State.WAITING) {
                    Thread.sleep(1); // until the task sleeps, its deadline taken at mock time 0
                }
                clock.advance(Duration.ofMinutes(59));
                Thread.sleep(20);
                log.add("advanced 59 min");
                clock.advance(Duration.ofMinutes(1));
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        });
        Sc.run(clock, () -> {
            log.add("sleeping");
            sleeper.set(Thread.currentThread());
            Sc.sleep(Duration.ofHours(1));
            log.add("woke at " + clock.elapsed());
        });
        advancer.join();
        assertEquals(List.of("sleeping", "advanced 59 min", "woke at PT1H"), log);
    }

    @Test
    void deadlinesChangedWhileRunningUseTheMockClock() throws Exception {
        MockClock clock = MockClock.autojumping();
        Sc.run(clock, () -> {
            CancelScope scope = new CancelScope().relativeDeadline(Duration.ofDays(365));
            Nursery.open(n -> {
                n.startSoon(() -> {
                    Sc.sleep(Duration.ofMinutes(1));
                    scope.relativeDeadline(Duration.ofMinutes(1));
                });
                scope.run(Sc::sleepForever);
            });
            assertTrue(scope.cancelledCaught());
            assertEquals(Duration.ofMinutes(2), clock.elapsed());
        });
    }

    @Test
    void aClockCannotGoBack() {
        assertThrows(IllegalArgumentException.class, () -> new MockClock().advance(Duration.ofSeconds(-1)));
    }
}
