package dev.tractor;

import dev.tractor.sc.Sc;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Context and streaming functions that the context tests run in child actors. */
public final class Streaming {
    private Streaming() {
    }

    /** Starts with {@code first}, then answers each value with value + 1 until the opener closes. */
    public static int pingPong(Context<Integer> ctx, int first) {
        ctx.started(first);
        int answered = 0;
        try (MsgStream<Integer, Integer> stream = ctx.openStream(Integer.class, Integer.class)) {
            for (int n : stream) {
                stream.send(n + 1);
                answered++;
            }
        }
        return answered;
    }

    /** Calls started twice. */
    public static int startedTwice(Context<String> ctx) {
        ctx.started("one");
        ctx.started("two");
        return 0;
    }

    /** Opens its stream before started. */
    public static int streamBeforeStarted(Context<String> ctx) {
        ctx.openStream(String.class, String.class);
        return 0;
    }

    /** Returns at once without calling started. */
    public static int neverStarts(Context<String> ctx) {
        return 7;
    }

    /** Starts, then fails (after an optional sleep). */
    public static int failsAfterStarted(Context<String> ctx, int millis) {
        ctx.started("up");
        Sc.sleep(Duration.ofMillis(millis));
        throw new IllegalStateException("the remote task failed on purpose");
    }

    /** Starts, then streams {@code count} ints, then returns the count. */
    public static int streamInts(Context<Void> ctx, int count) {
        ctx.started(null);
        try (MsgStream<Void, Integer> stream = ctx.openStream(Void.class, Integer.class)) {
            for (int i = 0; i < count; i++) {
                stream.send(i);
            }
        }
        return count;
    }

    /** Starts, then sleeps until cancelled; writes to {@code marker} (if given) in its finally block. */
    public static int sleepsForever(Context<String> ctx, String marker) throws IOException {
        ctx.started("sleeping");
        try {
            Sc.sleepForever();
            return 0;
        } finally {
            if (!marker.isEmpty()) {
                Files.writeString(Path.of(marker), "finally ran");
            }
        }
    }

    /** Cancels its own task before calling started. */
    public static int cancelsItself(Context<String> ctx) {
        ctx.cancel();
        Sc.sleep(Duration.ofSeconds(30)); // the cancellation ends it here
        ctx.started("never");
        return 0;
    }

    /** Starts, opens its stream and reads nothing for a long while. */
    public static int readsNothing(Context<Void> ctx, int millis) {
        ctx.started(null);
        try (MsgStream<Integer, Integer> stream = ctx.openStream(Integer.class, Integer.class)) {
            Sc.sleep(Duration.ofMillis(millis));
            return 0;
        }
    }

    /** Starts, opens its stream allowing overruns, waits, then reads everything and returns it. */
    public static List<Integer> readsLate(Context<Void> ctx, int millis) {
        ctx.started(null);
        List<Integer> got = new ArrayList<>();
        try (MsgStream<Integer, Integer> stream = ctx.openStream(Integer.class, Integer.class, Overruns.ALLOW)) {
            Sc.sleep(Duration.ofMillis(millis));
            for (int n : stream) {
                got.add(n);
            }
        }
        return got;
    }

    /** Starts with a value that is not what its declared type says (the opener expects an Integer). */
    @SuppressWarnings("unchecked")
    public static int startsWithAString(Context<Integer> ctx) {
        ((Context<Object>) (Context<?>) ctx).started("not a number");
        Sc.sleep(Duration.ofSeconds(30));
        return 0;
    }

    /** Streams strings where the opener reads ints: the opener's stream fails the context. */
    public static int streamsStrings(Context<Void> ctx) {
        ctx.started(null);
        try (MsgStream<Integer, String> stream = ctx.openStream(Integer.class, String.class)) {
            stream.send("not a number");
            for (int ignored : stream) {
                // until the opener gives up
            }
        }
        return 0;
    }

    /** Emits 0, 1, 2, ... {@code count - 1}; with a huge count, until cancelled. */
    public static void counter(Emitter<Integer> out, int count) {
        for (int i = 0; i < count; i++) {
            out.emit(i);
        }
    }
}
