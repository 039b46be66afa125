package dev.tractor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tractor.msg.PayloadMismatch;
import dev.tractor.sc.CancelScope;
import dev.tractor.sc.Cancelled;
import dev.tractor.sc.Event;
import dev.tractor.sc.Nursery;
import dev.tractor.sc.Sc;
import dev.tractor.sc.Timeouts;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * How a context ends, for every task that looks: several readers of one stream, several tasks waiting for
 * one result, subscribers of a failed stream; a remote failure cutting the opener's block short; what a
 * {@code Cancelled} in a remote task's {@code finally} leaves of its original failure.
 */
class ContextOutcomeTest {
    /** How long a wait that used to hang may take before the test calls it hung. */
    private static final Duration HUNG = Duration.ofSeconds(10);

    @AfterEach
    void noProcessOutlivesTheTest() throws InterruptedException {
        Processes.assertNoDescendantsWithin(Duration.ofSeconds(10));
    }

    private static ActorOptions options() {
        return ActorOptions.enable(Streaming.class, Outcomes.class);
    }

    @Test
    void twoTasksReadingOneStreamBothSeeItsEnd() throws Exception {
        Tractor.openNursery(an -> {
            Portal p = an.startActor("streamer", options());
            for (int round = 0; round < 20; round++) {
                int count = 50;
                List<Integer> read = Collections.synchronizedList(new ArrayList<>());
                AtomicInteger ended = new AtomicInteger();
                Integer result = p.openContext(Outcomes::streamsThenWaits, count, (ctx, first) -> {
                    try (MsgStream<Integer, Void> s = ctx.openStream(Integer.class, Void.class, Overruns.ALLOW)) {
                        Timeouts.failAfter(HUNG, () -> Nursery.open(readers -> {
                            for (int r = 0; r < 2; r++) {
                                readers.startSoon("reader " + r, () -> {
                                    for (int v : s) {
                                        read.add(v);
                                    }
                                    ended.incrementAndGet(); // the end of the stream reached this reader
                                });
                            }
                        }));
                    }
                    ctx.cancel(); // the remote task waits for ever after its stream
                    return ctx.<Integer>result();
                });
                assertEquals(2, ended.get(), "round " + round + ": both readers saw the end");
                assertNull(result, "cancelled at this side's request");
                List<Integer> sorted = new ArrayList<>(read);
                Collections.sort(sorted);
                List<Integer> expected = new ArrayList<>();
                for (int i = 0; i < count; i++) {
                    expected.add(i);
                }
                assertEquals(expected, sorted, "round " + round + ": the readers split every value once");
            }
            return null;
        });
    }

    @Test
    void twoTasksReadingOneStreamBothSeeItsFailure() throws Exception {
        int count = Context.BUFFER + 20;
        List<Throwable> errors = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger read = new AtomicInteger();
        Tractor.openNursery(an -> {
            Portal p = an.startActor("overrunner", options());
            p.openContext(Outcomes::streamsThenSleeps, count, (ctx, first) -> {
                try (MsgStream<Integer, Integer> s = ctx.openStream(Integer.class, Integer.class)) {
                    s.send(0); // go: every value from now on counts against this side's buffer
                    // The same connection answers this call after it delivered every value: the buffer
                    // has overrun by then, and the sender, which never sends again, never learns of it.
                    while (p.run(Outcomes::sent) < count) {
                        Sc.sleep(Duration.ofMillis(10));
                    }
                    Timeouts.failAfter(HUNG, () -> Nursery.open(readers -> {
                        for (int r = 0; r < 2; r++) {
                            readers.startSoon("reader " + r, () -> {
                                try {
                                    for (int ignored : s) {
                                        read.incrementAndGet();
                                    }
                                } catch (StreamOverrun e) {
                                    errors.add(e);
                                }
                            });
                        }
                    }));
                }
                ctx.cancel();
                return null;
            });
            return null;
        });
        assertEquals(2, errors.size(), "both readers met the gap");
        assertEquals(Context.BUFFER, read.get(), "the values before the gap");
        assertNotSame(errors.get(0), errors.get(1), "each its own exception");
    }

