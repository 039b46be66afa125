package dev.tractor.sc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Timeout;

/**
 * Cancellation racing with hand-offs: a value is either delivered exactly once or not sent at all, and
 * cancelled waiters never lose a value that was handed to them.
 */
class RaceStressTest {

    @RepeatedTest(5)
    @Timeout(30)
    void timeoutsRacingWithHandOffsLoseAndDuplicateNothing() throws Exception {
        Set<Integer> sent = ConcurrentHashMap.newKeySet();
        Set<Integer> received = ConcurrentHashMap.newKeySet();
        AtomicInteger duplicates = new AtomicInteger();
        AtomicInteger next = new AtomicInteger();
        Sc.run(() -> {
            MemoryChannel<Integer> ch = MemoryChannel.open(ThreadLocalRandom.current().nextInt(0, 3));
            Nursery.open(n -> {
                for (int s = 0; s < 3; s++) {
                    SendChannel<Integer> tx = ch.sender().clone();
                    n.startSoon("sender-" + s, () -> {
                        try (tx) {
                            for (int i = 0; i < 1_500; i++) {
                                int v = next.incrementAndGet();
                                long micros = ThreadLocalRandom.current().nextLong(0, 50);
                                if (Timeouts.moveOnAfter(Duration.ofNanos(micros * 1_000), () -> tx.send(v))) {
                                    sent.add(v);
                                }
                            }
                        }
                    });
                }
                ch.sender().close();
                for (int r = 0; r < 3; r++) {
                    ReceiveChannel<Integer> rx = ch.receiver().clone();
                    n.startSoon("receiver-" + r, () -> {
                        try (rx) {
                            for (;;) {
                                long micros = ThreadLocalRandom.current().nextLong(0, 50);
                                try {
                                    Timeouts.moveOnAfter(Duration.ofNanos(micros * 1_000), rx::receive)
                                            .ifPresent(v -> {
                                                if (!received.add(v)) {
                                                    duplicates.incrementAndGet();
                                                }
                                            });
                                } catch (EndOfChannel end) {
                                    return;
                                }
                            }
                        }
                    });
                }
                ch.receiver().close();
            });
        });
        assertEquals(0, duplicates.get());
        assertEquals(sent, received, "every value whose send returned was received, and nothing else");
        assertTrue(sent.size() > 0);
    }

    @RepeatedTest(5)
    @Timeout(30)
    void cancellingFromManyThreadsWhileTasksStartAndEnd() throws Exception {
        AtomicInteger finallies = new AtomicInteger();
        AtomicInteger started = new AtomicInteger();
        Sc.run(() -> {
            for (int round = 0; round < 50; round++) {
                Nursery.open(n -> {
                    for (int i = 0; i < 20; i++) {
                        n.startSoon(() -> {
                            started.incrementAndGet();
                            try {
                                Nursery.open(inner -> {
                                    inner.startSoon(Sc::sleepForever);
                                    Sc.sleepForever();
                                });
                            } finally {
                                finallies.incrementAndGet();
                            }
                        });
                    }
                    CancelScope scope = n.cancelScope();
                    Thread.ofPlatform().start(() -> scope.cancel("from a plain thread"));
                    Thread.ofVirtual().start(() -> scope.cancel("from a virtual thread"));
                });
            }
        });
        assertEquals(started.get(), finallies.get());
    }
}
