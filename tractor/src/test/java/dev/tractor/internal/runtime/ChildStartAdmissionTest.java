package dev.tractor.internal.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tractor.ActorNurseryClosed;
import dev.tractor.ActorOptions;
import dev.tractor.Processes;
import dev.tractor.Tractor;
import dev.tractor.internal.spawn.ChildJvm;
import dev.tractor.internal.spawn.ChildProcess;
import dev.tractor.internal.spawn.ChildSpec;
import dev.tractor.internal.spawn.SpawnMethod;
import dev.tractor.internal.spawn.StartAdmission;
import dev.tractor.sc.CancelScope;
import dev.tractor.sc.Nursery;
import dev.tractor.sc.Sc;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A start waits for its turn ({@link StartAdmission}) before it launches anything: one that is cancelled or
 * aborted while it waits launches no process. Real child JVMs; the runtime admits one start at a time, and
 * the start that holds the turn is a child whose JVM waits for a debugger before its {@code main}, so it
 * never connects back by itself.
 */
class ChildStartAdmissionTest {
    private static final SpawnMethod JVM = new ChildJvm();
    /** A child that holds its turn: its JVM stops before main until a debugger attaches (none will). */
    private static final ActorOptions HOLDS_ITS_TURN = ActorOptions.defaults()
            .withJvmOptions("-agentlib:jdwp=transport=dt_socket,server=y,suspend=y,address=127.0.0.1:0,quiet=y")
            .withStartTimeout(Duration.ofMinutes(5));

    @BeforeEach
    void oneStartAtATime() {
        System.setProperty(StartAdmission.PROPERTY, "1");
    }

    @AfterEach
    void noProcessOutlivesTheTest() throws InterruptedException {
        System.clearProperty(StartAdmission.PROPERTY);
        Processes.assertNoDescendantsWithin(Duration.ofSeconds(10));
    }

    /** The real spawn method, recording the names of the actors it launched. */
    private static final class RecordingSpawn implements SpawnMethod {
        final List<String> launched = new CopyOnWriteArrayList<>();

        @Override
        public ChildProcess spawn(ChildSpec spec) {
            launched.add(spec.name());
            return JVM.spawn(spec);
        }
    }

    /** Waits (a checkpoint) until a start of {@code rt} waits for its turn; fails if a second one launched. */
    private static void awaitOneWaiting(ActorRuntime rt, RecordingSpawn spawn) {
        while (rt.startAdmission().waiting() != 1) {
            assertEquals(1, spawn.launched.size(), "the second start launched without waiting for its turn");
            Sc.sleep(Duration.ofMillis(5));
        }
    }

    @Test
    void aStartCancelledWhileItWaitsForItsTurnLaunchesNothing() throws Exception {
        Tractor.run(() -> {
            ActorRuntime rt = ActorRuntime.current();
            assertEquals(1, rt.startAdmission().limit());
            RecordingSpawn spawn = new RecordingSpawn();
            ActorNurseryImpl.open(rt, spawn, an -> {
                Nursery.open(n -> {
                    n.startSoon("held", () -> an.startActor("held", HOLDS_ITS_TURN));
                    while (spawn.launched.isEmpty()) {
                        Sc.sleep(Duration.ofMillis(5));
                    }
                    CancelScope second = new CancelScope();
                    n.startSoon("second", () -> second.run(() -> an.startActor("second", ActorOptions.defaults())));
                    awaitOneWaiting(rt, spawn);
                    assertEquals(2, rt.children().size(), "both are known while they start");

                    second.cancel("the caller gave up");
                    while (rt.children().size() != 1) { // the cancelled start ends and is forgotten
                        Sc.sleep(Duration.ofMillis(5));
                    }
                    assertTrue(second.cancelledCaught(), "the waiting start raised Cancelled");
                    assertEquals(0, rt.startAdmission().waiting());
                    assertEquals(List.of("held"), spawn.launched, "the cancelled start launched nothing");
                    n.cancelScope().cancel("done"); // ends the start that holds the turn, and its JVM
                });
                return null;
            });
            assertEquals(List.of(), rt.children(), "the runtime keeps nothing of either child");
            assertEquals(0, rt.startAdmission().underWay(), "every turn was given back");
            return null;
        });
    }

    @Test
    void aStartWaitingForItsTurnWhenItsNurseryEndsIsAbortedAndLaunchesNothing() throws Exception {
        Map<String, Throwable> outcomes = new ConcurrentHashMap<>();
        Tractor.run(() -> {
            ActorRuntime rt = ActorRuntime.current();
            RecordingSpawn spawn = new RecordingSpawn();
            Nursery.open(starters -> {
                ActorNurseryImpl.open(rt, spawn, an -> {
                    for (String name : List.of("held", "waiting")) {
                        ActorOptions options = name.equals("held") ? HOLDS_ITS_TURN : ActorOptions.defaults();
                        starters.startSoon(name, () -> {
                            try {
                                an.startActor(name, options);
                            } catch (RuntimeException e) {
                                outcomes.put(name, e);
                            }
                        });
                        if (name.equals("held")) {
                            while (rt.startAdmission().underWay() != 1) {
                                Sc.sleep(Duration.ofMillis(5)); // it has taken the turn
                            }
                        }
                    }
                    awaitOneWaiting(rt, spawn);
                    return null; // the nursery ends: both starts are aborted
                });
            });
            assertEquals(List.of("held"), spawn.launched, "the aborted waiting start launched nothing");
            assertEquals(List.of(), rt.children());
            assertEquals(0, rt.startAdmission().underWay(), "every turn was given back");
            return null;
        });
        assertInstanceOf(ActorNurseryClosed.class, outcomes.get("held"));
        assertInstanceOf(ActorNurseryClosed.class, outcomes.get("waiting"));
    }
}
