package dev.tractor.sc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * {@link Sc#runAsync}: structured work started from foreign code (a plain thread here) as a future that
 * completes only once the work and everything it started have ended, and whose cancel cancels the work.
 */
class RunAsyncTest {

    @Test
    void itsFutureHasTheBodysValueOrItsRealFailure() throws Exception {
        assertEquals(42, Sc.runAsync(() -> {
            Sc.sleep(Duration.ofMillis(10));
            return 42;
        }).get(10, TimeUnit.SECONDS));
        assertNull(Sc.runAsync(() -> null).get(10, TimeUnit.SECONDS), "a body may return null");
        IOException io = new IOException("no disk");
        ExecutionException e = assertThrows(ExecutionException.class, () -> Sc.runAsync(() -> {
            throw io;
        }).get(10, TimeUnit.SECONDS));
        assertSame(io, e.getCause());
    }

    @Test
    void itCompletesOnlyOnceEveryTaskTheWorkStartedHasEnded() throws Exception {
        AtomicBoolean childEnded = new AtomicBoolean();
        CompletableFuture<String> f = Sc.runAsync(() -> {
            Nursery.open(n -> n.startSoon("slow child", () -> {
                Sc.sleep(Duration.ofMillis(200));
                childEnded.set(true);
            }));
            return "done";
        });
        assertEquals("done", f.get(10, TimeUnit.SECONDS));
        assertTrue(childEnded.get());
    }

    @Test
    void cancelCancelsTheWorkAndTheFutureCompletesOnlyAfterItsFinallyBlocks() throws Exception {
        CountDownLatch running = new CountDownLatch(1);
        AtomicBoolean cleanedUp = new AtomicBoolean();
        CompletableFuture<String> f = Sc.runAsync(() -> {
            Nursery.open(n -> n.startSoon("forever", () -> {
                try {
                    running.countDown();
                    Sc.sleepForever();
                } finally {
                    new CancelScope().shield(true).run(() -> Sc.sleep(Duration.ofMillis(200))); // slow cleanup
                    cleanedUp.set(true);
                }
            }));
            return "unreachable";
        });
        assertTrue(running.await(10, TimeUnit.SECONDS));
        CompletableFuture<Boolean> cleanedWhenDone = f.handle((v, e) -> cleanedUp.get());
        assertTrue(f.cancel(true), "the cancellation was asked for");
        assertFalse(f.cancel(true), "only once");
        assertThrows(CancellationException.class, () -> f.get(10, TimeUnit.SECONDS));
        assertTrue(f.isCancelled());
        assertTrue(cleanedWhenDone.get(10, TimeUnit.SECONDS), "the future completed after the cleanup, not before");
    }

    @Test
    void aTimeoutOnTheFutureCancelsTheWorkToo() throws Exception {
        AtomicBoolean cleanedUp = new AtomicBoolean();
        CompletableFuture<String> f = Sc.runAsync(() -> {
            try {
                Sc.sleepForever();
            } finally {
                cleanedUp.set(true);
            }
            return "unreachable";
        }).orTimeout(100, TimeUnit.MILLISECONDS);
        ExecutionException e = assertThrows(ExecutionException.class, () -> f.get(10, TimeUnit.SECONDS));
        assertInstanceOf(TimeoutException.class, e.getCause());
        assertTrue(cleanedUp.get(), "the work ended before its future did");
    }

    @Test
    void aCancelledAwaitingTaskCancelsTheRunItWaitsFor() throws Exception {
        AtomicBoolean innerCleanedUp = new AtomicBoolean();
        CompletableFuture<?>[] inner = new CompletableFuture<?>[1];
        Sc.run(() -> {
            CompletableFuture<String> f = Sc.runAsync(() -> {
                try {
                    Sc.sleepForever();
                } finally {
                    innerCleanedUp.set(true);
                }
                return "unreachable";
            });
            inner[0] = f;
            Optional<String> got = Timeouts.moveOnAfter(Duration.ofMillis(100), () -> Sc.await(f));
            assertEquals(Optional.empty(), got);
            assertTrue(innerCleanedUp.get(), "the inner run ended while the awaiting task settled");
        });
        assertTrue(inner[0].isCancelled());
    }
}
