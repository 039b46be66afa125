package dev.tractor.sc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link Sc#await}: a future's value, its real failure, a cancellation by its other side, and a cancellation
 * of the waiting task that reaches the future (for the JDK's HttpClient: the request is aborted, which a
 * local server sees).
 */
class AwaitTest {

    @Test
    void aCompletedFutureGivesItsValueAndIsStillACheckpoint() throws Exception {
        Sc.run(() -> {
            assertEquals("done", Sc.await(CompletableFuture.completedFuture("done")));
            CancelScope scope = new CancelScope();
            scope.run(() -> {
                scope.cancel();
                Sc.await(CompletableFuture.completedFuture("never seen"));
                throw new AssertionError("a cancelled task must not get past the checkpoint");
            });
            assertTrue(scope.cancelledCaught());
        });
    }

    @Test
    void aFutureCompletedFromAnotherThreadWakesTheTask() throws Exception {
        Sc.run(() -> {
            CompletableFuture<Integer> f = new CompletableFuture<>();
            Thread.ofPlatform().start(() -> {
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    return;
                }
                f.complete(42);
            });
            assertEquals(42, Sc.await(f));
        });
    }

    @Test
    void aFailedFutureRaisesItsRealCauseNotAWrapper() throws Exception {
        Sc.run(() -> {
            IOException io = new IOException("disk on fire");
            IOException got = assertThrows(IOException.class, () -> Sc.await(CompletableFuture.failedFuture(io)));
            assertSame(io, got);
            // Through a dependent stage the JDK wraps it in a CompletionException: still the cause itself
            CompletableFuture<String> source = new CompletableFuture<>();
            CompletableFuture<Integer> dependent = source.thenApply(String::length);
            source.completeExceptionally(io);
            assertSame(io, assertThrows(IOException.class, () -> Sc.await(dependent)));
            IllegalStateException boom = new IllegalStateException("boom");
            assertSame(boom, assertThrows(IllegalStateException.class,
                    () -> Sc.await(CompletableFuture.supplyAsync(() -> {
                        throw boom;
                    }))));
        });
    }

    @Test
    void aFutureCancelledByItsOtherSideRaisesForeignCancelled() throws Exception {
        Sc.run(() -> {
            CompletableFuture<String> f = new CompletableFuture<>();
            Thread.ofPlatform().start(() -> f.cancel(false));
            ForeignCancelled e = assertThrows(ForeignCancelled.class, () -> Sc.await(f));
            assertInstanceOf(CancellationException.class, e.getCause());
            // A stage whose source was cancelled: the same, not a Cancelled of ours
            CompletableFuture<String> source = new CompletableFuture<>();
            CompletableFuture<String> dependent = source.thenApply(s -> s + "!");
            source.cancel(false);
            assertThrows(ForeignCancelled.class, () -> Sc.await(dependent));
        });
    }

    @Test
    void cancellingTheWaitingTaskCancelsTheFuture() throws Exception {
        AtomicReference<CompletableFuture<String>> future = new AtomicReference<>();
        Sc.run(() -> {
            CompletableFuture<String> f = new CompletableFuture<>();
            future.set(f);
            Optional<String> got = Timeouts.moveOnAfter(Duration.ofMillis(50), () -> Sc.await(f));
            assertEquals(Optional.empty(), got, "the deadline ended the wait");
        });
        assertTrue(future.get().isCancelled(), "the future was cancelled with the task");
    }

    @Test
    void aStageThatIsNoFutureIsCancelledThroughItsView() throws Exception {
        CompletableFuture<String> source = new CompletableFuture<>();
        CompletionStage<String> minimal = source.minimalCompletionStage();
        Sc.run(() -> {
            assertFalse(Timeouts.moveOnAfter(Duration.ofMillis(50), () -> Sc.await(minimal)).isPresent());
        });
        // minimalCompletionStage's view is a copy: the source itself cannot be reached through it
        assertFalse(source.isDone());
        source.complete("later");
        Sc.run(() -> assertEquals("later", Sc.await(minimal)));
    }

    @Test
    void outsideARunItSaysSo() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Sc.await(CompletableFuture.completedFuture(1)));
        assertTrue(e.getMessage().contains("Sc.await"), e.getMessage());
    }

    @Test
    @Timeout(30)
    void aTimeoutAroundAnHttpClientRequestAbortsTheRequest() throws Exception {
        CountDownLatch requested = new CountDownLatch(1);
        CountDownLatch aborted = new CountDownLatch(1);
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/never", exchange -> {
            // Answers with headers, then a body that never ends: a write fails once the client has hung up
            exchange.sendResponseHeaders(200, 0);
            requested.countDown();
            try (OutputStream body = exchange.getResponseBody()) {
                for (int i = 0; i < 600; i++) {
                    body.write('.');
                    body.flush();
                    Thread.sleep(50);
                }
            } catch (IOException hungUp) {
                aborted.countDown();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        server.start();
        ExecutorService clientThreads = Executors.newCachedThreadPool();
        try (HttpClient client = HttpClient.newBuilder().executor(clientThreads).build()) {
            URI uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/never");
            AtomicReference<CompletableFuture<HttpResponse<String>>> response = new AtomicReference<>(null);
            Sc.run(() -> {
                response.set(client.sendAsync(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString()));
                boolean finished = Timeouts.moveOnAfter(Duration.ofSeconds(30), () -> {
                    Sc.interruptible(() -> requested.await()); // the server has the request
                    Timeouts.moveOnAfter(Duration.ofMillis(200), () -> Sc.await(response.get()));
                });
                assertTrue(finished);
            });
            // HttpClient's future completes exceptionally when cancelled (not isCancelled): what counts is the abort
            assertTrue(response.get().isCompletedExceptionally(), () -> "the response: " + response.get());
            assertTrue(aborted.await(20, TimeUnit.SECONDS), "the server saw the request aborted");
        } finally {
            server.stop(0);
        }
        // Nothing of the foreign side is left: the client's close waited for its exchanges and its selector
        // thread; the threads it ran its work on end once idle work is refused.
        clientThreads.shutdown();
        assertTrue(clientThreads.awaitTermination(10, TimeUnit.SECONDS), "the HttpClient's work is still running");
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().startsWith("HttpClient-")) {
                t.join(10_000);
                assertFalse(t.isAlive(), "an HttpClient thread is left: " + t);
            }
        }
    }
}
