package dev.tractor.sc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.FileNotFoundException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link ForeignChannel}: a structured task and a foreign task (on an executor's platform threads) that talk
 * both ways, start together and end together; what each side sees when the other fails, is cancelled or
 * leaves early. After every test the foreign executor's threads have ended.
 */
class ForeignChannelTest {
    private static final AtomicInteger POOLS = new AtomicInteger();
    private ExecutorService executor;
    private String threadPrefix;

    @BeforeEach
    void pool() {
        threadPrefix = "foreign-" + POOLS.incrementAndGet() + "-";
        AtomicInteger n = new AtomicInteger();
        executor = Executors.newCachedThreadPool(r -> new Thread(r, threadPrefix + n.incrementAndGet()));
    }

    @AfterEach
    void nothingOfTheForeignSideIsLeftRunning() throws InterruptedException {
        executor.shutdown();
        assertTrue(executor.awaitTermination(10, TimeUnit.SECONDS), "a foreign task is still running");
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().startsWith(threadPrefix)) {
                t.join(10_000); // a worker leaves the pool's count just before its thread ends
                assertFalse(t.isAlive(), "foreign thread left: " + t);
            }
        }
    }

    /** A foreign task that runs {@code work} on the executor, blocking its own thread on the end's futures. */
    private <I, O> ForeignTask<I, O> foreign(Consumer<ForeignEnd<I, O>> work) {
        return end -> CompletableFuture.runAsync(() -> work.accept(end), executor);
    }

    @Test
    void anEchoRoundTripStartsWithTheFirstValueAndEndsWithBothSides() throws Exception {
        List<String> echoed = Sc.run(() -> ForeignChannel.<String, String, List<String>>open(
                foreign(end -> {
                    end.started("ready");
                    for (;;) {
                        String msg;
                        try {
                            msg = end.receive().join();
                        } catch (CompletionException e) {
                            assertInstanceOf(EndOfChannel.class, e.getCause());
                            end.close();
                            return;
                        }
                        end.send(msg.toUpperCase()).join();
                    }
                }),
                (channel, first) -> {
                    assertEquals("ready", first);
                    List<String> got = new ArrayList<>();
                    for (String s : List.of("a", "b", "c")) {
                        channel.send(s);
                        got.add(channel.receive());
                    }
                    channel.close();
                    assertThrows(EndOfChannel.class, channel::receive, "the foreign side closed its end");
                    assertThrows(ClosedResource.class, () -> channel.send("late"));
                    return got;
                }));
        assertEquals(List.of("A", "B", "C"), echoed);
    }

    @Test
    void aNonBlockingForeignTaskComposesTheEndsFutures() throws Exception {
        // An event-loop style foreign task: no thread waits, each step is a continuation.
        int sum = Sc.run(() -> ForeignChannel.<Integer, Integer, Integer>open(
                end -> {
                    end.started(0);
                    return CompletableFuture.supplyAsync(() -> 0, executor)
                            .thenCompose(ignored -> echoPlusOne(end));
                },
                (channel, first) -> {
                    int total = first;
                    for (int i = 1; i <= 10; i++) {
                        channel.send(i);
                        total += channel.receive();
                    }
                    channel.close();
                    assertThrows(EndOfChannel.class, channel::receive);
                    return total;
                }));
        assertEquals(55 + 10, sum);
    }

    private static CompletableFuture<Void> echoPlusOne(ForeignEnd<Integer, Integer> end) {
        return end.receive().handle((v, e) -> v).thenCompose(v -> {
            if (v == null) { // the structured side closed its end
                end.close();
                return CompletableFuture.completedFuture(null);
            }
            return end.send(v + 1).thenCompose(sent -> echoPlusOne(end));
        });
    }

    @Test
    void anErrorBeforeStartedComesOutOfOpenAsItselfAndTheBodyNeverRuns() throws Exception {
        AtomicBoolean bodyRan = new AtomicBoolean();
        FileNotFoundException thrown = assertThrows(FileNotFoundException.class, () -> Sc.run(() ->
                ForeignChannel.<String, String, String>open(
                        end -> CompletableFuture.supplyAsync(() -> {
                            throw new CompletionException(new FileNotFoundException("no config"));
                        }, executor),
                        (channel, first) -> {
                            bodyRan.set(true);
                            return first;
                        })));
        assertEquals("no config", thrown.getMessage());
        assertFalse(bodyRan.get());
    }

    @Test
    void aForeignTaskThatEndsBeforeStartedIsAForeignTaskExited() throws Exception {
        ForeignTaskExited e = assertThrows(ForeignTaskExited.class, () -> Sc.run(() ->
                ForeignChannel.<String, String, String>open(foreign(end -> { }), (channel, first) -> first)));
        assertTrue(e.getMessage().contains("before it called started"), e.getMessage());
    }

    @Test
    void aForeignTaskThatEndsWithoutClosingIsAForeignTaskExitedAfterItsValues() throws Exception {
        List<Integer> got = Collections.synchronizedList(new ArrayList<>());
        Sc.run(() -> ForeignChannel.<Integer, String, Void>open(
                foreign(end -> {
                    end.started(-1);
                    for (int i = 0; i < 5; i++) {
                        end.send(i).join();
                    }
                    // returns without end.close(): the structured side still expects values
                }),
                (channel, first) -> {
                    ForeignTaskExited exited = assertThrows(ForeignTaskExited.class, () -> {
                        for (;;) {
                            got.add(channel.receive());
                        }
                    });
                    assertTrue(exited.getMessage().contains("without closing its end"), exited.getMessage());
                    return null;
                }));
        assertEquals(List.of(0, 1, 2, 3, 4), got, "every value sent before the exit is received first");
    }

    @Test
    void aForeignTaskThatClosesItsEndEndsTheIterationQuietly() throws Exception {
        List<Integer> got = Sc.run(() -> ForeignChannel.<Integer, String, List<Integer>>open(
                foreign(end -> {
                    end.started(-1);
                    for (int i = 0; i < 100; i++) {
                        end.send(i).join();
                    }
                    end.close();
                }),
                (channel, first) -> {
                    List<Integer> values = new ArrayList<>();
                    for (int v : channel) {
                        values.add(v);
                    }
                    return values;
                }));
        assertEquals(100, got.size());
        for (int i = 0; i < 100; i++) {
            assertEquals(i, got.get(i));
        }
    }

    @Test
    void theStructuredSideLeavingEarlyEndsTheForeignTaskWithStructuredTaskExited() throws Exception {
        AtomicReference<Throwable> foreignSaw = new AtomicReference<>();
        CompletableFuture<Void> exitedSeen = new CompletableFuture<>();
        List<Integer> got = Sc.run(() -> ForeignChannel.<Integer, String, List<Integer>>open(
                foreign(end -> {
                    end.started(-1);
                    end.structuredSideExited().thenRun(() -> exitedSeen.complete(null));
                    try {
                        for (int i = 0; ; i++) {
                            end.send(i).join(); // would go on for ever
                        }
                    } catch (CompletionException e) {
                        foreignSaw.set(e.getCause());
                        throw e; // the orderly echo: not reported as a failure
                    }
                }),
                (channel, first) -> {
                    List<Integer> values = new ArrayList<>();
                    for (int v : channel) {
                        values.add(v);
                        if (v == 50) {
                            break; // leaves early
                        }
                    }
                    return values;
                }));
        assertEquals(51, got.size());
        assertInstanceOf(StructuredTaskExited.class, foreignSaw.get());
        assertTrue(foreignSaw.get().getMessage().contains("returned"), foreignSaw.get().getMessage());
        assertTrue(exitedSeen.isDone());
    }

    @Test
    void aForeignErrorMidStreamCancelsTheBodyAndComesOutWithItsType() throws Exception {
        List<Integer> got = Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean bodyCancelled = new AtomicBoolean();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Sc.run(() ->
                ForeignChannel.<Integer, String, Void>open(0,
                        foreign(end -> {
                            end.started(-1);
                            for (int i = 0; i <= 50; i++) {
                                end.send(i).join(); // capacity 0: sent once the body took it
                            }
                            throw new IllegalArgumentException("the foreign side broke at 50");
                        }),
                        (channel, first) -> {
                            try {
                                for (;;) {
                                    got.add(channel.receive());
                                    if (got.size() == 51) {
                                        Sc.sleepForever(); // still waiting for more when the failure comes
                                    }
                                }
                            } catch (Cancelled c) {
                                bodyCancelled.set(true);
                                throw c;
                            }
                        })));
        assertEquals("the foreign side broke at 50", e.getMessage());
        assertTrue(bodyCancelled.get(), "the body was cancelled by the foreign failure");
        assertEquals(51, got.size());
        assertEquals(0, e.getSuppressed().length, "the body's Cancelled is not reported");
    }

    @Test
    void aStructuredErrorMidStreamEndsTheForeignTaskAndComesOut() throws Exception {
        AtomicReference<Throwable> foreignSaw = new AtomicReference<>();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Sc.run(() ->
                ForeignChannel.<String, String, Void>open(
                        foreign(end -> {
                            end.started("ready");
                            try {
                                for (;;) {
                                    end.send(end.receive().join()).join();
                                }
                            } catch (CompletionException ce) {
                                foreignSaw.set(ce.getCause());
                            }
                        }),
                        (channel, first) -> {
                            channel.send("one");
                            assertEquals("one", channel.receive());
                            throw new IllegalStateException("the structured side broke");
                        })));
        assertEquals("the structured side broke", e.getMessage());
        assertInstanceOf(StructuredTaskExited.class, foreignSaw.get());
        assertTrue(foreignSaw.get().getMessage().contains("failed with"), foreignSaw.get().getMessage());
    }

    @Test
    void whenBothSidesFailTheFirstFailureComesOutWithTheOtherSuppressed() throws Exception {
        // The structured side fails first; the foreign side then fails with an error of its own (not the echo).
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Sc.run(() ->
                ForeignChannel.<String, String, Void>open(
                        foreign(end -> {
                            end.started("ready");
                            end.structuredSideExited().join();
                            throw new UnsupportedOperationException("the foreign side's own error");
                        }),
                        (channel, first) -> {
                            throw new IllegalStateException("the structured side's error");
                        })));
        assertEquals("the structured side's error", e.getMessage());
        assertEquals(1, e.getSuppressed().length);
        assertInstanceOf(UnsupportedOperationException.class, e.getSuppressed()[0]);

        // The foreign side fails first; the body, cancelled, raises an error of its own in its cleanup.
        UnsupportedOperationException f = assertThrows(UnsupportedOperationException.class, () -> Sc.run(() ->
                ForeignChannel.<String, String, Void>open(
                        foreign(end -> {
                            end.started("ready");
                            end.receive().join(); // the body runs
                            throw new UnsupportedOperationException("the foreign side's error");
                        }),
                        (channel, first) -> {
                            try {
                                channel.send("running");
                                Sc.sleepForever();
                            } finally {
                                throw new IllegalStateException("the body's cleanup failed");
                            }
                        })));
        assertEquals("the foreign side's error", f.getMessage());
        assertEquals(1, f.getSuppressed().length);
        assertInstanceOf(IllegalStateException.class, f.getSuppressed()[0]);
    }

    @Test
    void aForeignSelfCancelIsAForeignCancelledNotACancelled() throws Exception {
        ForeignCancelled e = assertThrows(ForeignCancelled.class, () -> Sc.run(() ->
                ForeignChannel.<String, String, Void>open(
                        end -> {
                            CompletableFuture<Void> work = new CompletableFuture<>();
                            executor.execute(() -> {
                                end.started("ready");
                                work.cancel(true); // the foreign side gives up on itself
                            });
                            return work;
                        },
                        (channel, first) -> {
                            Sc.sleepForever();
                            return null;
                        })));
        assertTrue(e.getMessage().contains("cancelled by its own side"), e.getMessage());
    }

    @Test
    void cancellingTheStructuredSideReachesTheForeignTaskAndWaitsForIt() throws Exception {
        AtomicReference<Throwable> foreignSaw = new AtomicReference<>();
        AtomicBoolean foreignEnded = new AtomicBoolean();
        boolean finished = Sc.run(() -> Timeouts.moveOnAfter(Duration.ofMillis(300), () ->
                ForeignChannel.<String, String, Void>open(
                        foreign(end -> {
                            end.started("ready");
                            try {
                                end.receive().join(); // nothing ever comes
                            } catch (CompletionException ce) {
                                foreignSaw.set(ce.getCause());
                            }
                            try {
                                Thread.sleep(200); // tidies up for a while: open waits for that
                            } catch (InterruptedException e) {
                                throw new IllegalStateException(e);
                            }
                            foreignEnded.set(true);
                        }),
                        (channel, first) -> {
                            Sc.sleepForever();
                            return null;
                        })).isPresent());
        assertFalse(finished);
        assertInstanceOf(StructuredTaskExited.class, foreignSaw.get());
        assertTrue(foreignSaw.get().getMessage().contains("was cancelled"), foreignSaw.get().getMessage());
        assertTrue(foreignEnded.get(), "open returned before the foreign task ended");
    }

    @Test
    void cancellingWhileWaitingForStartedEndsTheForeignTaskToo() throws Exception {
        AtomicReference<Throwable> startedSaw = new AtomicReference<>();
        Sc.run(() -> Timeouts.moveOnAfter(Duration.ofMillis(200), () ->
                ForeignChannel.<String, String, Void>open(
                        foreign(end -> {
                            end.structuredSideExited().join(); // a slow start, past the deadline
                            try {
                                end.started("too late");
                            } catch (StructuredTaskExited e) {
                                startedSaw.set(e);
                            }
                        }),
                        (channel, first) -> {
                            throw new AssertionError("the body must not run");
                        })));
        assertInstanceOf(StructuredTaskExited.class, startedSaw.get());
    }

    @Test
    void severalTasksShareTheValuesEachOnce() throws Exception {
        List<Integer> a = Collections.synchronizedList(new ArrayList<>());
        List<Integer> b = Collections.synchronizedList(new ArrayList<>());
        Sc.run(() -> ForeignChannel.<Integer, String, Void>open(
                foreign(end -> {
                    end.started(-1);
                    for (int i = 0; i < 1000; i++) {
                        end.send(i).join();
                    }
                    end.close();
                }),
                (channel, first) -> {
                    Nursery.open(n -> {
                        n.startSoon("consumer-a", () -> channel.forEach(a::add));
                        n.startSoon("consumer-b", () -> channel.forEach(b::add));
                    });
                    return null;
                }));
        List<Integer> all = new ArrayList<>(a);
        all.addAll(b);
        Collections.sort(all);
        assertEquals(1000, all.size(), "each value once, none lost");
        for (int i = 0; i < 1000; i++) {
            assertEquals(i, all.get(i));
        }
    }

    @Test
    void aFastForeignSenderRunsNoFurtherAheadThanTheCapacity() throws Exception {
        AtomicInteger sent = new AtomicInteger();
        AtomicInteger received = new AtomicInteger();
        AtomicInteger maxAhead = new AtomicInteger();
        Sc.run(() -> ForeignChannel.<Integer, String, Void>open(4,
                foreign(end -> {
                    end.started(-1);
                    for (int i = 0; i < 40; i++) {
                        end.send(i).join(); // completes once the value is in the buffer
                        int ahead = sent.incrementAndGet() - received.get();
                        maxAhead.accumulateAndGet(ahead, Math::max);
                    }
                    end.close();
                }),
                (channel, first) -> {
                    for (int v : channel) {
                        received.incrementAndGet();
                        Sc.sleep(Duration.ofMillis(2)); // a slow reader
                    }
                    return null;
                }));
        assertEquals(40, received.get());
        assertTrue(maxAhead.get() <= 4 + 1, "the sender ran " + maxAhead.get() + " values ahead");
    }

    @Test
    void aForeignTaskThatIgnoresTheExitIsGivenUpOnAfterTheSettleTime() throws Exception {
        CompletableFuture<Void> ignoring = new CompletableFuture<>(); // never completed by its side
        String value = Sc.run(() -> ForeignChannel.<String, String, String>open(
                end -> {
                    end.started("ready");
                    return ignoring;
                },
                (channel, first) -> first));
        assertEquals("ready", value);
        assertTrue(ignoring.isCancelled(), "open cancelled the future it gave up on");
    }

    @Test
    void foreignCallsBeforeStartedOrTwiceAreRefused() throws Exception {
        Sc.run(() -> ForeignChannel.<String, String, Void>open(
                end -> {
                    assertThrows(IllegalStateException.class, () -> end.send("early"));
                    assertThrows(IllegalStateException.class, () -> end.trySend("early"));
                    end.started("ready");
                    assertThrows(IllegalStateException.class, () -> end.started("again"));
                    end.close();
                    return CompletableFuture.completedFuture(null);
                },
                (channel, first) -> {
                    assertThrows(EndOfChannel.class, channel::receive);
                    return null;
                }));
    }

    @Test
    void aReceiveThatIsCancelledLosesNoValue() {
        Link<Integer> link = new Link<>(0);
        CompletableFuture<Integer> gaveUp = link.receive();
        assertTrue(gaveUp.cancel(false));
        assertTrue(link.send(7).isDone(), "the value goes past the cancelled receiver into the buffer");
        assertEquals(7, link.receive().join());
    }

    @Test
    void aReceiveCutShortByATimeoutLeavesTheNextValueToTheNextReceive() throws Exception {
        int value = Sc.run(() -> ForeignChannel.<Integer, String, Integer>open(0,
                foreign(end -> {
                    end.started(-1);
                    end.receive().join(); // "go"
                    end.send(7).join();
                    end.close();
                }),
                (channel, first) -> {
                    assertTrue(Timeouts.moveOnAfter(Duration.ofMillis(50), channel::receive).isEmpty());
                    channel.send("go");
                    return channel.receive();
                }));
        assertEquals(7, value);
    }
}
