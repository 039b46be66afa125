package dev.tractor.examples;

import dev.tractor.ActorOptions;
import dev.tractor.Context;
import dev.tractor.MsgStream;
import dev.tractor.Portal;
import dev.tractor.Tractor;

/**
 * A conversation with a task in another actor: a <b>context</b> and its two-way stream (Python tractor's
 * {@code open_context}, {@code ctx.started} and {@code ctx.open_stream}).
 *
 * <p>{@link #pong} is a context function: a public static method whose first parameter is a
 * {@link Context}. It runs in the daemon actor {@code ponger}, in a task of its own. It hands the opener a
 * first value with {@code ctx.started(...)}, then opens its side of a stream and answers every number it
 * receives with that number plus one, until the opener closes its side. What it returns is the context's
 * result.
 *
 * <p>The root opens the context with {@code portal.openContext(PingPong::pong, 0, (ctx, first) -> ...)}:
 * the block runs once the remote task has called {@code started}, and {@code first} is what it passed.
 * Inside, the root opens its own side of the stream, plays ten rounds, closes the stream (which ends the
 * remote task's {@code for} loop) and asks for the result with {@code ctx.result()}. {@code openContext}
 * returns only once the remote task has ended, whatever happened in between.
 */
public final class PingPong {
    private PingPong() {
    }

    /**
     * Runs in the ponger: starts with {@code start}, then answers each number with the number plus one
     * until the opener closes its stream, and returns how many it answered.
     */
    public static int pong(Context<Integer> ctx, int start) {
        ctx.started(start);
        int answered = 0;
        try (MsgStream<Integer, Integer> stream = ctx.openStream(Integer.class, Integer.class)) {
            for (int n : stream) { // ends when the opener closes its side
                stream.send(n + 1);
                answered++;
            }
        }
        return answered;
    }

    public static void main(String[] args) throws Exception {
        int answered = Tractor.openNursery(an -> {
            Portal ponger = an.startActor("ponger", ActorOptions.enable(PingPong.class));
            return ponger.openContext(PingPong::pong, 0, (ctx, first) -> {
                System.out.println("ponger started with " + first);
                try (MsgStream<Integer, Integer> stream = ctx.openStream(Integer.class, Integer.class)) {
                    int n = first;
                    for (int round = 1; round <= 10; round++) {
                        stream.send(n);
                        int reply = stream.receive();
                        System.out.println("round " + round + ": ping " + n + " -> pong " + reply);
                        n = reply + 1;
                    }
                } // closing our side ends the ponger's loop
                return ctx.<Integer>result(); // waits for pong to return
            });
        });
        System.out.println("the ponger answered " + answered + " pings");
    }
}