    @Test
    void everyTaskWaitingForTheResultOfAContextItCancelledGetsNull() throws Exception {
        Tractor.openNursery(an -> {
            Portal p = an.startActor("sleeper", options());
            for (int round = 0; round < 30; round++) {
                assertEquals(List.of("null", "null"), resultsInTwoTasks(p, Context::cancel), "round " + round);
            }
            return null;
        });
        Tractor.openNursery(an -> {
            Portal p = an.startActor("sleeper", options());
            assertEquals(List.of("null", "null"), resultsInTwoTasks(p, ctx -> p.cancelActor()),
                    "after cancelActor");
            return null;
        });
    }

    /** Opens a sleeper, cancels it with {@code cancel}, and says what {@code result()} gave two tasks. */
    private static List<String> resultsInTwoTasks(Portal p, java.util.function.Consumer<Context<String>> cancel)
            throws Exception {
        List<String> seen = Collections.synchronizedList(new ArrayList<>());
        p.openContext(Streaming::sleeper, (ctx, first) -> {
            cancel.accept(ctx);
            Timeouts.failAfter(HUNG, () -> Nursery.open(waiters -> {
                for (int t = 0; t < 2; t++) {
                    waiters.startSoon("waiter " + t, () -> {
                        try {
                            seen.add(String.valueOf(ctx.<Integer>result()));
                        } catch (RuntimeException e) {
                            seen.add(e.toString());
                        }
                    });
                }
            }));
            return null;
        });
        return seen;
    }

    @Test
    void aCancelledOneShotActorGivesAnotherTaskAnErrorNotItsCancelled() throws Exception {
        Throwable[] got = new Throwable[1];
        AtomicBoolean wentOn = new AtomicBoolean();
        AtomicBoolean siblingFinished = new AtomicBoolean();
        Tractor.run(() -> {
            Portal[] portal = new Portal[1];
            Event spawned = new Event();
            CancelScope actors = new CancelScope();
            Nursery.open(tasks -> {
                tasks.startSoon("actors", () -> actors.run(() -> Tractor.openNursery(an -> {
                    portal[0] = an.runInActor("one-shot", Outcomes::sleeps, 60_000);
                    spawned.set();
                    Sc.sleepForever();
                    return null;
                })));
                spawned.await();
                tasks.startSoon("reader", () -> {
                    try {
                        portal[0].result();
                    } catch (Throwable t) {
                        got[0] = t;
                    }
                    Sc.sleep(Duration.ofMillis(50)); // a checkpoint: this task is not cancelled
                    wentOn.set(true);
                });
                tasks.startSoon("sibling", () -> {
                    Sc.sleep(Duration.ofMillis(1500)); // outlives the cancellation of the actors
                    siblingFinished.set(true);
                });
                Sc.sleep(Duration.ofMillis(500)); // the one-shot call is under way
                actors.cancel();
            });
            return null;
        });
        assertInstanceOf(ResultCancelled.class, got[0], "a fresh error, not the other task's Cancelled");
        assertInstanceOf(Cancelled.class, got[0].getCause(), "the original is its cause");
        assertTrue(wentOn.get(), "the reading task went on past a checkpoint");
        assertTrue(siblingFinished.get(), "the reading task's nursery was not cancelled");
    }

    @Test
    void subscribersOfAFailedStreamEachGetAnErrorOfTheirOwn() throws Exception {
        int subscribers = 3;
        List<Throwable> errors = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger wentOn = new AtomicInteger();
        Tractor.openNursery(an -> {
            Portal p = an.startActor("liar", options());
            RemoteActorError remote = assertThrows(RemoteActorError.class,
                    () -> p.openContext(Streaming::streamsStrings, (ctx, first) -> {
                        try (MsgStream<Integer, Integer> s = ctx.openStream(Integer.class, Integer.class)) {
                            List<BroadcastReceiver<Integer>> receivers = new ArrayList<>();
                            for (int i = 0; i < subscribers; i++) {
                                receivers.add(s.subscribe());
                            }
                            Timeouts.failAfter(HUNG, () -> Nursery.open(tasks -> {
                                for (BroadcastReceiver<Integer> mine : receivers) {
                                    tasks.startSoon(() -> {
                                        try {
                                            mine.receive();
                                        } catch (Throwable t) {
                                            errors.add(t);
                                        }
                                        Sc.sleep(Duration.ofMillis(20)); // not cancelled
                                        wentOn.incrementAndGet();
                                    });
                                }
                            }));
                        }
                        return null;
                    }));
            assertTrue(remote.isRemote(RemoteActorError.class) || remote.isRemote(PayloadMismatch.class),
                    "the remote task failed with this side's mismatch: " + remote);
            return null;
        });
        assertEquals(subscribers, errors.size());
        assertEquals(subscribers, wentOn.get(), "no subscriber's task was cancelled");
        for (int i = 0; i < subscribers; i++) {
            assertInstanceOf(PayloadMismatch.class, errors.get(i), "every subscriber sees the failure");
            for (int j = 0; j < i; j++) {
                assertNotSame(errors.get(j), errors.get(i), "one exception instance is never raised in two tasks");
            }
        }
    }

