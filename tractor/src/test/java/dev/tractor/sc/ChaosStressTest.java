package dev.tractor.sc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Timeout;

/**
 * Many tasks doing random blocking operations under random timeouts and cancellations, nested nurseries
 * and {@code start} hand-overs included. Whatever the interleaving, the run must end, every token and
 * lock must come back, every value a send reported as sent must be received once, and every task's
 * {@code finally} must run.
 */
class ChaosStressTest {

    @RepeatedTest(4)
    @Timeout(60)
    void randomOperationsUnderRandomCancellation() throws Exception {
        runChaos(Clock.system());
    }

    /** The same on an autojumping mock clock, which also exercises the runtime's idle accounting. */
    @RepeatedTest(2)
    @Timeout(60)
    void randomOperationsOnAnAutojumpingClock() throws Exception {
        runChaos(dev.tractor.sc.testing.MockClock.autojumping());
    }

    private static void runChaos(Clock clock) throws Exception {
        CapacityLimiter limiter = new CapacityLimiter(3);
        TaskLock lock = new TaskLock();
        LongAdder sent = new LongAdder();
        LongAdder received = new LongAdder();
        AtomicInteger started = new AtomicInteger();
        AtomicInteger finished = new AtomicInteger();
        AtomicInteger insideLock = new AtomicInteger();
        AtomicInteger lockViolations = new AtomicInteger();
        Sc.run(clock, () -> {
            MemoryChannel<Integer> ch = MemoryChannel.open(ThreadLocalRandom.current().nextInt(0, 4));
            Event gate = new Event();
            Timeouts.moveOnAfter(Duration.ofMillis(400), () -> Nursery.open(n -> {
                for (int i = 0; i < 60; i++) {
                    n.startSoon("chaos-" + i, () -> chaos(n, ch, limiter, lock, gate, sent, received, started,
                            finished, insideLock, lockViolations, 0));
                }
                Sc.sleep(Duration.ofMillis(150));
                gate.set();
            }));
            // Whatever was sent but not received is still buffered: drain it.
            ch.sender().close();
            for (Integer ignored : ch.receiver()) {
                received.increment();
            }
        });
        assertTrue(started.get() > 60 && sent.sum() > 0, "the chaos did happen");
        assertEquals(started.get(), finished.get(), "every task ran its finally block");
        assertEquals(0, limiter.borrowedTokens(), "every token came back");
        assertEquals(0, limiter.waiting());
        assertTrue(!lock.locked(), "the lock came back");
        assertEquals(0, lockViolations.get(), "never two tasks inside the lock");
        assertEquals(sent.sum(), received.sum(), "every value reported sent was received exactly once");
    }

    private static void chaos(Nursery n, MemoryChannel<Integer> ch, CapacityLimiter limiter, TaskLock lock,
                              Event gate, LongAdder sent, LongAdder received, AtomicInteger started,
                              AtomicInteger finished, AtomicInteger insideLock, AtomicInteger lockViolations,
                              int depth) throws Exception {
        started.incrementAndGet();
        try {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            for (int step = 0; step < 200; step++) {
                Duration limit = Duration.ofNanos(random.nextLong(1_000, 2_000_000));
                switch (random.nextInt(9)) {
                    case 0 -> {
                        if (Timeouts.moveOnAfter(limit, () -> ch.sender().send(1))) {
                            sent.increment();
                        }
                    }
                    case 1 -> Timeouts.moveOnAfter(limit, () -> ch.receiver().receive())
                            .ifPresent(v -> received.increment());
                    case 2 -> Timeouts.moveOnAfter(limit, () -> {
                        limiter.acquire();
                        try {
                            Sc.sleep(Duration.ofNanos(random.nextLong(1_000, 200_000)));
                        } finally {
                            limiter.release();
                        }
                    });
                    case 3 -> Timeouts.moveOnAfter(limit, () -> {
                        lock.acquire();
                        try {
                            if (insideLock.incrementAndGet() != 1) {
                                lockViolations.incrementAndGet();
                            }
                            try {
                                Sc.checkpoint();
                            } finally {
                                insideLock.decrementAndGet();
                            }
                        } finally {
                            lock.release();
                        }
                    });
                    case 4 -> Timeouts.moveOnAfter(limit, gate::await);
                    case 5 -> {
                        CancelScope scope = new CancelScope();
                        n.startSoon("canceller", () -> {
                            started.incrementAndGet();
                            try {
                                Sc.sleep(Duration.ofNanos(random.nextLong(1_000, 500_000)));
                                scope.cancel();
                            } finally {
                                finished.incrementAndGet();
                            }
                        });
                        scope.run(() -> Sc.sleep(Duration.ofMillis(5)));
                    }
                    case 6 -> {
                        if (depth < 2) {
                            Timeouts.moveOnAfter(limit, () -> Nursery.open(inner -> {
                                for (int k = 0; k < 2; k++) {
                                    inner.startSoon(() -> chaos(inner, ch, limiter, lock, gate, sent, received,
                                            started, finished, insideLock, lockViolations, depth + 1));
                                }
                            }));
                        }
                    }
                    case 7 -> Timeouts.moveOnAfter(limit, () -> n.start("service", (TaskStatus<Void> status) -> {
                        started.incrementAndGet();
                        try {
                            Sc.sleep(Duration.ofNanos(random.nextLong(1_000, 300_000)));
                            status.started();
                            Sc.sleep(Duration.ofNanos(random.nextLong(1_000, 300_000)));
                        } finally {
                            finished.incrementAndGet();
                        }
                    }));
                    default -> new CancelScope().shield(random.nextBoolean()).run(() ->
                            Sc.sleep(Duration.ofNanos(random.nextLong(1_000, 100_000))));
                }
            }
        } finally {
            finished.incrementAndGet();
        }
    }
}
