package dev.tractor.sc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class EventTest {

    @Test
    void setReleasesEveryWaiterAndLaterWaitersPassAtOnce() throws Exception {
        AtomicInteger released = new AtomicInteger();
        Sc.run(() -> {
            Event event = new Event();
            Nursery.open(n -> {
                for (int i = 0; i < 5; i++) {
                    n.startSoon(() -> {
                        event.await();
                        released.incrementAndGet();
                    });
                }
                Sc.sleep(Duration.ofMillis(20));
                assertEquals(0, released.get());
                assertFalse(event.isSet());
                event.set();
                event.set(); // idempotent
            });
            assertTrue(event.isSet());
            event.await();
        });
        assertEquals(5, released.get());
    }

    @Test
    void awaitIsACheckpointEvenWhenTheEventIsSet() throws Exception {
        Sc.run(() -> {
            Event event = new Event();
            event.set();
            CancelScope scope = new CancelScope();
            scope.run(() -> {
                scope.cancel();
                event.await();
            });
            assertTrue(scope.cancelledCaught());
        });
    }

    @Test
    void aCancelledWaiterLeavesAndOthersStillWait() throws Exception {
        AtomicInteger released = new AtomicInteger();
        Sc.run(() -> {
            Event event = new Event();
            assertFalse(Timeouts.moveOnAfter(Duration.ofMillis(10), event::await));
            Nursery.open(n -> {
                n.startSoon(() -> {
                    event.await();
                    released.incrementAndGet();
                });
                Sc.sleep(Duration.ofMillis(10));
                event.set();
            });
        });
        assertEquals(1, released.get());
    }

    @Test
    void aPlainThreadCanSetTheEvent() throws Exception {
        Event event = new Event();
        Thread setter = Thread.ofPlatform().start(() -> {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
            event.set();
        });
        Sc.run(event::await);
        setter.join();
        assertTrue(event.isSet());
    }
}
