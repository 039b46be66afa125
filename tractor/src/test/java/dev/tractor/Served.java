package dev.tractor;

import dev.tractor.internal.runtime.ActorRuntime;
import dev.tractor.sc.Cancelled;
import dev.tractor.sc.Sc;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** Functions that the tests of served calls run in child actors, and what they record there. */
public final class Served {
    private Served() {
    }

    private static final AtomicInteger ENTERED = new AtomicInteger();
    private static final AtomicInteger LEFT = new AtomicInteger();
    private static final AtomicInteger COMPLETED = new AtomicInteger();
    private static final Map<String, String> ENDS = new ConcurrentHashMap<>();

    /**
     * Sleeps {@code millis} cancellably, then counts itself completed. {@code ballast} only makes the
     * arguments take a while to decode.
     */
    public static int record(int millis, List<Work.Point> ballast) {
        ENTERED.incrementAndGet();
        try {
            Sc.sleep(Duration.ofMillis(millis));
            COMPLETED.incrementAndGet();
            return ballast.size();
        } finally {
            LEFT.incrementAndGet();
        }
    }

    /** How many {@link #record} calls ran to completion in this actor. */
    public static int completed() {
        return COMPLETED.get();
    }

    /** Whether every {@link #record} call that started here has ended. */
    public static boolean allLeft() {
        return ENTERED.get() == LEFT.get();
    }

    /** How many calls and contexts this actor serves now, apart from this call. */
    public static int othersServed() {
        return ActorRuntime.current().servedCount() - 1;
    }

    /** Sleeps until cancelled, recording under {@code tag} that it runs, and then how it ended. */
    public static String hold(String tag) {
        ENDS.put(tag, "running");
        try {
            Sc.sleepForever();
            return "unreachable";
        } catch (Cancelled c) {
            ENDS.put(tag, "cancelled");
            throw c;
        } finally {
            ENDS.putIfAbsent(tag, "ended otherwise");
        }
    }

    /** Like {@link #hold}, as a context function that first calls started. */
    public static String holdContext(Context<String> ctx, String tag) {
        ctx.started(tag);
        return hold(tag);
    }

    /** How the {@link #hold} or {@link #holdContext} of {@code tag} is doing: "none" if it never ran. */
    public static String stateOf(String tag) {
        return ENDS.getOrDefault(tag, "none");
    }

    /** Connects to the actor at {@code address} and holds a call there (until this actor dies). */
    public static String holdThere(String address, String tag) {
        return Tractor.connect(dev.tractor.ipc.Address.parse(address), p -> p.run(Served::hold, tag));
    }
}
