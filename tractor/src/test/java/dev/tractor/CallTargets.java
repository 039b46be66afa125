package dev.tractor;

import dev.tractor.sc.Cancelled;
import dev.tractor.sc.Sc;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Remote functions for {@link CallsTest}: {@code void} methods whose effect stays in the actor for a later
 * call to read, and functions of up to four arguments for every entry point (calls, contexts, streams).
 */
public final class CallTargets {
    private CallTargets() {
    }

    /** What {@code remember...} stored in this actor. */
    private static final Map<String, String> MEMORY = new ConcurrentHashMap<>();
    /** What {@link #log} and {@link #logAny} appended in this actor. */
    private static final List<String> LOG = new CopyOnWriteArrayList<>();
    private static volatile String lastWaitEnd = "none";

    // ---- void methods --------------------------------------------------------------------------------

    /**
     * Stores {@code value} under {@code key}, after a pause: a caller that came back before the method
     * returned would not find it.
     */
    public static void remember(String key, String value) throws InterruptedException {
        Thread.sleep(200);
        MEMORY.put(key, value);
    }

    /** Stores {@code a + b} under {@code key}. */
    public static void rememberSum(String key, int a, long b) {
        MEMORY.put(key, Long.toString(a + b));
    }

    /** Stores {@code value} under {@code key}, {@code times} times joined with {@code separator}. */
    public static void rememberRepeated(String key, String value, int times, String separator) {
        MEMORY.put(key, String.join(separator, java.util.Collections.nCopies(times, value)));
    }

    /** Stores the three values under keys "1", "2", "3". */
    public static void rememberThree(String first, String second, String third) {
        MEMORY.put("1", first);
        MEMORY.put("2", second);
        MEMORY.put("3", third);
    }

    /** Forgets everything. */
    public static void forget() {
        MEMORY.clear();
    }

    /** What is stored under {@code key}, or {@code null}. */
    public static String recall(String key) {
        return MEMORY.get(key);
    }

    /** Appends {@code line} to this actor's log: an exact reference to a void method is a Proc1. */
    public static void log(String line) {
        LOG.add(line);
    }

    /** Appends any value to this actor's log: a generic void method, which needs a cast to be a Proc1. */
    public static <T> void logAny(T value) {
        LOG.add(String.valueOf(value));
    }

    /** This actor's log. */
    public static List<String> logged() {
        return List.copyOf(LOG);
    }

    /** Fails with {@code why}. */
    public static void refuse(String why) {
        throw new IllegalStateException(why);
    }

    /** Waits {@code millis}, cancellably, and records how it ended. */
    public static void waitRecording(int millis) {
        try {
            Sc.sleep(Duration.ofMillis(millis));
            lastWaitEnd = "completed";
        } catch (Cancelled c) {
            lastWaitEnd = "cancelled";
            throw c;
        }
    }

    /** How the last {@link #waitRecording} in this actor ended. */
    public static String lastWaitEnd() {
        return lastWaitEnd;
    }

    /** Writes {@code a + b + c} to the file {@code path}, after a pause (a one-shot's visible effect). */
    public static void writeFile(String path, String a, String b, String c) throws IOException, InterruptedException {
        Thread.sleep(200);
        Files.writeString(Path.of(path), a + b + c);
    }

    // ---- functions with a result ---------------------------------------------------------------------

    /** An exact reference to a non-void method, which must stay a function (Fn2), not a Proc2. */
    public static int add(int x, int y) {
        return x + y;
    }

    /** A generic function. */
    public static <T> T same(T value) {
        return value;
    }

    /** An overloaded name: the reference is not exact. */
    public static String describe(int number) {
        return "number " + number;
    }

    /** See {@link #describe(int)}. */
    public static String describe(String text) {
        return "text " + text;
    }

    /** Four arguments of four types. */
    public static String join(String a, int b, long c, boolean d) {
        return a + b + c + d;
    }

    // ---- contexts ------------------------------------------------------------------------------------

    /** Starts with the sum of its four arguments and returns their product. */
    public static long sumThenProduct(Context<Integer> ctx, int a, int b, int c, int d) {
        ctx.started(a + b + c + d);
        return (long) a * b * c * d;
    }

    /** A void context function: starts with "hello". */
    public static void greet(Context<String> ctx) {
        ctx.started("hello");
    }

    /** A void context function that starts with its argument, then fails. */
    public static void greetThenFail(Context<String> ctx, String greeting) {
        ctx.started(greeting);
        throw new IllegalStateException("failed after greeting " + greeting);
    }

    /**
     * A void context function of four arguments: starts with them joined, then answers each string it
     * receives with {@code prefix + it + suffix} until the opener closes its stream, and stores how many
     * it answered under {@code key}.
     */
    public static void wrapEach(Context<String> ctx, String key, String prefix, String suffix, int limit) {
        ctx.started(key + prefix + suffix + limit);
        int answered = 0;
        try (MsgStream<String, String> stream = ctx.openStream(String.class, String.class)) {
            for (String s : stream) {
                if (answered++ == limit) {
                    break;
                }
                stream.send(prefix + s + suffix);
            }
        }
        MEMORY.put(key, Integer.toString(answered));
    }

    // ---- one-way streams -----------------------------------------------------------------------------

    /** Emits 1, 2, 3. */
    public static void oneTwoThree(Emitter<Integer> out) {
        for (int i = 1; i <= 3; i++) {
            out.emit(i);
        }
    }

    /** Emits {@code from}, {@code from + step}, ... below {@code to}. */
    public static void range(Emitter<Integer> out, int from, int to, int step) {
        for (int i = from; i < to; i += step) {
            out.emit(i);
        }
    }

    /** Emits {@code from}, {@code from + step}, ... below {@code to}, each as {@code prefix + i}. */
    public static void labelledRange(Emitter<String> out, String prefix, int from, int to, int step) {
        for (int i = from; i < to; i += step) {
            out.emit(prefix + i);
        }
    }
}
