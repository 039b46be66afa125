package dev.tractor;

import dev.tractor.internal.runtime.ActorLogging;
import java.util.List;

/** Functions that the runtime tests call in child actors. Public and static, as remote functions must be. */
public final class Work {
    private Work() {
    }

    /** A record argument, to check binding by declared type. */
    public record Point(int x, int y) {
    }

    public static long sum(int n) {
        long total = 0;
        for (int i = 1; i <= n; i++) {
            total += i;
        }
        return total;
    }

    public static int square(int n) {
        return n * n;
    }

    public static double length(Point p) {
        return Math.hypot(p.x(), p.y());
    }

    public static long pid() {
        return ProcessHandle.current().pid();
    }

    public static String fail(String message) {
        throw new IllegalStateException(message);
    }

    /**
     * Fails once this actor and {@code other} both run this function (each leaves a file named after itself
     * in {@code dir}), so that neither is cancelled before it fails, however long the machine took to start
     * either. Waits in JDK sleeps, which cancellation does not end: both always fail.
     */
    public static String failWithSibling(String dir, String other, String message) throws Exception {
        java.nio.file.Path d = java.nio.file.Path.of(dir);
        java.nio.file.Files.createFile(d.resolve(Tractor.currentActor().name()));
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(120);
        while (!java.nio.file.Files.exists(d.resolve(other)) && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        throw new IllegalArgumentException(message);
    }

    /** Fails after a while, so that siblings are busy when it does. */
    public static String failAfter(int millis, String message) throws InterruptedException {
        Thread.sleep(millis);
        throw new IllegalArgumentException(message);
    }

    /** Runs forever in a JDK sleep: only the teardown ladder's signals end it. */
    public static String sleepInJdk(int seconds) throws InterruptedException {
        Thread.sleep(seconds * 1000L);
        return "woke up";
    }

    /** Spawns a grandchild that squares {@code n}: nesting. */
    public static int squareInGrandchild(int n) throws Exception {
        return Tractor.openNursery(an -> an.runInActor("grandchild", Work::square, n).<Integer>result());
    }

    /** Spawns a grandchild that fails: its error comes back relayed through this actor. */
    public static int failInGrandchild(String message) throws Exception {
        return Tractor.openNursery(an -> {
            an.runInActor("grandchild", Work::fail, message).result();
            return 0;
        });
    }

    /** Starts a grandchild daemon, says its pid, and waits forever: the middle of a three-level tree. */
    public static String holdGrandchild() throws Exception {
        return Tractor.openNursery(an -> {
            Portal grandchild = an.startActor("grandchild", ActorOptions.enable(Work.class));
            System.out.println("grandchild " + grandchild.pid());
            System.out.flush();
            dev.tractor.sc.Sc.sleepForever();
            return "unreachable";
        });
    }

    /** Fails after a cancellable sleep: cancelling this actor ends it at once. */
    public static String failLater(int millis, String message) {
        dev.tractor.sc.Sc.sleep(java.time.Duration.ofMillis(millis));
        throw new IllegalArgumentException(message);
    }

    /** Where this actor listens. */
    public static String address() {
        return Tractor.currentActor().address().toString();
    }

    /** Where a grandchild of default options listens. */
    public static String grandchildAddress() throws Exception {
        return Tractor.openNursery(an -> an.runInActor("grandchild", Work::address).<String>result());
    }

    private static volatile String lastBusyEnd = "none";

    /** Busy for a while, cancellably, and records how it ended. */
    public static String busyRecording(int millis) {
        try {
            dev.tractor.sc.Sc.sleep(java.time.Duration.ofMillis(millis));
            lastBusyEnd = "completed";
            return "done";
        } catch (dev.tractor.sc.Cancelled c) {
            lastBusyEnd = "cancelled";
            throw c;
        }
    }

    /** How the last {@link #busyRecording} call in this actor ended. */
    public static String lastBusyEnd() {
        return lastBusyEnd;
    }

    /** Busy for a while, cancellably. */
    public static String busy(int millis) {
        dev.tractor.sc.Sc.sleep(java.time.Duration.ofMillis(millis));
        return "done";
    }

    /**
     * Fails once the file {@code go} exists: the test decides when every child fails. It waits in a JDK
     * sleep, not a checkpoint, so that the first failure's cancellation cannot stop the others from
     * failing too: each one's failure then arrives late, and the nursery must still report it.
     */
    public static String failWhenToldBy(String go, String message) throws Exception {
        // Says it runs: a call whose actor is cancelled before its function has begun never begins it.
        java.nio.file.Files.createFile(java.nio.file.Path.of(go + "." + message + ".running"));
        while (!java.nio.file.Files.exists(java.nio.file.Path.of(go))) {
            Thread.sleep(20);
        }
        throw new IllegalArgumentException(message);
    }

    /**
     * A tree of actors {@code depth} levels below this one, {@code breadth} children each, named by their
     * path ({@code t.0.1}); every leaf fails, the one on the all-zero path first, which cancels the rest.
     */
    public static String tree(int depth, int breadth) throws Exception {
        String me = Tractor.currentActor().name();
        if (depth == 0) {
            // The first leaf fails first, however late a loaded machine started it: the others fail only
            // after it has run and ended (and long after, so that the tree's cancellation reaches them first)
            String first = me.replaceAll("[0-9]", "0");
            if (!me.equals(first)) {
                while (Tractor.queryActor(first).isEmpty()) {
                    dev.tractor.sc.Sc.sleep(java.time.Duration.ofMillis(50));
                }
                while (Tractor.queryActor(first).isPresent()) {
                    dev.tractor.sc.Sc.sleep(java.time.Duration.ofMillis(50));
                }
                return failLater(10_000, "leaf " + me);
            }
            return failLater(500, "leaf " + me);
        }
        return Tractor.openNursery(an -> {
            for (int i = 0; i < breadth; i++) {
                an.runInActor(me + "." + i, Work::tree, depth - 1, breadth);
            }
            return "unreachable: every leaf fails";
        });
    }

    /** The level this actor logs at, and whether its log lines are configured to name it. */
    public static String logSetup() {
        boolean debug = System.getLogger("dev.tractor.test").isLoggable(System.Logger.Level.DEBUG);
        java.util.logging.Handler[] handlers = java.util.logging.Logger.getLogger("").getHandlers();
        boolean named = handlers.length == 1 && handlers[0].getFormatter() instanceof ActorLogging.ActorFormatter;
        return "debug=" + debug + " named=" + named;
    }

    /** The names of the enabled-class test: a list of points, to check generic binding. */
    public static int count(List<Point> points) {
        return points.size();
    }
}
