package dev.tractor;

import dev.tractor.ipc.Address;
import dev.tractor.sc.CancelScope;
import dev.tractor.sc.Sc;
import dev.tractor.internal.context.ContextImpl;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

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

    private static final AtomicInteger IDLE_READERS = new AtomicInteger();

    /** Starts, opens its stream and reads nothing for a long while; counted in {@link #idleReaders()}. */
    public static int readsNothing(Context<Void> ctx, int millis) {
        IDLE_READERS.incrementAndGet();
        try {
            ctx.started(null);
            try (MsgStream<Integer, Integer> stream = ctx.openStream(Integer.class, Integer.class)) {
                Sc.sleep(Duration.ofMillis(millis));
                return 0;
            }
        } finally {
            IDLE_READERS.decrementAndGet();
        }
    }

    /** How many {@link #readsNothing} tasks run in this actor. */
    public static int idleReaders() {
        return IDLE_READERS.get();
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

    // ---- several actors ----------------------------------------------------------------------------

    private static final AtomicInteger SLEEPERS = new AtomicInteger();

    /** Where this actor listens. */
    public static String where() {
        return Tractor.currentActor().address().toString();
    }

    /** Starts, then sleeps until cancelled; counted in {@link #sleepers()} meanwhile. */
    public static int sleeper(Context<String> ctx) {
        SLEEPERS.incrementAndGet();
        try {
            ctx.started("asleep");
            Sc.sleepForever();
            return 0;
        } finally {
            SLEEPERS.decrementAndGet();
        }
    }

    /** How many {@link #sleeper} tasks run in this actor. */
    public static int sleepers() {
        return SLEEPERS.get();
    }

    /** Connects to the actor at {@code address}, opens a sleeper there, and says how its context ended. */
    public static String openAndWait(String address) {
        return Tractor.connect(Address.parse(address), portal -> {
            try {
                portal.openContext(Streaming::sleeper, (ctx, first) -> ctx.result());
                return "ended without an error";
            } catch (ContextCancelled e) {
                return "ContextCancelled by " + e.canceller().map(Object::toString).orElse("nobody");
            }
        });
    }

    /**
     * Connects to the actor at {@code address}, opens a sleeper there, waits until {@code count} sleepers
     * run there, and cancels that actor.
     */
    public static String openAndCancel(String address, int count) {
        return Tractor.connect(Address.parse(address), portal -> portal.openContext(Streaming::sleeper,
                (ctx, first) -> {
                    while (portal.run(Streaming::sleepers) < count) {
                        Sc.sleep(Duration.ofMillis(10));
                    }
                    boolean acked = portal.cancelActor();
                    ctx.result();
                    return "cancelled it (acknowledged: " + acked + "); own context ended quietly";
                }));
    }

    /**
     * Starts, streams {@code count} ints, then closes the connection to its opener under the stream and
     * reports (in {@code report}) what the stream did next.
     */
    public static int streamsThenBreaks(Context<Void> ctx, int count, String report) throws IOException {
        ctx.started(null);
        try (MsgStream<Integer, Integer> stream = ctx.openStream(Integer.class, Integer.class)) {
            for (int i = 0; i < count; i++) {
                stream.send(i);
            }
            Sc.sleep(Duration.ofMillis(200)); // the values are read
            ((ContextImpl<?>) ctx).peer().channel().close(); // the connection dies under the context, which cancels this task
            try {
                // Shielded: what the stream itself does next is reported, not the task's cancellation.
                new CancelScope().shield(true).call(stream::receive);
                Files.writeString(Path.of(report), "the stream went on");
            } catch (RuntimeException e) {
                Files.writeString(Path.of(report), describe(e));
            }
        }
        return count;
    }

    /** Connects to {@code address}, reads {@link #streamsThenBreaks} and says how its stream ended. */
    public static String readUntilBroken(String address, int count, String report) {
        return Tractor.connect(Address.parse(address), portal -> {
            int[] read = new int[1];
            try {
                portal.openContext(Streaming::streamsThenBreaks, count, report, (ctx, first) -> {
                    try (MsgStream<Integer, Integer> s = ctx.openStream(Integer.class, Integer.class)) {
                        for (int v : s) {
                            read[0]++;
                        }
                    }
                    return null;
                });
                return "no error after " + read[0] + " values";
            } catch (RuntimeException e) {
                return describe(e) + " after " + read[0] + " values";
            }
        });
    }

    private static String describe(Throwable e) {
        Throwable cause = e.getCause();
        return e.getClass().getSimpleName() + " caused by "
                + (cause == null ? "nothing" : cause.getClass().getSimpleName());
    }

    /** Streams {@code count} ints starting at {@code from}, then returns their sum. */
    public static long streamRange(Context<Void> ctx, int from, int count) {
        ctx.started(null);
        long sum = 0;
        try (MsgStream<Void, Integer> stream = ctx.openStream(Void.class, Integer.class)) {
            for (int i = from; i < from + count; i++) {
                stream.send(i);
                sum += i;
            }
        }
        return sum;
    }

    /**
     * The aggregator of the quadruple: starts two streamers of its own, merges their streams and passes
     * every value on to its opener; returns how many it passed on.
     */
    public static int aggregate(Context<Void> ctx, int each) throws Exception {
        ctx.started(null);
        return Tractor.openNursery(an -> {
            Portal a = an.startActor("streamer-a", ActorOptions.enable(Streaming.class));
            Portal b = an.startActor("streamer-b", ActorOptions.enable(Streaming.class));
            try (MsgStream<Void, Integer> out = ctx.openStream(Void.class, Integer.class)) {
                AtomicInteger passed = new AtomicInteger();
                dev.tractor.sc.Nursery.open(n -> {
                    for (Object[] job : List.of(new Object[] {a, 0}, new Object[] {b, each})) {
                        Portal p = (Portal) job[0];
                        int from = (Integer) job[1];
                        n.startSoon("relay " + p.name(), () -> p.openContext(Streaming::streamRange, from, each,
                                (c, f) -> {
                                    try (MsgStream<Integer, Void> in = c.openStream(Integer.class, Void.class,
                                            Overruns.ALLOW)) {
                                        for (int v : in) {
                                            out.send(v);
                                            passed.incrementAndGet();
                                        }
                                    }
                                    return c.result();
                                }));
                    }
                });
                return passed.get();
            }
        });
    }

    /** Starts, opens its stream, then sleeps until cancelled, saying so on stdout in its finally block. */
    public static String sleepsAndSays(Context<String> ctx) {
        ctx.started("sleeping");
        try (MsgStream<String, String> stream = ctx.openStream(String.class, String.class)) {
            Sc.sleepForever();
            return "never";
        } finally {
            System.out.println("remote finally ran");
            System.out.flush();
        }
    }

    /** Starts, then returns twice {@code n} without streaming. */
    public static int startsAndReturns(Context<String> ctx, int n) {
        ctx.started("hello");
        return 2 * n;
    }

    /** Starts, waits {@code millis}, then streams {@code count} ints as fast as it can and returns. */
    public static int streamIntsLater(Context<Void> ctx, int count, int millis) {
        ctx.started(null);
        Sc.sleep(Duration.ofMillis(millis));
        try (MsgStream<Void, Integer> stream = ctx.openStream(Void.class, Integer.class)) {
            for (int i = 0; i < count; i++) {
                stream.send(i);
            }
        }
        return count;
    }
}
