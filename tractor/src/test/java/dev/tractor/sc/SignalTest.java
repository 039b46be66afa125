package dev.tractor.sc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SignalTest {

    @Test
    void aTaskWaitsUntilAnotherThreadMakesTheConditionTrueAndSignals() throws Exception {
        Signal signal = new Signal();
        AtomicInteger level = new AtomicInteger();
        AtomicInteger evaluations = new AtomicInteger();
        Sc.run(() -> {
            Thread outsider = Thread.ofPlatform().start(() -> {
                for (int i = 1; i <= 3; i++) {
                    sleep(20);
                    level.set(i);
                    signal.signalAll(); // not a task: wakes the waiter, which looks again
                }
            });
            signal.await(() -> {
                evaluations.incrementAndGet();
                return level.get() >= 3;
            });
            assertEquals(3, level.get());
            outsider.join();
        });
        assertTrue(evaluations.get() >= 2, "evaluated again after signals: " + evaluations.get());
    }

    @Test
    void noWakeUpIsLostBetweenTheEvaluationAndTheSignal() throws Exception {
        Signal signal = new Signal();
        for (int round = 0; round < 2000; round++) {
            AtomicBoolean ready = new AtomicBoolean();
            Sc.run(() -> {
                Thread outsider = Thread.ofVirtual().start(() -> {
                    ready.set(true);
                    signal.signalAll();
                });
                signal.await(ready::get); // would hang for ever if a signal slipped between look and park
                outsider.join();
            });
        }
    }

    @Test
    void cancellationEndsTheWaitWithCancelledAndTheConditionIsNotTrue() throws Exception {
        Signal signal = new Signal();
        AtomicBoolean passed = new AtomicBoolean();
        boolean finished = Sc.run(() -> Timeouts.moveOnAfter(Duration.ofMillis(50), () -> {
            signal.await(() -> false);
            passed.set(true);
        }));
        assertFalse(finished, "moved on at the deadline");
        assertFalse(passed.get());
        assertEquals("Signal[0 waiting]", signal.toString(), "the cancelled waiter left the signal");
    }

    @Test
    void awaitIsACheckpointEvenWhenTheConditionHolds() throws Exception {
        Sc.run(() -> {
            CancelScope scope = new CancelScope();
            AtomicBoolean after = new AtomicBoolean();
            scope.run(() -> {
                scope.cancel();
                new Signal().await(() -> true);
                after.set(true);
            });
            assertTrue(scope.cancelledCaught());
            assertFalse(after.get());
        });
    }

    @Test
    void outsideATaskAwaitIsRefused() {
        assertThrows(IllegalStateException.class, () -> new Signal().await(() -> true));
        new Signal().signalAll(); // signalling needs no task
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }
}
