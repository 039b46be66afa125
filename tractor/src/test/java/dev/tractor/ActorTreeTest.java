package dev.tractor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tractor.internal.runtime.ActorLogging;
import dev.tractor.internal.runtime.ActorRuntime;
import dev.tractor.sc.ExceptionGroup;
import dev.tractor.sc.Nursery;
import dev.tractor.sc.Sc;
import dev.tractor.sc.Timeouts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Actors in real child JVMs: results, errors, nesting, supervision; nothing may outlive a test. */
class ActorTreeTest {
    @AfterEach
    void noProcessOutlivesTheTest() throws InterruptedException {
        Processes.assertNoDescendantsWithin(Duration.ofSeconds(10));
    }

    @Test
    void runInActorReturnsTheResult() throws Exception {
        long total = Tractor.openNursery(an -> an.runInActor("sum", Work::sum, 10).<Long>result());
        assertEquals(55L, total);
    }

    @Test
    void anyNameWorksEvenOneTooLongOrOddForASocketFile() throws Exception {
        String name = "a name/with spaces, slashes and ünïcödé, " + "long ".repeat(40);
        assertEquals(9, (int) Tractor.openNursery(an -> an.runInActor(name, Work::square, 3).<Integer>result()));
        assertEquals("a_name_with_spaces__slashes_and_-12345678@1.sock", dev.tractor.ipc.Address.Uds.forActor(
                ActorRuntime.socketName("a name/with spaces, slashes and ünïcödé", "12345678-aaaa"), 1).path()
                .getFileName().toString());
    }

    @Test
    void aDaemonServesManyCallsInItsOwnProcess() throws Exception {
        Tractor.openNursery(an -> {
            Portal worker = an.startActor("worker", ActorOptions.enable(Work.class));
            assertEquals(9, worker.run(Work::square, 3));
            assertEquals(16, worker.run(Work::square, 4));
            assertEquals(5.0, worker.run(Work::length, new Work.Point(3, 4)));
            assertEquals(2, worker.run(Work::count, List.of(new Work.Point(1, 1), new Work.Point(2, 2))));
            long pid = worker.run(Work::pid);
            assertEquals(worker.pid(), pid);
            assertNotEquals(ProcessHandle.current().pid(), pid);
            assertEquals("worker", worker.name());
            return null;
        });
    }

    @Test
    void aRemoteErrorComesBackBoxedWithTypeMessageStackAndActor() {
        RemoteActorError e = assertThrows(RemoteActorError.class,
                () -> Tractor.openNursery(an -> an.runInActor("boom", Work::fail, "it broke").result()));
        assertEquals(IllegalStateException.class.getName(), e.remoteType());
        assertEquals("it broke", e.remoteMessage());
        assertEquals("boom", e.source().name());
        assertTrue(e.remoteStackTrace().stream().anyMatch(f -> f.getClassName().equals(Work.class.getName())
                && f.getMethodName().equals("fail")), e.remoteStackTrace().toString());
    }

    @Test
    void callsThatCannotBeMadeFailAloneAndTheActorKeepsServing() throws Exception {
        Tractor.openNursery(an -> {
            Portal worker = an.startActor("picky", ActorOptions.enable(Work.class));
            RemoteActorError notEnabled = assertThrows(RemoteActorError.class,
                    () -> worker.runFromNs("java.lang.System", "exit", Map.of("status", 3)));
            assertEquals(FunctionNotEnabled.class.getName(), notEnabled.remoteType());
            RemoteActorError unknown = assertThrows(RemoteActorError.class,
                    () -> worker.runFromNs(Work.class.getName(), "nope", Map.of()));
            assertEquals(NoSuchFunction.class.getName(), unknown.remoteType());
            RemoteActorError badArgs = assertThrows(RemoteActorError.class,
                    () -> worker.runFromNs(Work.class.getName(), "square", Map.of("n", "three")));
            assertEquals(BadArguments.class.getName(), badArgs.remoteType());
            assertTrue(badArgs.remoteMessage().contains("args.n"), badArgs.remoteMessage());
            assertEquals(49, worker.run(Work::square, 7), "still serving");
            return null;
        });
    }

    @Test
    void nestedActorsReturnAValueThroughTheTree() throws Exception {
        int squared = Tractor.openNursery(an -> an.runInActor("parent", Work::squareInGrandchild, 6).<Integer>result());
        assertEquals(36, squared);
    }

    @Test
    void aGrandchildsErrorArrivesWithItsRelayPath() {
        RemoteActorError e = assertThrows(RemoteActorError.class,
                () -> Tractor.openNursery(an -> an.runInActor("middle", Work::failInGrandchild, "deep").result()));
        assertEquals(IllegalStateException.class.getName(), e.remoteType());
        assertEquals("grandchild", e.source().name());
        assertEquals(List.of("grandchild", "middle"), e.relayPath().stream().map(u -> u.name()).toList());
    }

