package dev.tractor.internal.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tractor.ActorDied;
import dev.tractor.ActorNursery;
import dev.tractor.ActorNurseryClosed;
import dev.tractor.ActorOptions;
import dev.tractor.ActorStartFailed;
import dev.tractor.Portal;
import dev.tractor.Processes;
import dev.tractor.Tractor;
import dev.tractor.Work;
import dev.tractor.internal.runtime.ActorRuntime;
import dev.tractor.internal.runtime.ChildState;
import dev.tractor.internal.spawn.ChildJvm;
import dev.tractor.internal.spawn.ChildProcess;
import dev.tractor.internal.spawn.ChildSpec;
import dev.tractor.internal.spawn.SpawnMethod;
import dev.tractor.ipc.Address;
import dev.tractor.sc.CancelScope;
import dev.tractor.sc.Event;
import dev.tractor.sc.Nursery;
import dev.tractor.sc.Sc;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The child's life in its parent ({@link ChildState}): failed starts, deaths, teardown and a nursery's end
 * leave no process and no bookkeeping behind. Real child JVMs.
 */
class ChildLifecycleTest {
    private static final SpawnMethod JVM = new ChildJvm();

    @AfterEach
    void noProcessOutlivesTheTest() throws InterruptedException {
        Processes.assertNoDescendantsWithin(Duration.ofSeconds(10));
    }

    /** The real spawn method, recording what it launched, with a hook that runs once a process is launched. */
    private static final class RecordingSpawn implements SpawnMethod {
        final List<ChildProcess> launched = new CopyOnWriteArrayList<>();
        private final Runnable afterLaunch;

        RecordingSpawn(Runnable afterLaunch) {
            this.afterLaunch = afterLaunch;
        }

        @Override
        public ChildProcess spawn(ChildSpec spec) {
            ChildProcess p = JVM.spawn(spec);
            launched.add(p);
            afterLaunch.run();
            return p;
        }

        List<ChildProcess> alive() {
            return launched.stream().filter(ChildProcess::isAlive).toList();
        }
    }

    /** Waits (blocking the thread, not a checkpoint) until a child of {@code rt} has connected back. */
    private static void awaitSomeChildConnected(ActorRuntime rt) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (rt.children().stream().noneMatch(c -> c.peer() != null)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no child connected: " + rt.children());
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
    }

    @Test
    void aStartThatFailsAfterTheChildConnectedIsNoDeathAndLeavesNothing() throws Exception {
        // The start is cancelled (by a scope of the caller's, not the nursery) just after the child has
        // connected back: the child must count as ending from then on, so its SIGTERM is no death.
        Tractor.run(() -> {
            ActorRuntime rt = ActorRuntime.current();
            CancelScope start = new CancelScope();
            RecordingSpawn spawn = new RecordingSpawn(() -> {
                awaitSomeChildConnected(rt);
                start.cancel("the caller gave up");
            });
            String outcome = ActorNurseryImpl.open(rt, spawn, an -> {
                start.run(() -> an.startActor("connected-then-cancelled", ActorOptions.defaults()));
                assertTrue(start.cancelledCaught(), "the start was cancelled");
                assertEquals(List.of(), spawn.alive(), "the failed start ended its process");
                assertEquals(0, an.childCount());
                // A death report would come from the process's watcher right after its exit: give it time.
                Sc.sleep(Duration.ofMillis(500));
                return "no ActorDied";
            });
            assertEquals("no ActorDied", outcome);
            assertEquals(List.of(), rt.children(), "the runtime keeps nothing of the child");
            return null;
        });
    }

