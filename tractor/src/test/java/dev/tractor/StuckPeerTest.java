package dev.tractor;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tractor.sc.Sc;
import dev.tractor.sc.Timeouts;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A child actor that stops reading (stopped with SIGSTOP, as a debugger's suspend-all stops it) while its
 * parent streams to it: the parent's sends wait for room, and that wait must be cancellable; the actor
 * nursery's ladder must end such a child on time although its connection is full.
 */
class StuckPeerTest {
    private static final Duration DEADLINE = Duration.ofSeconds(2);

    @AfterEach
    void noProcessOutlivesTheTest() throws InterruptedException {
        Processes.assertNoDescendantsWithin(Duration.ofSeconds(10));
    }

    private static void signal(String sig, long pid) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + sig, String.valueOf(pid)).inheritIO().start();
            assertTrue(kill.waitFor(10, TimeUnit.SECONDS) && kill.exitValue() == 0, "kill -" + sig + " " + pid);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void sendsToAStoppedChildEndAtTheirDeadlineAndTheLadderKillsIt() throws Exception {
        AtomicLong pid = new AtomicLong(-1);
        AtomicLong sent = new AtomicLong();
        AtomicBoolean stopped = new AtomicBoolean();
        AtomicBoolean stillStoppedAfterTheDeadline = new AtomicBoolean();
        AtomicBoolean endedWhileStopped = new AtomicBoolean();
        long[] movedOnAfterMillis = new long[1];
        try {
            Tractor.openNursery(an -> {
                Portal p = an.startActor("frozen", ActorOptions.enable(Streaming.class));
                pid.set(p.pid());
                long[] start = new long[1];
                boolean finished = Timeouts.moveOnAfter(DEADLINE.multipliedBy(3), () -> {
                    p.openContext(Streaming::readsNothing, 600_000, (ctx, first) -> {
                        try (MsgStream<Integer, byte[]> stream = ctx.openStream(Integer.class, byte[].class)) {
                            signal("STOP", p.pid());
                            stopped.set(true);
                            start[0] = System.nanoTime();
                            java.util.Optional<Object> streamed = Timeouts.moveOnAfter(DEADLINE, () -> {
                                for (;;) {
                                    stream.send(new byte[8192]); // the connection fills: then the send waits
                                    sent.incrementAndGet();
                                }
                            });
                            movedOnAfterMillis[0] = (System.nanoTime() - start[0]) / 1_000_000;
                            assertTrue(streamed.isEmpty());
                            stillStoppedAfterTheDeadline.set(stopped.get());
                            Sc.sleepForever(); // the outer deadline ends the context (its Stop would wait too)
                        }
                        return null;
                    });
                });
                assertFalse(finished);
                return null; // the body ends: the nursery's ladder must end the child, which reads nothing
            });
            endedWhileStopped.set(Processes.exitsWithin(pid.get(), Duration.ofSeconds(5))); // before any CONT
        } finally {
            if (pid.get() > 0 && ProcessHandle.of(pid.get()).map(ProcessHandle::isAlive).orElse(false)) {
                signal("CONT", pid.get());
            }
            stopped.set(false);
        }
        // At least the outbox's 4 MiB bound went out of the sender's hands (what the kernel took on top of it
        // depends on how much time the writer got on a loaded machine): the sends stopped because the
        // connection was full, not because the deadline came first.
        assertTrue(sent.get() * 8192 >= 4L * 1024 * 1024, "the connection filled: " + sent.get() + " frames sent");
        assertTrue(stillStoppedAfterTheDeadline.get(), "the sends ended while the child was still stopped");
        assertTrue(movedOnAfterMillis[0] >= DEADLINE.toMillis() && movedOnAfterMillis[0] < DEADLINE.toMillis() + 4_000,
                "the sends ended at their deadline: " + movedOnAfterMillis[0] + " ms");
        assertTrue(endedWhileStopped.get(), "the ladder ended the stopped child (it was never resumed)");
    }
}