    @Test
    void twoFailingChildrenGiveAGroupOfTwoAndCancelTheRest() throws Exception {
        long started = System.nanoTime();
        String dir = java.nio.file.Files.createTempDirectory("two-failing").toString();
        ExceptionGroup g = assertThrows(ExceptionGroup.class, () -> Tractor.openNursery(an -> {
            an.startActor("daemon", ActorOptions.enable(Work.class));
            an.runInActor("sleeper", Work::sleepInJdk, 600);
            // Both must be running their function when the first fails, however long the machine takes to
            // start either JVM (a child still starting is simply cancelled): they fail together.
            an.runInActor("a", Work::failWithSibling, dir, "b", "first");
            an.runInActor("b", Work::failWithSibling, dir, "a", "second");
            return null;
        }));
        assertEquals(2, g.exceptions().size(), g.toString());
        for (Throwable t : g.exceptions()) {
            RemoteActorError e = assertInstanceOf(RemoteActorError.class, t);
            assertEquals(IllegalArgumentException.class.getName(), e.remoteType());
        }
        assertTrue(System.nanoTime() - started < Duration.ofSeconds(20).toNanos(), "the sleeper was not waited for");
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS) // 25 JVMs on a small machine
    void twentyFiveFailingChildrenGiveAGroupOfTwentyFive(@TempDir Path dir) {
        int children = 25;
        String go = dir.resolve("go").toString();
        long started = System.nanoTime();
        ExceptionGroup g = assertThrows(ExceptionGroup.class, () -> Tractor.openNursery(an -> {
            Nursery.open(spawners -> { // spawned concurrently, to be quick
                for (int i = 0; i < children; i++) {
                    String name = "failing-" + i;
                    spawners.startSoon(name, () -> an.runInActor(name, Work::failWhenToldBy, go, name));
                }
            });
            // All 25 functions run (not only started: a call cancelled before its function begins never
            // begins it, so a function still on its way would be cancelled, not fail): now every one fails.
            for (int i = 0; i < children; i++) {
                while (!Files.exists(Path.of(go + ".failing-" + i + ".running"))) {
                    Sc.sleep(Duration.ofMillis(10));
                }
            }
            Files.createFile(Path.of(go));
            return null;
        }));
        assertEquals(children, g.exceptions().size(), g.toString());
        assertEquals(children, g.exceptions().stream().map(t -> ((RemoteActorError) t).source().name()).distinct().count());
        assertTrue(System.nanoTime() - started < Duration.ofSeconds(60).toNanos());
    }

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS) // 14 JVMs
    void aLeafErrorInATreeOfBreadthTwoAndDepthThreeArrivesWithItsPath() {
        RemoteActorError e = assertThrows(RemoteActorError.class, () -> Tractor.openNursery(an -> {
            an.runInActor("t.0", Work::tree, 2, 2);
            an.runInActor("t.1", Work::tree, 2, 2);
            return null;
        }));
        assertEquals(IllegalArgumentException.class.getName(), e.remoteType());
        assertEquals("leaf t.0.0.0", e.remoteMessage());
        assertEquals(List.of("t.0.0.0", "t.0.0", "t.0"), e.relayPath().stream().map(u -> u.name()).toList());
    }

    @Test
    void cancelActorOnABusyActorIsAcknowledgedAndTheProcessEnds() throws Exception {
        AtomicReference<Throwable> callEnded = new AtomicReference<>();
        Tractor.openNursery(an -> {
            Portal worker = an.startActor("busy", ActorOptions.enable(Work.class));
            long pid = worker.pid();
            Nursery.open(n -> {
                n.startSoon("caller", () -> {
                    try {
                        worker.run(Work::busy, 60_000);
                    } catch (RuntimeException e) {
                        callEnded.set(e);
                    }
                });
                Sc.sleep(Duration.ofMillis(300)); // the call is under way
                assertTrue(worker.cancelActor(), "the cancel request is acknowledged");
            });
            assertTrue(Processes.exitsWithin(pid, Duration.ofSeconds(10)), "the actor exits by itself");
            return null;
        });
        assertTrue(callEnded.get() instanceof TractorException, "the call in progress ended with an error: "
                + callEnded.get());
    }

    @Test
    void aDaemonKilledFromOutsideFailsItsNursery() {
        long started = System.nanoTime();
        ActorDied e = assertThrows(ActorDied.class, () -> Tractor.openNursery(an -> {
            Portal victim = an.startActor("victim", ActorOptions.enable(Work.class));
            an.startActor("bystander", ActorOptions.enable(Work.class));
            ProcessHandle.of(victim.pid()).orElseThrow().destroyForcibly();
            Sc.sleep(Duration.ofSeconds(60)); // cancelled by the death
            return null;
        }));
        assertTrue(e.getMessage().startsWith("actor 'victim' (pid "), e.getMessage());
        assertTrue(e.getMessage().contains("died unexpectedly, with exit status 137"), e.getMessage());
        assertTrue(System.nanoTime() - started < Duration.ofSeconds(20).toNanos());
    }

    @Test
    void aCallerThatGivesUpCancelsTheRemoteCallOnly() throws Exception {
        Tractor.openNursery(an -> {
            Portal worker = an.startActor("worker", ActorOptions.enable(Work.class));
            assertTrue(Timeouts.moveOnAfter(Duration.ofMillis(300), () -> worker.run(Work::busyRecording, 60_000))
                    .isEmpty(), "the caller gave up");
            String end = "none";
            for (int i = 0; i < 250 && end.equals("none"); i++) {
                Sc.sleep(Duration.ofMillis(20));
                end = worker.run(Work::lastBusyEnd);
            }
            assertEquals("cancelled", end, "the remote call was cancelled, not left running");
            assertEquals(25, worker.run(Work::square, 5), "the actor itself goes on serving");
            return null;
        });
    }

    @Test
    void aChildThatDoesNotConnectInTimeIsKilledAndTheSpawnFails() {
        ActorStartFailed e = assertThrows(ActorStartFailed.class, () -> Tractor.openNursery(an ->
                an.startActor("slow", ActorOptions.defaults().withStartTimeout(Duration.ofMillis(1)))));
        assertTrue(e.getMessage().contains("did not connect back within PT0.001S"), e.getMessage());
    }

    @Test
    void aChildStuckInAJdkSleepIsReapedByTheLadder() throws Exception {
        long started = System.nanoTime();
        Tractor.openNursery(an -> {
            Portal worker = an.startActor("stuck", ActorOptions.enable(Work.class));
            // Give up on the call after a second: the child stays stuck in Thread.sleep, which its own
            // cancellation cannot interrupt, so only the ladder's SIGTERM ends it.
            Timeouts.moveOnAfter(Duration.ofSeconds(1), () -> worker.run(Work::sleepInJdk, 600));
            return null;
        });
        assertTrue(System.nanoTime() - started < Duration.ofSeconds(15).toNanos());
    }

    @Test
    void thereIsOneRootPerProcessAndNoActorOutsideOne() throws Exception {
        assertThrows(NoRuntime.class, Tractor::currentActor);
        Tractor.run(() -> {
            Actor me = Tractor.currentActor();
            assertEquals("root", me.name());
            assertTrue(me.isRoot());
            TractorException e = assertThrows(TractorException.class, () -> Tractor.run(() -> 1));
            assertTrue(e.getMessage().contains("already runs"), e.getMessage());
            return null;
        });
        assertThrows(NoRuntime.class, Tractor::currentActor);
    }

    @Test
    void anActorsTransportAndLogLevelAreOptionsThatItsSubtreeInherits() throws Exception {
        Tractor.openNursery(an -> {
            Portal tcp = an.startActor("tcp", ActorOptions.enable(Work.class).withTransport(Transport.TCP)
                    .withLogLevel("DEBUG"));
            assertTrue(tcp.run(Work::address).startsWith("tcp://127.0.0.1:"));
            assertTrue(tcp.run(Work::grandchildAddress).startsWith("tcp://127.0.0.1:"), "inherited");
            assertEquals("debug=true named=true", tcp.run(Work::logSetup));
            Portal plain = an.startActor("plain", ActorOptions.enable(Work.class));
            assertTrue(plain.run(Work::address).startsWith("uds://"));
            assertEquals("debug=false named=true", plain.run(Work::logSetup));
            return null;
        });
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ActorOptions.defaults().withLogLevel("LOUD"));
        assertTrue(e.getMessage().contains("ERROR, WARNING, INFO, DEBUG or TRACE"), e.getMessage());
    }

    @Test
    void theRootsLogLevelReachesItsChildren() throws Exception {
        String before = System.getProperty(ActorLogging.LEVEL_PROPERTY);
        System.setProperty(ActorLogging.LEVEL_PROPERTY, "DEBUG");
        try {
            assertEquals("debug=true named=true",
                    Tractor.openNursery(an -> an.runInActor("logger", Work::logSetup).<String>result()));
        } finally {
            if (before == null) {
                System.clearProperty(ActorLogging.LEVEL_PROPERTY);
            } else {
                System.setProperty(ActorLogging.LEVEL_PROPERTY, before);
            }
        }
        assertEquals("debug=false named=true",
                Tractor.openNursery(an -> an.runInActor("logger", Work::logSetup).<String>result()));
        assertEquals("debug=true named=true", Tractor.openNursery(an -> an.runInActor("logger",
                ActorOptions.defaults().withLogLevel("DEBUG"), Work::logSetup).<String>result()), "options of a one-shot");
    }

    @Test
    void aChildThatCannotStartFailsTheSpawnAndLeavesNothing() {
        ActorStartFailed e = assertThrows(ActorStartFailed.class, () -> Tractor.openNursery(an ->
                an.startActor("broken", ActorOptions.defaults().withJvmOptions("-Xmx1k"))));
        assertTrue(e.getMessage().contains("exited with status"), e.getMessage());
    }
}