    @Test
    void aChildThatCannotStartFailsItsSpawnWithExactlyThatErrorAndLeavesNothing() throws Exception {
        try (ServerSocketChannel taken = ServerSocketChannel.open()) {
            taken.bind(new InetSocketAddress("127.0.0.1", 0));
            int port = ((InetSocketAddress) taken.getLocalAddress()).getPort();
            Tractor.run(() -> {
                ActorRuntime rt = ActorRuntime.current();
                RecordingSpawn spawn = new RecordingSpawn(() -> { });
                ActorStartFailed badOption = assertThrows(ActorStartFailed.class, () -> ActorNurseryImpl.open(rt, spawn,
                        an -> an.startActor("bad-option", ActorOptions.defaults().withJvmOptions("-XX:+NoSuchOption"))));
                assertEquals(ActorStartFailed.class, badOption.getClass(), "that error alone");
                assertTrue(badOption.getMessage().contains("before it connected"), badOption.getMessage());
                ActorStartFailed clash = assertThrows(ActorStartFailed.class, () -> ActorNurseryImpl.open(rt, spawn,
                        an -> an.startActor("clash", ActorOptions.defaults().withBindAddresses(
                                new Address.Tcp("127.0.0.1", port)))));
                assertEquals(ActorStartFailed.class, clash.getClass(), "that error alone");
                assertTrue(clash.getMessage().contains("could not listen"), clash.getMessage());
                assertEquals(2, spawn.launched.size());
                assertEquals(List.of(), spawn.alive());
                assertEquals(List.of(), rt.children());
                return null;
            });
        }
    }

    @Test
    void deathsAndTeardownLeaveNothingInTheRuntime() throws Exception {
        Tractor.run(() -> {
            ActorRuntime rt = ActorRuntime.current();
            ActorDied died = assertThrows(ActorDied.class, () -> Tractor.openNursery(an -> {
                Portal victim = an.startActor("victim", ActorOptions.enable(Work.class));
                Portal bystander = an.startActor("bystander", ActorOptions.enable(Work.class));
                assertEquals(2, rt.children().size());
                assertTrue(rt.children().stream().allMatch(c -> c.state() == ChildState.RUNNING), rt.children().toString());
                assertEquals(9, bystander.run(Work::square, 3));
                ProcessHandle.of(victim.pid()).orElseThrow().destroyForcibly();
                Sc.sleepForever();
                return null;
            }));
            assertTrue(died.getMessage().contains("victim"), died.getMessage());
            assertEquals(List.of(), rt.children(), "a death and a teardown leave nothing");
            long sum = Tractor.openNursery(an -> an.runInActor("sum", Work::sum, 10).<Long>result());
            assertEquals(55L, sum);
            assertEquals(List.of(), rt.children());
            return null;
        });
    }

    @Test
    void startActorAndRunInActorAfterTheNurseryHasClosedAreRefusedAndStartNothing() throws Exception {
        Tractor.run(() -> {
            ActorRuntime rt = ActorRuntime.current();
            RecordingSpawn spawn = new RecordingSpawn(() -> { });
            AtomicReference<ActorNursery> kept = new AtomicReference<>();
            ActorNurseryImpl.open(rt, spawn, an -> {
                kept.set(an);
                return null;
            });
            ActorNurseryClosed daemon = assertThrows(ActorNurseryClosed.class,
                    () -> kept.get().startActor("late", ActorOptions.enable(Work.class)));
            assertTrue(daemon.getMessage().contains("'late'"), daemon.getMessage());
            ActorNurseryClosed oneShot = assertThrows(ActorNurseryClosed.class,
                    () -> kept.get().runInActor("late-sum", Work::sum, 3));
            assertTrue(oneShot.getMessage().contains("closed"), oneShot.getMessage());
            assertEquals(List.of(), spawn.launched, "nothing was launched");
            assertEquals(List.of(), rt.children());
            assertEquals(0, kept.get().childCount());
            return null;
        });
    }

