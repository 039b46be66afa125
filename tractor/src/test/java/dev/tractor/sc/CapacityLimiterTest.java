package dev.tractor.sc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CapacityLimiterTest {

    @Test
    void neverMoreThanTheTotalRunAtOnce() throws Exception {
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger peak = new AtomicInteger();
        CapacityLimiter limiter = new CapacityLimiter(3);
        Event full = new Event();
        Sc.run(() -> Nursery.open(n -> {
            for (int i = 0; i < 20; i++) {
                n.startSoon(() -> {
                    limiter.acquire();
                    try {
                        int now = inside.incrementAndGet();
                        peak.accumulateAndGet(now, Math::max);
                        if (now == 3) {
                            full.set();
                        }
                        full.await(); // the first three stay until all three are in
                        Sc.sleep(Duration.ofMillis(1));
                        inside.decrementAndGet();
                    } finally {
                        limiter.release();
                    }
                });
            }
        }));
        assertEquals(3, peak.get());
        assertEquals(0, limiter.borrowedTokens());
        assertEquals(3, limiter.availableTokens());
    }

    @Test
    void waitersAreServedFirstComeFirstServed() throws Exception {
        List<Integer> order = Collections.synchronizedList(new ArrayList<>());
        CapacityLimiter limiter = new CapacityLimiter(1);
        Sc.run(() -> {
            limiter.acquire();
            Nursery.open(n -> {
                for (int i = 0; i < 5; i++) {
                    int id = i;
                    n.startSoon(() -> {
                        limiter.acquire();
                        order.add(id);
                        limiter.release();
                    });
                    while (limiter.waiting() < i + 1) {
                        Sc.sleep(Duration.ofMillis(1));
                    }
                }
                limiter.release();
            });
        });
        assertEquals(List.of(0, 1, 2, 3, 4), order);
    }

    @Test
    void aTaskHoldsAtMostOneTokenAndReleasesOnlyItsOwn() throws Exception {
        CapacityLimiter limiter = new CapacityLimiter(2);
        Sc.run(() -> {
            limiter.acquire();
            assertThrows(IllegalStateException.class, limiter::acquire);
            assertThrows(IllegalStateException.class, limiter::tryAcquire);
            Nursery.open(n -> n.startSoon(() -> assertThrows(IllegalStateException.class, limiter::release)));
            limiter.release();
            assertThrows(IllegalStateException.class, limiter::release);
        });
    }

    @Test
    void borrowersOtherThanTasks() throws Exception {
        CapacityLimiter limiter = new CapacityLimiter(1);
        Object connection = new Object();
        Sc.run(() -> {
            limiter.acquireOnBehalfOf(connection);
            assertFalse(limiter.tryAcquireOnBehalfOf("someone else"));
            limiter.releaseOnBehalfOf(connection);
            assertTrue(limiter.tryAcquireOnBehalfOf("someone else"));
        });
    }

    @Test
    void raisingTheTotalLetsWaitersInAtOnce() throws Exception {
        CapacityLimiter limiter = new CapacityLimiter(1);
        AtomicInteger got = new AtomicInteger();
        Sc.run(() -> {
            limiter.acquire();
            Nursery.open(n -> {
                for (int i = 0; i < 2; i++) {
                    n.startSoon(() -> {
                        limiter.acquire();
                        got.incrementAndGet();
                        limiter.release();
                    });
                }
                while (limiter.waiting() < 2) {
                    Sc.sleep(Duration.ofMillis(1));
                }
                limiter.totalTokens(3);
            });
            assertEquals(2, got.get());
            limiter.release();
        });
        assertThrows(IllegalArgumentException.class, () -> limiter.totalTokens(0));
        assertThrows(IllegalArgumentException.class, () -> new CapacityLimiter(0));
    }

    @Test
    void aCancelledWaiterTakesNoToken() throws Exception {
        CapacityLimiter limiter = new CapacityLimiter(1);
        Sc.run(() -> {
            Nursery.open(n -> {
                n.start("holder", (TaskStatus<Void> status) -> {
                    limiter.acquire();
                    status.started();
                    Sc.sleep(Duration.ofMillis(30));
                    limiter.release();
                });
                assertFalse(Timeouts.moveOnAfter(Duration.ofMillis(5), limiter::acquire));
                assertEquals(0, limiter.waiting());
            });
            assertEquals(0, limiter.borrowedTokens());
        });
    }
}
