package dev.tractor.sc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Test;

class NurseryTest {

    @Test
    void aFailureThatTheBodyRethrowsIsReportedOnce() throws Exception {
        IllegalStateException boom = new IllegalStateException("boom");
        Sc.run(() -> {
            AtomicReference<Throwable> handedOver = new AtomicReference<>();
            Event failed = new Event();
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> Nursery.open(n -> {
                n.startSoon("worker", () -> {
                    handedOver.set(boom);
                    failed.set();
                    throw boom;
                });
                failed.await();
                throw (IllegalStateException) handedOver.get(); // like a result() that rethrows the failure
            }));
            assertSame(boom, e, "one failure, raised bare, not a group of the same exception twice");
        });
    }

    @Test
    void waitsForEveryChild() throws Exception {
        List<String> done = Collections.synchronizedList(new ArrayList<>());
        Sc.run(() -> {
            Nursery.open(n -> {
                for (int i = 0; i < 5; i++) {
                    int delay = 5 * (5 - i);
                    String name = "child-" + i;
                    n.startSoon(name, () -> {
                        Sc.sleep(Duration.ofMillis(delay));
                        done.add(name);
                    });
                }
            });
            assertEquals(5, done.size(), "open returned before every child ended");
            done.add("after");
        });
        assertEquals("after", done.getLast());
        assertEquals(Set.of("child-0", "child-1", "child-2", "child-3", "child-4", "after"), Set.copyOf(done));
    }

    @Test
    void childErrorCancelsSiblingsAndBodyAndIsRaisedAsItself() throws Exception {
        AtomicInteger siblingsCancelled = new AtomicInteger();
        AtomicReference<String> bodyOutcome = new AtomicReference<>("not reached");
        IOException raised = assertThrows(IOException.class, () -> Sc.run(() -> Nursery.open(n -> {
            for (int i = 0; i < 3; i++) {
                n.startSoon("sleeper-" + i, () -> {
                    try {
                        Sc.sleepForever();
                    } catch (Cancelled c) {
                        siblingsCancelled.incrementAndGet();
                        throw c;
                    }
                });
            }
            n.startSoon("failing", () -> {
                Sc.sleep(Duration.ofMillis(20));
                throw new IOException("disk on fire");
            });
            try {
                Sc.sleepForever();
            } catch (Cancelled c) {
                bodyOutcome.set("cancelled: " + c.getMessage());
                throw c;
            }
        })));
        assertEquals("disk on fire", raised.getMessage());
        assertEquals(3, siblingsCancelled.get());
        assertTrue(bodyOutcome.get().startsWith("cancelled: task 'failing' failed"), bodyOutcome.get());
    }

    @Test
    void twoFailuresComeOutAsAGroupOfBoth() {
        ExceptionGroup group = assertThrows(ExceptionGroup.class, () -> Sc.run(() -> Nursery.open(n -> {
            Event bothRunning = new Event();
            AtomicInteger arrived = new AtomicInteger();
            for (String name : List.of("a", "b")) {
                n.startSoon(name, () -> {
                    if (arrived.incrementAndGet() == 2) {
                        bothRunning.set();
                    }
                    // Both fail in a shielded scope, so neither is cut short by the other's failure.
                    new CancelScope().shield(true).run(bothRunning::await);
                    throw new IllegalStateException("failure of " + name);
                });
            }
        })));
        assertEquals(2, group.exceptions().size());
        Set<String> messages = Set.of(group.exceptions().get(0).getMessage(), group.exceptions().get(1).getMessage());
        assertEquals(Set.of("failure of a", "failure of b"), messages);
        assertEquals(2, group.getSuppressed().length, "members are attached as suppressed for stack traces");
        assertTrue(ExceptionGroup.find(group, IllegalStateException.class).isPresent());
    }

    @Test
    void bodyFailureComesFirstInTheGroup() {
        ExceptionGroup group = assertThrows(ExceptionGroup.class, () -> Sc.run(() -> Nursery.open(n -> {
            Event childFailed = new Event();
            n.startSoon("child", () -> {
                try {
                    throw new IllegalArgumentException("child");
                } finally {
                    childFailed.set();
                }
            });
            new CancelScope().shield(true).run(childFailed::await);
            throw new IllegalStateException("body");
        })));
        assertEquals("body", group.exceptions().get(0).getMessage());
        assertEquals("child", group.exceptions().get(1).getMessage());
    }

    @Test
    void tenThousandTasks() throws Exception {
        LongAdder ran = new LongAdder();
        Set<Thread> threads = ConcurrentHashMap.newKeySet();
        Sc.run(() -> Nursery.open(n -> {
            for (int i = 0; i < 10_000; i++) {
                n.startSoon("t" + i, () -> {
                    threads.add(Thread.currentThread());
                    Sc.checkpoint();
                    ran.increment();
                });
            }
        }));
        assertEquals(10_000, ran.sum());
        assertEquals(10_000, threads.size(), "each task runs on its own thread");
        assertTrue(threads.stream().allMatch(Thread::isVirtual));
    }

    @Test
    void tenThousandSleepingTasksAreAllCancelled() throws Exception {
        LongAdder finallyRan = new LongAdder();
        Sc.run(() -> Nursery.open(n -> {
            for (int i = 0; i < 10_000; i++) {
                n.startSoon(() -> {
                    try {
                        Sc.sleepForever();
                    } finally {
                        finallyRan.increment();
                    }
                });
            }
            Sc.sleep(Duration.ofMillis(20));
            n.cancelScope().cancel();
        }));
        assertEquals(10_000, finallyRan.sum());
    }

    @Test
    void endedTasksDoNotPileUpInALongLivedNursery() throws Exception {
        AtomicInteger serverCleanedUp = new AtomicInteger();
        AtomicInteger linkedAtTheEnd = new AtomicInteger();
        LongAdder ran = new LongAdder();
        Sc.run(() -> Nursery.open(n -> {
            n.startSoon("server", () -> {
                try {
                    Sc.sleepForever();
                } finally {
                    serverCleanedUp.incrementAndGet();
                }
            });
            for (int batch = 1; batch <= 100; batch++) {
                for (int i = 0; i < 100; i++) {
                    n.startSoon(ran::increment);
                }
                while (ran.sum() < batch * 100L) {
                    Sc.sleep(Duration.ofMillis(1));
                }
            }
            linkedAtTheEnd.set(n.linkedTaskCount());
            n.cancelScope().cancel();
        }));
        assertEquals(10_000, ran.sum());
        assertEquals(1, serverCleanedUp.get(), "a cancellation still reaches the long-lived task");
        assertTrue(linkedAtTheEnd.get() < 500,
                "ended tasks are unlinked in batches, not kept: " + linkedAtTheEnd.get() + " still linked");
    }

    @Test
    void finallyBlocksRunInEveryCancelledTask() throws Exception {
        List<String> cleaned = Collections.synchronizedList(new ArrayList<>());
        Sc.run(() -> Timeouts.moveOnAfter(Duration.ofMillis(50), () -> Nursery.open(n -> {
            MemoryChannel<String> ch = MemoryChannel.open(0);
            n.startSoon("receiver", () -> {
                try {
                    ch.receiver().receive();
                } finally {
                    cleaned.add("receiver");
                }
            });
            n.startSoon("event", () -> {
                try {
                    new Event().await();
                } finally {
                    cleaned.add("event");
                }
            });
            n.startSoon("nested", () -> {
                try {
                    Nursery.open(inner -> inner.startSoon("inner", () -> {
                        try {
                            Sc.sleepForever();
                        } finally {
                            cleaned.add("inner");
                        }
                    }));
                } finally {
                    cleaned.add("nested");
                }
            });
            try {
                Sc.sleepForever();
            } finally {
                cleaned.add("body");
            }
        })));
        assertEquals(Set.of("receiver", "event", "inner", "nested", "body"), Set.copyOf(cleaned));
        assertEquals(5, cleaned.size());
    }

    @Test
    void cancellingTheNurseryScopeEndsItQuietly() throws Exception {
        AtomicInteger afterOpen = new AtomicInteger();
        Sc.run(() -> {
            Nursery.open(n -> {
                n.startSoon("sleeper", Sc::sleepForever);
                n.startSoon("canceller", () -> n.cancelScope().cancel());
            });
            afterOpen.incrementAndGet();
        });
        assertEquals(1, afterOpen.get());
    }

    @Test
    void startReturnsTheStartedValueAndTheTaskKeepsRunning() throws Exception {
        List<String> log = Collections.synchronizedList(new ArrayList<>());
        Sc.run(() -> Nursery.open(n -> {
            int port = n.start("server", (TaskStatus<Integer> status) -> {
                log.add("setting up");
                status.started(8080);
                Sc.sleep(Duration.ofMillis(10));
                log.add("served");
            });
            log.add("got " + port);
        }));
        assertEquals(List.of("setting up", "got 8080", "served"), log);
    }

    @Test
    void startedTaskIsCancelledWithItsNurseryNotWithTheCaller() throws Exception {
        AtomicReference<String> outcome = new AtomicReference<>("running");
        Sc.run(() -> Nursery.open(n -> {
            CancelScope callerScope = new CancelScope();
            callerScope.run(() -> {
                n.start("service", (TaskStatus<Void> status) -> {
                    status.started();
                    try {
                        Sc.sleep(Duration.ofMillis(100));
                        outcome.set("survived the caller's cancellation");
                    } catch (Cancelled c) {
                        outcome.set("cancelled");
                        throw c;
                    }
                });
                callerScope.cancel(); // the task has moved to the nursery: this must not reach it
            });
        }));
        assertEquals("survived the caller's cancellation", outcome.get());
    }

    @Test
    void errorBeforeStartedIsRaisedFromStartNotFromTheNursery() throws Exception {
        AtomicReference<Throwable> caught = new AtomicReference<>();
        AtomicInteger siblingFinished = new AtomicInteger();
        Sc.run(() -> Nursery.open(n -> {
            n.startSoon("sibling", () -> {
                Sc.sleep(Duration.ofMillis(30));
                siblingFinished.incrementAndGet();
            });
            try {
                n.start("broken", status -> {
                    throw new IOException("could not bind");
                });
            } catch (IOException e) {
                caught.set(e);
            }
        }));
        assertEquals("could not bind", caught.get().getMessage());
        assertEquals(1, siblingFinished.get(), "the nursery was not cancelled by the failed start");
    }

    @Test
    void returningWithoutStartedIsAnError() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Sc.run(() -> Nursery.open(n -> n.start("lazy", status -> { }))));
        assertTrue(e.getMessage().contains("returned without calling started()"), e.getMessage());
    }

    @Test
    void startedTwiceIsAnError() throws Exception {
        AtomicReference<Throwable> second = new AtomicReference<>();
        Sc.run(() -> Nursery.open(n -> {
            String v = n.start("twice", (TaskStatus<String> status) -> {
                status.started("first");
                try {
                    status.started("second");
                } catch (IllegalStateException e) {
                    second.set(e);
                }
            });
            assertEquals("first", v);
        }));
        assertInstanceOf(IllegalStateException.class, second.get());
    }

    @Test
    void cancellingTheCallerOfStartCancelsTheStartingTask() throws Exception {
        AtomicReference<String> taskSaw = new AtomicReference<>();
        Sc.run(() -> Nursery.open(n -> {
            Optional<Object> started = Timeouts.moveOnAfter(Duration.ofMillis(30), () -> n.start("slow", status -> {
                try {
                    Sc.sleepForever();
                } catch (Cancelled c) {
                    taskSaw.set("cancelled");
                    throw c;
                }
            }));
            assertTrue(started.isEmpty());
        }));
        assertEquals("cancelled", taskSaw.get());
    }

    @Test
    void closedNurseryRefusesNewTasks() throws Exception {
        AtomicReference<Nursery> escaped = new AtomicReference<>();
        Sc.run(() -> {
            Nursery.open(escaped::set);
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> escaped.get().startSoon("late", () -> { }));
            assertTrue(e.getMessage().contains("nursery is closed"), e.getMessage());
        });
    }

    @Test
    void childrenMayStartSiblingsWhileTheBodyWaits() throws Exception {
        AtomicInteger ran = new AtomicInteger();
        Sc.run(() -> Nursery.open(n -> n.startSoon("parent", () -> {
            Sc.sleep(Duration.ofMillis(10));
            n.startSoon("late sibling", ran::incrementAndGet);
        })));
        assertEquals(1, ran.get());
    }

    @Test
    void outsideARunIsAClearError() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Nursery.open(n -> { }));
        assertTrue(e.getMessage().contains("Nursery.open must be called from a task inside Sc.run"), e.getMessage());
    }

    @Test
    void taskNamesBecomeThreadNames() throws Exception {
        AtomicReference<String> name = new AtomicReference<>();
        Sc.run(() -> Nursery.open(n -> n.startSoon("worker-7", () -> name.set(Thread.currentThread().getName()))));
        assertEquals("worker-7", name.get());
        assertSame(name.get(), name.get());
    }
}