    @Test
    void aStartUnderWayWhenItsNurseryEndsIsAbortedAndItsProcessIsGoneBeforeTheNurseryReturns() throws Exception {
        Tractor.run(() -> {
            ActorRuntime rt = ActorRuntime.current();
            Event launched = new Event();
            RecordingSpawn spawn = new RecordingSpawn(launched::set);
            AtomicReference<ActorNursery> nursery = new AtomicReference<>();
            Event opened = new Event();
            AtomicReference<Throwable> lateStart = new AtomicReference<>();
            Nursery.open(outer -> {
                // Another task starts an actor in the nursery and is still waiting for it when the block ends.
                outer.startSoon("late starter", () -> {
                    opened.await();
                    try {
                        nursery.get().startActor("late", ActorOptions.enable(Work.class));
                    } catch (Throwable t) {
                        lateStart.set(t);
                    }
                });
                ActorNurseryImpl.open(rt, spawn, an -> {
                    nursery.set(an);
                    opened.set();
                    launched.await(); // its process exists, and it has not connected yet
                    return null;
                });
                assertEquals(1, spawn.launched.size());
                assertEquals(List.of(), spawn.alive(), "no process outlives its nursery");
            });
            assertInstanceOf(ActorNurseryClosed.class, lateStart.get());
            assertEquals(List.of(), rt.children());
            return null;
        });
    }

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS) // four child JVMs, one after another
    void whenTheNurseryEndsAsAStartCompletesNoProcessOutlivesItAndTheRuntimeKeepsNothing() throws Exception {
        // The block ends just as the late child has connected back: the start is aborted, or it completes
        // and is refused at the hand-over (its starter reaps it), or it was handed over first (the nursery
        // reaps it). Whichever happens, the invariants hold.
        for (int round = 0; round < 4; round++) {
            int pause = round;
            Tractor.run(() -> {
                ActorRuntime rt = ActorRuntime.current();
                RecordingSpawn spawn = new RecordingSpawn(() -> { });
                AtomicReference<ActorNursery> nursery = new AtomicReference<>();
                Event opened = new Event();
                AtomicReference<Object> lateStart = new AtomicReference<>();
                Nursery.open(outer -> {
                    outer.startSoon("late starter", () -> {
                        opened.await();
                        try {
                            lateStart.set(nursery.get().startActor("late", ActorOptions.enable(Work.class)));
                        } catch (ActorNurseryClosed e) {
                            lateStart.set(e);
                        }
                    });
                    ActorNurseryImpl.open(rt, spawn, an -> {
                        nursery.set(an);
                        opened.set();
                        while (rt.children().stream().noneMatch(c -> c.peer() != null)) {
                            Sc.sleep(Duration.ofMillis(1));
                        }
                        Sc.sleep(Duration.ofMillis(pause));
                        return null;
                    });
                    assertEquals(List.of(), spawn.alive(), "no process outlives its nursery");
                });
                assertTrue(lateStart.get() instanceof Portal || lateStart.get() instanceof ActorNurseryClosed,
                        String.valueOf(lateStart.get()));
                assertEquals(List.of(), rt.children());
                return null;
            });
        }
    }

    @Test
    void theStatesMoveOnlyForward() {
        for (ChildState from : ChildState.values()) {
            assertFalse(from.canBecome(from), from + " to itself");
            assertFalse(from.canBecome(ChildState.STARTING), "nothing goes back to STARTING");
        }
        assertTrue(ChildState.STARTING.canBecome(ChildState.RUNNING));
        assertTrue(ChildState.STARTING.canBecome(ChildState.ENDING));
        assertTrue(ChildState.RUNNING.canBecome(ChildState.ENDING));
        assertTrue(ChildState.ENDING.canBecome(ChildState.ENDED));
        assertFalse(ChildState.RUNNING.canBecome(ChildState.ENDED), "ENDED only through ENDING");
        assertFalse(ChildState.STARTING.canBecome(ChildState.ENDED));
        assertFalse(ChildState.ENDED.canBecome(ChildState.ENDING));
        assertFalse(ChildState.ENDING.canBecome(ChildState.RUNNING));
    }
}
