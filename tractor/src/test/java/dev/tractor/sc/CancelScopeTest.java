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
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class CancelScopeTest {

    @Test
    void cancelEndsTheBodyAtItsNextCheckpointAndTheScopeCatches() throws Exception {
        List<String> log = new ArrayList<>();
        Sc.run(() -> {
            CancelScope scope = new CancelScope();
            scope.run(() -> {
                log.add("before");
                scope.cancel();
                log.add("cancel() is not a checkpoint");
                Sc.checkpoint();
                log.add("never");
            });
            log.add("after: caught=" + scope.cancelledCaught() + " called=" + scope.cancelCalled());
        });
        assertEquals(List.of("before", "cancel() is not a checkpoint", "after: caught=true called=true"), log);
    }

    @Test
    void aScopeThatFinishesNormallyDidNotCatch() throws Exception {
        Sc.run(() -> {
            CancelScope scope = new CancelScope();
            scope.run(Sc::checkpoint);
            assertFalse(scope.cancelledCaught());
            assertFalse(scope.cancelCalled());
        });
    }

    @Test
    void cancellationIsLevelTriggeredSwallowingItOnceDoesNotEscape() throws Exception {
        AtomicInteger swallowed = new AtomicInteger();
        AtomicReference<String> reachedEnd = new AtomicReference<>("no");
        Sc.run(() -> {
            CancelScope scope = new CancelScope();
            scope.run(() -> {
                scope.cancel();
                try {
                    Sc.sleepForever();
                } catch (Cancelled ignoredOnPurpose) {
                    swallowed.incrementAndGet();
                }
                try {
                    Sc.sleep(Duration.ofSeconds(30)); // cancelled again, at once
                } catch (Cancelled again) {
                    swallowed.incrementAndGet();
                }
                Sc.checkpoint(); // and again: this one unwinds the body
                reachedEnd.set("yes");
            });
            assertTrue(scope.cancelledCaught());
        });
        assertEquals(2, swallowed.get());
        assertEquals("no", reachedEnd.get());
    }

    @Test
    void aShieldKeepsCleanupRunningAndTheCancellationArrivesAfterIt() throws Exception {
        List<String> log = Collections.synchronizedList(new ArrayList<>());
        Sc.run(() -> {
            CancelScope outer = new CancelScope();
            outer.run(() -> Nursery.open(n -> {
                n.startSoon("canceller", () -> {
                    Sc.sleep(Duration.ofMillis(10));
                    outer.cancel();
                });
                try {
                    Sc.sleepForever();
                } finally {
                    log.add("cleanup starts, outer cancelled=" + outer.cancelCalled());
                    new CancelScope().shield(true).run(() -> {
                        Sc.sleep(Duration.ofMillis(20)); // would raise at once without the shield
                        log.add("cleanup slept");
                    });
                    log.add("after shield");
                    try {
                        Sc.checkpoint();
                        log.add("no cancellation after the shield");
                    } catch (Cancelled c) {
                        log.add("cancellation arrived after the shield");
                        throw c;
                    }
                }
            }));
            assertTrue(outer.cancelledCaught());
        });
        assertEquals(List.of("cleanup starts, outer cancelled=true", "cleanup slept", "after shield",
                "cancellation arrived after the shield"), log);
    }

    @Test
    void aShieldedScopeStillObeysItsOwnCancel() throws Exception {
        Sc.run(() -> {
            CancelScope outer = new CancelScope();
            outer.cancel();
            outer.run(() -> {
                CancelScope shielded = new CancelScope().shield(true);
                shielded.run(() -> {
                    Sc.checkpoint(); // the outer cancellation does not reach in here
                    shielded.cancel();
                    Sc.checkpoint();
                });
                assertTrue(shielded.cancelledCaught());
                Sc.checkpoint(); // outside the shield the outer cancellation applies
            });
            assertTrue(outer.cancelledCaught());
        });
    }

    @Test
    void removingAShieldExposesTheScopeToThePendingCancellation() throws Exception {
        Sc.run(() -> {
            CancelScope outer = new CancelScope();
            outer.run(() -> {
                CancelScope shielded = new CancelScope().shield(true);
                shielded.run(() -> {
                    outer.cancel();
                    Sc.checkpoint();
                    shielded.shield(false);
                    Sc.checkpoint();
                    throw new AssertionError("the checkpoint after dropping the shield must raise");
                });
                assertFalse(shielded.cancelledCaught(), "the cancellation belongs to the outer scope");
            });
            assertTrue(outer.cancelledCaught());
        });
    }

    @Test
    void theOutermostCancelledScopeCatches() throws Exception {
        Sc.run(() -> {
            CancelScope outer = new CancelScope();
            CancelScope inner = new CancelScope();
            outer.run(() -> inner.run(() -> {
                inner.cancel();
                outer.cancel();
                Sc.checkpoint();
            }));
            assertFalse(inner.cancelledCaught(), "an enclosing cancellation was visible to the inner scope");
            assertTrue(outer.cancelledCaught());
        });
    }

    @Test
    void cancelFromAPlainThreadWakesAParkedTask() throws Exception {
        CancelScope scope = new CancelScope();
        AtomicReference<Thread> taskThread = new AtomicReference<>();
        Thread canceller = Thread.ofPlatform().start(() -> {
            try {
                while (taskThread.get() == null) {
                    Thread.sleep(1);
                }
                TestSupport.awaitParked(taskThread.get());
                scope.cancel("from a plain thread");
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        });
        AtomicReference<String> message = new AtomicReference<>();
        Sc.run(() -> scope.run(() -> {
            taskThread.set(Thread.currentThread());
            try {
                Sc.sleepForever();
            } catch (Cancelled c) {
                message.set(c.getMessage());
                throw c;
            }
        }));
        canceller.join();
        assertTrue(scope.cancelledCaught());
        assertEquals("from a plain thread", message.get());
    }

    @Test
    void aScopeCancelledBeforeEntryStartsCancelled() throws Exception {
        CancelScope scope = new CancelScope();
        scope.cancel();
        AtomicInteger reached = new AtomicInteger();
        Sc.run(() -> scope.run(() -> {
            reached.incrementAndGet();
            Sc.checkpoint();
            reached.incrementAndGet();
        }));
        assertEquals(1, reached.get());
        assertTrue(scope.cancelledCaught());
    }

    @Test
    void aScopeIsEnteredOnlyOnce() throws Exception {
        Sc.run(() -> {
            CancelScope scope = new CancelScope();
            scope.run(() -> { });
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> scope.run(() -> { }));
            assertTrue(e.getMessage().contains("only once"));
        });
    }

    @Test
    void aFailureInsideACancelledScopeIsNotHidden() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Sc.run(() -> {
            CancelScope scope = new CancelScope();
            scope.run(() -> {
                scope.cancel();
                throw new IllegalStateException("real failure");
            });
        }));
        assertEquals("real failure", e.getMessage());
    }

    @Test
    void callReturnsTheValueOrEmptyWhenCutShort() throws Exception {
        Sc.run(() -> {
            assertEquals("v", new CancelScope().call(() -> "v").orElseThrow());
            CancelScope cut = new CancelScope();
            assertTrue(cut.call(() -> {
                cut.cancel();
                Sc.checkpoint();
                return "never";
            }).isEmpty());
        });
    }

    @Test
    void aDeadlineShortenedWhileATaskSleepsTakesEffect() throws Exception {
        Sc.run(() -> {
            CancelScope scope = new CancelScope().relativeDeadline(Duration.ofHours(1));
            long start = Sc.now();
            Nursery.open(n -> {
                n.startSoon("shortener", () -> {
                    Sc.sleep(Duration.ofMillis(10));
                    scope.deadline(Sc.now() + Duration.ofMillis(20).toNanos());
                });
                scope.run(Sc::sleepForever);
            });
            assertTrue(scope.cancelledCaught());
            assertTrue(Sc.now() - start < Duration.ofMinutes(1).toNanos(), "the shortened deadline fired");
        });
    }

    @Test
    void aDeadlineInThePastCancelsAtOnce() throws Exception {
        Sc.run(() -> {
            CancelScope scope = new CancelScope().deadline(Sc.now() - 1);
            scope.run(Sc::sleepForever);
            assertTrue(scope.cancelledCaught());
            assertTrue(scope.cancelCalled());
        });
    }

    @Test
    void removingTheDeadlineKeepsTheScopeAlive() throws Exception {
        Sc.run(dev.tractor.sc.testing.MockClock.autojumping(), () -> {
            CancelScope scope = new CancelScope().relativeDeadline(Duration.ofMinutes(1));
            scope.run(() -> {
                scope.deadline(Long.MAX_VALUE);
                Sc.sleep(Duration.ofMinutes(2)); // the clock jumps past the removed deadline
            });
            assertFalse(scope.cancelCalled());
        });
    }

    @Test
    void relativeDeadlineBeforeEntryCountsFromEntry() throws Exception {
        Sc.run(() -> {
            CancelScope scope = new CancelScope().relativeDeadline(Duration.ofSeconds(100));
            assertEquals(Long.MAX_VALUE, scope.deadline(), "unknown until entered");
            long before = Sc.now();
            scope.run(() -> {
                long d = scope.deadline();
                assertTrue(d >= before + Duration.ofSeconds(100).toNanos());
                assertTrue(d <= Sc.now() + Duration.ofSeconds(100).toNanos());
            });
        });
    }

    @Test
    void currentEffectiveDeadlineIsTheEarliestUpToTheNearestShield() throws Exception {
        Sc.run(() -> {
            assertEquals(Long.MAX_VALUE, Sc.currentEffectiveDeadline());
            long now = Sc.now();
            long early = now + Duration.ofHours(1).toNanos();
            long late = now + Duration.ofHours(2).toNanos();
            new CancelScope().deadline(early).run(() -> new CancelScope().deadline(late).run(() -> {
                assertEquals(early, Sc.currentEffectiveDeadline());
                new CancelScope().shield(true).run(() -> assertEquals(Long.MAX_VALUE, Sc.currentEffectiveDeadline()));
            }));
            CancelScope cancelled = new CancelScope();
            cancelled.run(() -> {
                cancelled.cancel();
                assertEquals(Long.MIN_VALUE, Sc.currentEffectiveDeadline());
            });
        });
    }
}
