package dev.tractor.examples;

import dev.tractor.ActorOptions;
import dev.tractor.Context;
import dev.tractor.MsgStream;
import dev.tractor.Portal;
import dev.tractor.Tractor;
import dev.tractor.sc.EndOfChannel;
import dev.tractor.sc.ForeignChannel;
import dev.tractor.sc.ForeignEnd;
import dev.tractor.sc.ForeignTask;
import dev.tractor.sc.Nursery;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Foreign asynchronous code under structured concurrency: an actor runs a price ticker on an event loop of its
 * own (a single-thread scheduler, standing in for a Netty or Vert.x loop) and talks to it over a
 * {@link ForeignChannel}: commands go in, ticks come out, and the root sees them through a context's stream.
 *
 * <p>The ticker never blocks its loop: it answers commands as continuations of {@code end.receive()}, sends
 * each tick with {@code end.trySend} and drops the ticks that find the channel full (market data that the
 * reader cannot keep up with is stale anyway). When the root closes its stream, the actor closes its end of
 * the channel; the ticker sees {@link EndOfChannel}, stops its ticks and closes its own end; the actor's
 * context returns. The loop itself was tied to the actor with {@link Tractor#closeWithActor}: it is shut down
 * after the actor's tasks, however the actor ends.
 *
 * <p>Run it with {@code java -cp ... dev.tractor.examples.ForeignLoop}.
 */
public final class ForeignLoop {
    /** How many ticks the root reads before it is done. */
    static final int TICKS = 5;

    private ForeignLoop() {
    }

    /**
     * Runs in the ticker actor: starts the event loop's ticker, relays the root's commands to it and its ticks
     * to the root; returns how the ticker ended.
     */
    public static String ticker(Context<String> ctx) throws Exception {
        ScheduledExecutorService loop = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "ticker-loop"));
        Tractor.closeWithActor(() -> {
            loop.shutdownNow();
            loop.awaitTermination(5, TimeUnit.SECONDS);
            System.out.println("ticker actor: its event loop is closed");
        });
        return ForeignChannel.open(startTicker(loop), (channel, first) -> {
            ctx.started(first);
            try (MsgStream<String, String> stream = ctx.openStream(String.class, String.class)) {
                Nursery.open(n -> {
                    n.startSoon("commands", () -> {
                        for (String command : stream) {
                            channel.send(command);
                        }
                        channel.close(); // the root is done: the ticker gets EndOfChannel
                    });
                    for (String tick : channel) {
                        stream.send(tick);
                    }
                });
            }
            return "the ticker stopped after the commands ended";
        });
    }

    /** The foreign side: everything runs on {@code loop}, nothing waits. */
    private static ForeignTask<String, String> startTicker(ScheduledExecutorService loop) {
        return end -> {
            CompletableFuture<Void> done = new CompletableFuture<>();
            List<String> symbols = new ArrayList<>(); // touched on the loop only
            int[] price = {100};
            ScheduledFuture<?> ticks = loop.scheduleAtFixedRate(() -> {
                for (String symbol : symbols) {
                    end.trySend(symbol + " " + price[0]++); // a full channel drops the tick
                }
            }, 10, 10, TimeUnit.MILLISECONDS);
            loop.execute(() -> {
                end.started("ticker ready");
                listen(end, loop, symbols, () -> {
                    ticks.cancel(false);
                    end.close();
                    done.complete(null);
                });
            });
            return done;
        };
    }

    /** Handles the next command on the loop, then listens again; {@code stop} at the end of the commands. */
    private static void listen(ForeignEnd<String, String> end, ScheduledExecutorService loop, List<String> symbols,
                               Runnable stop) {
        end.receive().whenCompleteAsync((command, failure) -> {
            if (failure != null) { // EndOfChannel, or StructuredTaskExited if the actor's side left early
                Throwable why = failure instanceof CompletionException c ? c.getCause() : failure;
                System.out.println("ticker loop: " + why.getClass().getSimpleName() + ", stopping");
                stop.run();
                return;
            }
            if (command.startsWith("subscribe ")) {
                symbols.add(command.substring("subscribe ".length()));
            }
            listen(end, loop, symbols, stop);
        }, loop);
    }

    public static void main(String[] args) throws Exception {
        String outcome = Tractor.openNursery(an -> {
            Portal ticker = an.startActor("ticker", ActorOptions.enable(ForeignLoop.class));
            String result = ticker.openContext(ForeignLoop::ticker, (ctx, first) -> {
                System.out.println(first);
                try (MsgStream<String, String> stream = ctx.openStream(String.class, String.class)) {
                    stream.send("subscribe ACME");
                    for (int i = 0; i < TICKS; i++) {
                        System.out.println("tick: " + stream.receive().replaceAll("[0-9]+", "<price>"));
                    }
                } // closing the stream tells the actor that the root is done
                return ctx.<String>result();
            });
            ticker.cancelActor();
            return result;
        });
        System.out.println(outcome);
    }
}
