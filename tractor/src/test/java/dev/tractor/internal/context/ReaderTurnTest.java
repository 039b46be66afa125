package dev.tractor.internal.context;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tractor.sc.CancelScope;
import dev.tractor.sc.Event;
import dev.tractor.sc.Nursery;
import dev.tractor.sc.Sc;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** The turn that the readers of a context's inbox take one at a time. */
class ReaderTurnTest {
    @Test
    void oneTaskAtATimeHoldsTheTurn() throws Exception {
        ReaderTurn turn = new ReaderTurn();
        int tasks = 8;
        int rounds = 20_000;
        int[] count = new int[1]; // written only by the holder of the turn
        boolean[] inside = new boolean[1];
        AtomicBoolean overlapped = new AtomicBoolean();
        Sc.run(() -> Nursery.open(n -> {
            for (int t = 0; t < tasks; t++) {
                n.startSoon(() -> {
                    for (int i = 0; i < rounds; i++) {
                        turn.take();
                        try {
                            if (inside[0]) {
                                overlapped.set(true);
                            }
                            inside[0] = true;
                            count[0]++;
                            if (i % 1000 == 0) {
                                Sc.checkpoint(); // a yield point while holding the turn
                            }
                            inside[0] = false;
                        } finally {
                            turn.give();
                        }
                    }
                });
            }
        }));
        assertFalse(overlapped.get(), "two tasks held the turn at once");
        assertEquals(tasks * rounds, count[0]);
    }

    @Test
    void aTaskWaitingForTheTurnCanBeCancelledAndLeavesItAlone() throws Exception {
        ReaderTurn turn = new ReaderTurn();
        AtomicBoolean waiterCancelled = new AtomicBoolean();
        AtomicBoolean laterTookIt = new AtomicBoolean();
        Sc.run(() -> Nursery.open(n -> {
            Event held = new Event();
            Event release = new Event();
            n.startSoon(() -> {
                turn.take();
                held.set();
                release.await();
                turn.give();
            });
            held.await();
            CancelScope waiting = new CancelScope();
            n.startSoon(() -> {
                waiting.run(turn::take); // never gets it: cancelled while waiting
                waiterCancelled.set(waiting.cancelledCaught());
            });
            Sc.sleep(Duration.ofMillis(50));
            waiting.cancel();
            Sc.sleep(Duration.ofMillis(50));
            release.set();
            n.startSoon(() -> {
                turn.take(); // free again: the cancelled waiter did not keep it
                laterTookIt.set(true);
                turn.give();
            });
        }));
        assertTrue(waiterCancelled.get());
        assertTrue(laterTookIt.get());
    }
}
