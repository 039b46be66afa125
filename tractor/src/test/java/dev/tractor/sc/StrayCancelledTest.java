package dev.tractor.sc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * A {@link Cancelled} exists only for a task inside a cancelled scope: a late cancellation notice never
 * interrupts a task that has left the scope, and a {@code Cancelled} that reaches a scope nobody cancelled
 * is reported as the bug it is instead of being absorbed.
 */
class StrayCancelledTest {

    /**
     * The race made deterministic: the notice of a cancellation arrives (as it does from the deadline thread
     * or any canceller, after the run lock is released) when the task has already seen the cancellation,
     * left that scope, and entered {@code Sc.interruptible} in a scope nobody cancelled. It used to interrupt
     * the region, whose sleep then came out as a {@code Cancelled} that no scope explains.
     */
    @Test
    void aLateCancellationNoticeDoesNotInterruptARegionOutsideTheCancelledScope() throws Exception {
        AtomicReference<Task> sleeper = new AtomicReference<>();
        AtomicReference<Object> outcome = new AtomicReference<>();
        Event inRegion = new Event();
        Sc.run(() -> Nursery.open(n -> {
            n.startSoon("sleeper", () -> {
                sleeper.set(Task.currentOrNull());
                Timeouts.moveOnAfter(Duration.ZERO, Sc::sleepForever); // seen at a checkpoint, scope left
                try {
                    outcome.set(Sc.interruptible(() -> {
                        inRegion.set();
                        Thread.sleep(300);
                        return "slept";
                    }));
                } catch (Cancelled c) {
                    outcome.set(c);
                }
            });
            inRegion.await();
            sleeper.get().cancelNotify(); // the late notice of the moveOnAfter's cancellation
        }));
        assertEquals("slept", outcome.get());
    }

    /**
     * The same race as it happens: many tasks share one deadline, and the last one spins on checkpoints, so
     * it sees its cancellation before the deadline thread has delivered the notices of the thousands before
     * it; it then sleeps in {@code Sc.interruptible} outside the cancelled scope. One spinner only: spinning
     * virtual threads that outnumber the carrier threads can keep the run lock's next owner off them, and
     * with it the deadline thread.
     */
    @Test
    void tasksSharingADeadlineAreNotInterruptedAfterLeavingTheirScope() throws Exception {
        int tasks = 3000;
        int spinners = 1;
        AtomicInteger spurious = new AtomicInteger();
        AtomicInteger slept = new AtomicInteger();
        for (int round = 0; round < 20; round++) {
            AtomicInteger entered = new AtomicInteger();
            Sc.run(() -> {
                long deadline = Sc.now() + Duration.ofMillis(50).toNanos();
                Nursery.open(n -> {
                    for (int i = 0; i < tasks; i++) {
                        boolean spinner = i >= tasks - spinners;
                        n.startSoon(() -> {
                            Timeouts.moveOnAt(deadline, () -> {
                                entered.incrementAndGet();
                                if (!spinner) {
                                    Sc.sleepForever();
                                }
                                // Spin only once every task is parked, so that the spinner sees the
                                // cancellation long before the notices for the others are delivered.
                                while (entered.get() < tasks) {
                                    Sc.sleep(Duration.ofMillis(1));
                                }
                                for (;;) {
                                    Sc.checkpoint();
                                    Thread.onSpinWait();
                                }
                            });
                            if (spinner) {
                                try {
                                    Sc.interruptible(() -> Thread.sleep(20));
                                    slept.incrementAndGet();
                                } catch (Cancelled c) {
                                    spurious.incrementAndGet();
                                }
                            }
                        });
                    }
                });
            });
        }
        assertEquals(0, spurious.get(), "regions interrupted by a notice for a scope they had left");
        assertEquals(20 * spinners, slept.get());
    }

    @Test
    void aCancellationThatArrivesInsideTheRegionStillInterruptsIt() throws Exception {
        AtomicInteger cancelled = new AtomicInteger();
        Sc.run(() -> Nursery.open(n -> {
            for (int i = 0; i < 200; i++) {
                n.startSoon(() -> Timeouts.moveOnAfter(Duration.ofMillis(5), () -> {
                    try {
                        Sc.interruptible(() -> Thread.sleep(60_000));
                    } catch (Cancelled c) {
                        cancelled.incrementAndGet();
                        throw c;
                    }
                }));
            }
        }));
        assertEquals(200, cancelled.get());
    }

    /** A Cancelled caught from a scope that has ended, kept for later. */
    private static Cancelled staleCancelled() {
        AtomicReference<Cancelled> kept = new AtomicReference<>();
        Timeouts.moveOnAfter(Duration.ofMillis(1), () -> {
            try {
                Sc.sleepForever();
            } catch (Cancelled c) {
                kept.set(c);
                throw c;
            }
        });
        return kept.get();
    }

    @Test
    void aCancelledRethrownInAnotherTaskFailsTheNurseryInsteadOfCancellingItInSilence() {
        AtomicBoolean siblingCancelled = new AtomicBoolean();
        AtomicReference<Cancelled> stale = new AtomicReference<>();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Sc.run(() -> {
            stale.set(staleCancelled());
            Nursery.open(n -> {
                n.startSoon("sibling", () -> {
                    try {
                        Sc.sleepForever();
                    } catch (Cancelled c) {
                        siblingCancelled.set(true);
                        throw c;
                    }
                });
                n.startSoon("carrier", () -> {
                    throw stale.get();
                });
            });
        }));
        assertSame(stale.get(), e.getCause());
        assertTrue(e.getMessage().contains("carrier"), e.getMessage());
        assertTrue(siblingCancelled.get(), "the failure cancels the siblings, as any failure does");
    }

    @Test
    void aCancelledRethrownByTheBodyOfAScopeNobodyCancelledIsAnError() {
        AtomicReference<Cancelled> stale = new AtomicReference<>();
        CancelScope scope = new CancelScope();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Sc.run(() -> {
            stale.set(staleCancelled());
            scope.run(() -> {
                throw stale.get();
            });
        }));
        assertSame(stale.get(), e.getCause());
        assertFalse(scope.cancelledCaught());
    }

    @Test
    void aCancelledFromAScopeThatWasCancelledIsStillQuiet() throws Exception {
        CancelScope outer = new CancelScope();
        AtomicReference<Throwable> innerSaw = new AtomicReference<>();
        Sc.run(() -> outer.run(() -> Nursery.open(n -> {
            n.startSoon(() -> {
                try {
                    Sc.sleepForever();
                } catch (Cancelled c) {
                    innerSaw.set(c);
                    throw c;
                }
            });
            Sc.sleep(Duration.ofMillis(5));
            outer.cancel();
        })));
        assertInstanceOf(Cancelled.class, innerSaw.get());
        assertTrue(outer.cancelledCaught());
    }
}
