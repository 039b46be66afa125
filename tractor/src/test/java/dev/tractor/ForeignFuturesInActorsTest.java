package dev.tractor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tractor.sc.ForeignCancelled;
import dev.tractor.sc.Nursery;
import dev.tractor.sc.Sc;
import dev.tractor.sc.Timeouts;
import java.io.FileNotFoundException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link Sc#await} in a remote actor (issue 15): a foreign future's failure reaches the parent as a
 * {@link RemoteActorError} of the foreign exception's own type, a foreign cancel as {@link ForeignCancelled},
 * and the parent's cancellation of the call reaches the future in the child.
 */
class ForeignFuturesInActorsTest {

    /** Runs in the child. */
    public static final class Foreign {
        private Foreign() {
        }

        /** Awaits a future that another thread fails with a checked exception. */
        public static String failsAsync(String why) throws Exception {
            CompletableFuture<String> f = new CompletableFuture<>();
            Thread.ofPlatform().start(() -> f.completeExceptionally(new FileNotFoundException(why)));
            return Sc.await(f);
        }

        /** Awaits a future that another thread cancels: the foreign side gives up. */
        public static String cancelledAsync() throws Exception {
            CompletableFuture<String> f = new CompletableFuture<>();
            Thread.ofPlatform().start(() -> f.cancel(false));
            return Sc.await(f);
        }

        private static final java.util.concurrent.atomic.AtomicInteger AWAITING = new java.util.concurrent.atomic.AtomicInteger();

        /** How many tasks have started awaiting a future that never completes. */
        public static int awaiting() {
            return AWAITING.get();
        }

        /** Awaits a future that never completes; writes {@code marker} when the future is cancelled. */
        public static String awaitsForever(String marker) throws Exception {
            AWAITING.incrementAndGet();
            CompletableFuture<String> f = new CompletableFuture<>();
            f.whenComplete((value, failure) -> {
                if (f.isCancelled()) {
                    try {
                        Files.writeString(Path.of(marker), "cancelled");
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }
            });
            return Sc.await(f);
        }
    }

    @AfterEach
    void noProcessOutlivesTheTest() throws InterruptedException {
        Processes.assertNoDescendantsWithin(Duration.ofSeconds(10));
    }

    @Test
    void foreignFailuresAndCancelsCrossToTheParentAndItsCancelReachesTheFuture(@TempDir Path dir) throws Exception {
        Path marker = dir.resolve("cancelled");
        Tractor.openNursery(an -> {
            Portal p = an.startActor("foreign", ActorOptions.enable(Foreign.class));

            RemoteActorError failed = assertThrows(RemoteActorError.class, () -> p.run(Foreign::failsAsync, "gone.txt"));
            assertEquals(FileNotFoundException.class.getName(), failed.remoteType(), failed.toString());
            assertEquals("gone.txt", failed.remoteMessage());

            RemoteActorError cancelled = assertThrows(RemoteActorError.class, () -> p.run(Foreign::cancelledAsync));
            assertEquals(ForeignCancelled.class.getName(), cancelled.remoteType(), cancelled.toString());

            boolean finished = Timeouts.moveOnAfter(Duration.ofMillis(500),
                    () -> p.run(Foreign::awaitsForever, marker.toString())).isPresent();
            assertFalse(finished, "the deadline ended the call");
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (!Files.exists(marker) && System.nanoTime() < deadline) {
                Sc.sleep(Duration.ofMillis(20));
            }
            assertTrue(Files.exists(marker), "the parent's cancel reached the future in the child");
            assertEquals("gone.txt", assertThrows(RemoteActorError.class,
                    () -> p.run(Foreign::failsAsync, "gone.txt")).remoteMessage(), "the actor still serves");
            return null;
        });
    }

    @Test
    void cancellingTheActorCancelsTheFutureItsTaskAwaits(@TempDir Path dir) throws Exception {
        // Python tractor's test_tractor_cancels_aio: the portal cancels the whole remote runtime.
        Path marker = dir.resolve("cancelled");
        Tractor.openNursery(an -> {
            Portal p = an.startActor("foreign", ActorOptions.enable(Foreign.class));
            Nursery.open(n -> {
                n.startSoon(() -> assertThrows(TractorException.class,
                        () -> p.run(Foreign::awaitsForever, marker.toString())));
                long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
                while (p.run(Foreign::awaiting) == 0 && System.nanoTime() < deadline) {
                    Sc.sleep(Duration.ofMillis(20)); // until the child's task waits for its future
                }
                assertTrue(p.cancelActor());
            });
            return null;
        });
        assertTrue(Files.exists(marker), "the actor's cancel reached the future its task awaited");
    }
}
