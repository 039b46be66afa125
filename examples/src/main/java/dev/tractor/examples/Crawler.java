package dev.tractor.examples;

import com.sun.net.httpserver.HttpServer;
import dev.tractor.ActorOptions;
import dev.tractor.Emitter;
import dev.tractor.Portal;
import dev.tractor.Tractor;
import dev.tractor.sc.Nursery;
import dev.tractor.sc.Sc;
import dev.tractor.sc.Timeouts;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A crawler: an actor fetches many pages at once with the JDK's asynchronous {@link HttpClient}, under a
 * timeout that really aborts the requests still in flight, and streams what it fetched to the root.
 *
 * <p>The root serves the pages itself, on a local {@code com.sun.net.httpserver} server: most answer at once,
 * a few never finish their body. In the crawler, one task per page waits for its response with
 * {@code Sc.await(client.sendAsync(...))}, a checkpoint; the batch runs under {@code Timeouts.moveOnAfter}.
 * When the time is up, the tasks still waiting are cancelled, and {@code Sc.await} cancels their futures,
 * which makes the {@code HttpClient} abort those requests: the server sees its connections go. Each fetched
 * page is emitted to the root as it arrives (a one-way stream, {@code openStreamFrom}).
 *
 * <p>Run it with {@code java -cp ... dev.tractor.examples.Crawler}.
 */
public final class Crawler {
    /** Pages that answer at once. */
    static final int FAST_PAGES = 8;
    /** Pages whose body never ends. */
    static final int STUCK_PAGES = 2;

    private Crawler() {
    }

    /**
     * Runs in the crawler: fetches every page of {@code urls} at once, emits {@code "<path> <status> <bytes>"}
     * for each page fetched within {@code batchMillis}, then one line saying how many were given up on.
     */
    public static void crawl(Emitter<String> out, List<String> urls, int batchMillis) throws Exception {
        AtomicInteger fetched = new AtomicInteger();
        try (HttpClient client = HttpClient.newHttpClient()) {
            boolean finished = Timeouts.moveOnAfter(Duration.ofMillis(batchMillis), () -> Nursery.open(n -> {
                for (String url : urls) {
                    n.startSoon("fetch " + url, () -> {
                        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).build();
                        HttpResponse<String> page = Sc.await(client.sendAsync(request, HttpResponse.BodyHandlers.ofString()));
                        fetched.incrementAndGet();
                        out.emit(URI.create(url).getPath() + " " + page.statusCode() + " " + page.body().length());
                    });
                }
            }));
            int givenUp = urls.size() - fetched.get();
            out.emit(finished ? "every page fetched" : "the batch timed out: " + givenUp
                    + " requests cancelled and aborted");
        } // the client's close waits for its exchanges: the aborted ones are over already
    }

    public static void main(String[] args) throws Exception {
        AtomicInteger aborted = new AtomicInteger();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/page/", exchange -> {
            byte[] body = ("<html>" + exchange.getRequestURI().getPath() + "</html>").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.createContext("/stuck/", exchange -> {
            exchange.sendResponseHeaders(200, 0); // a body that never ends
            try (OutputStream out = exchange.getResponseBody()) {
                for (int i = 0; i < 1200; i++) {
                    out.write(' ');
                    out.flush();
                    Thread.sleep(50);
                }
            } catch (IOException hungUp) {
                aborted.incrementAndGet();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        server.start();
        try {
            String base = "http://127.0.0.1:" + server.getAddress().getPort();
            List<String> urls = new ArrayList<>();
            for (int i = 0; i < FAST_PAGES; i++) {
                urls.add(base + "/page/" + i);
            }
            for (int i = 0; i < STUCK_PAGES; i++) {
                urls.add(base + "/stuck/" + i);
            }
            List<String> received = new ArrayList<>();
            Tractor.openNursery(an -> {
                Portal crawler = an.startActor("crawler", ActorOptions.enable(Crawler.class));
                crawler.openStreamFrom(Crawler::crawl, urls, 3000, stream -> {
                    for (String line : stream) {
                        received.add(line);
                    }
                    return null;
                });
                return null;
            });
            List<String> pages = received.stream().filter(l -> l.startsWith("/")).sorted().toList();
            System.out.println("fetched " + pages.size() + " pages:");
            pages.forEach(p -> System.out.println("  " + p));
            System.out.println(received.getLast());
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (aborted.get() < STUCK_PAGES && System.nanoTime() < deadline) {
                Thread.sleep(20); // the server notices at its next write
            }
            System.out.println("the server saw " + aborted.get() + " requests aborted");
        } finally {
            server.stop(0);
        }
    }
}