    @Test
    void aRemoteFailureCancelsTheOpenersBlockAtOnce() throws Exception {
        Tractor.openNursery(an -> {
            Portal p = an.startActor("failing", options());
            AtomicBoolean blockCancelled = new AtomicBoolean();
            long t0 = System.nanoTime();
            RemoteActorError e = assertThrows(RemoteActorError.class,
                    () -> p.openContext(Streaming::failsAfterStarted, 500, (ctx, first) -> {
                        try {
                            Sc.sleep(Duration.ofSeconds(8));
                        } catch (Cancelled c) {
                            blockCancelled.set(true);
                            throw c;
                        }
                        return null;
                    }));
            Duration took = Duration.ofNanos(System.nanoTime() - t0);
            assertTrue(blockCancelled.get(), "the block's sleep was cancelled");
            assertTrue(e.isRemote(IllegalStateException.class), e.toString());
            assertTrue(took.compareTo(Duration.ofSeconds(5)) < 0, "well before the 8 s sleep ended: " + took);

            AtomicBoolean readerCancelled = new AtomicBoolean();
            RemoteActorError generator = assertThrows(RemoteActorError.class,
                    () -> p.openStreamFrom(Outcomes::emitsThenFails, 500, stream -> {
                        int v = stream.receive();
                        try {
                            Sc.sleep(Duration.ofSeconds(8));
                        } catch (Cancelled c) {
                            readerCancelled.set(true);
                            throw c;
                        }
                        return v;
                    }));
            assertTrue(readerCancelled.get(), "the reader's block was cancelled too");
            assertTrue(generator.isRemote(IllegalStateException.class), generator.toString());
            return null;
        });
    }

    @Test
    void aFailureHiddenByACancelledInItsFinallyAndTheShieldedCleanupThatKeepsIt() throws Exception {
        Tractor.openNursery(an -> {
            Portal p = an.startActor("cleaner", options());
            // The trap: the opener's cancel reaches the cleanup's checkpoint, and the Cancelled raised
            // there replaces the original failure, which Java drops. The opener asked for the cancel, so
            // it sees a quiet cancel.
            assertNull(p.openContext(Outcomes::failsThenCleansUp, false, 5_000, (ctx, first) -> {
                ctx.cancel();
                return ctx.<Integer>result();
            }), "the original failure was lost in the remote task's finally");
            // The safe pattern: the cleanup runs shielded, and the original failure comes out.
            RemoteActorError kept = assertThrows(RemoteActorError.class,
                    () -> p.openContext(Outcomes::failsThenCleansUp, true, 300, (ctx, first) -> {
                        ctx.cancel();
                        return ctx.<Integer>result();
                    }));
            assertTrue(kept.isRemote(IllegalStateException.class), kept.toString());
            assertEquals("the original failure", kept.remoteMessage());
            return null;
        });
    }

    @Test
    void aStrayCancelledFromAContextTaskIsAnErrorNotACancellation() throws Exception {
        Tractor.openNursery(an -> {
            Portal p = an.startActor("stray", options());
            RemoteActorError e = assertThrows(RemoteActorError.class,
                    () -> p.openContext(Outcomes::raisesAStrayCancelled, (ctx, first) -> ctx.result()));
            assertFalse(e instanceof ContextCancelled, "nobody cancelled that task: " + e);
            assertTrue(e.remoteMessage().contains("Cancelled"), e.remoteMessage());
            assertEquals(7, (int) p.run(Outcomes::sleeps, 7), "the actor goes on serving");
            return null;
        });
    }
}
