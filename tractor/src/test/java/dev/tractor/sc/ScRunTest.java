package dev.tractor.sc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ScRunTest {

    @Test
    void returnsTheBodysValue() throws Exception {
        assertEquals("done", Sc.run(() -> "done"));
        assertNull(Sc.run(() -> null));
    }

    @Test
    void raisesTheBodysCheckedFailureAsItself() {
        IOException e = assertThrows(IOException.class, () -> Sc.run(() -> {
            throw new IOException("no such file");
        }));
        assertEquals("no such file", e.getMessage());
    }

    @Test
    void theBodyRunsOnAVirtualThreadTask() throws Exception {
        assertTrue(Sc.run(() -> Thread.currentThread().isVirtual()));
        assertEquals("sc-root", Sc.run(Sc::currentTaskName));
    }

    @Test
    void nestedRunIsRefused() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Sc.run(() -> Sc.run(() -> 1)));
        assertTrue(e.getMessage().contains("open a Nursery"), e.getMessage());
    }

    @Test
    void checkpointsOutsideARunAreAClearError() {
        IllegalStateException e = assertThrows(IllegalStateException.class, Sc::checkpoint);
        assertTrue(e.getMessage().startsWith("Sc.checkpoint must be called from a task inside Sc.run"), e.getMessage());
        assertTrue(e.getMessage().contains("Tractor.run(...)"), "the fix in an actor program: " + e.getMessage());
        IllegalStateException timeout = assertThrows(IllegalStateException.class,
                () -> Timeouts.moveOnAfter(Duration.ofSeconds(1), () -> { }));
        assertTrue(timeout.getMessage().contains("Sc.run(...)") && timeout.getMessage().contains("Tractor.run(...)"),
                timeout.getMessage());
        assertThrows(IllegalStateException.class, () -> Sc.sleep(Duration.ofMillis(1)));
        assertThrows(IllegalStateException.class, Sc::now);
        MemoryChannel<String> ch = MemoryChannel.open(1);
        assertThrows(IllegalStateException.class, () -> ch.sender().send("x"));
    }

    @Test
    void sleepSleepsOnTheRunClock() throws Exception {
        long slept = Sc.run(() -> {
            long start = Sc.now();
            Sc.sleep(Duration.ofMillis(20));
            return Sc.now() - start;
        });
        assertTrue(slept >= Duration.ofMillis(20).toNanos(), "slept " + slept + " ns");
    }

    @Test
    void sleepOfZeroIsStillACheckpoint() throws Exception {
        Sc.run(() -> {
            CancelScope scope = new CancelScope();
            scope.run(() -> {
                scope.cancel();
                Sc.sleep(Duration.ZERO);
            });
            assertTrue(scope.cancelledCaught());
        });
    }

    @Test
    void noThreadOfARunOutlivesIt() throws Exception {
        java.util.List<Thread> threads = new java.util.concurrent.CopyOnWriteArrayList<>();
        Sc.run(() -> Nursery.open(n -> {
            for (int i = 0; i < 50; i++) {
                n.startSoon(() -> {
                    threads.add(Thread.currentThread());
                    Sc.sleep(Duration.ofMillis(1));
                });
            }
        }));
        for (Thread t : threads) {
            t.join(5_000);
            assertEquals(Thread.State.TERMINATED, t.getState(), t + " outlived the run");
        }
        assertEquals(50, threads.size());
    }
}
