package dev.tractor;

import dev.tractor.sc.EndOfChannel;
import dev.tractor.sc.ForeignChannel;
import dev.tractor.sc.ForeignEnd;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Runs in a child actor (issue 15, the port of Python tractor's infected-asyncio echo server): a context that
 * relays its stream through a foreign echo task, on a single-thread executor tied to the actor
 * ({@link Tractor#closeWithActor}). Appends to a marker file what the foreign side saw and when the executor
 * was closed.
 */
public final class ForeignEcho {
    /** Ends the echo: the foreign task echoes it, closes its end and returns. */
    public static final int STOP = -1;

    private ForeignEcho() {
    }

    /** The echo server: started value "start", then each stream value goes to the foreign task and back. */
    public static int echoServer(Context<String> ctx, String marker) throws Exception {
        ExecutorService loop = Executors.newSingleThreadExecutor(r -> new Thread(r, "foreign-echo-loop"));
        Tractor.closeWithActor(() -> {
            loop.shutdownNow();
            if (!loop.awaitTermination(5, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the foreign loop did not end");
            }
            append(marker, "executor closed");
        });
        return ForeignChannel.<Integer, Integer, Integer>open(
                end -> CompletableFuture.runAsync(() -> echo(end, marker), loop),
                (channel, first) -> {
                    ctx.started("start");
                    int echoed = 0;
                    try (MsgStream<Integer, Integer> stream = ctx.openStream(Integer.class, Integer.class)) {
                        for (int msg : stream) {
                            channel.send(msg);
                            int out = channel.receive();
                            stream.send(out);
                            echoed++;
                            if (out == STOP) {
                                try {
                                    channel.receive();
                                    throw new IllegalStateException("the foreign echo went on after STOP");
                                } catch (EndOfChannel end) {
                                    break;
                                }
                            }
                        }
                    }
                    return echoed;
                });
    }

    /** The foreign task: echoes until STOP; notes how it ended. */
    private static void echo(ForeignEnd<Integer, Integer> end, String marker) {
        end.started(0);
        try {
            for (;;) {
                int msg = end.receive().join();
                end.send(msg).join();
                if (msg == STOP) {
                    end.close();
                    append(marker, "foreign stopped");
                    return;
                }
            }
        } catch (CompletionException e) {
            append(marker, "foreign saw " + e.getCause().getClass().getSimpleName());
            throw e;
        }
    }

    static void append(String marker, String line) {
        try {
            Files.writeString(Path.of(marker), line + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
