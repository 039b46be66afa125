package dev.tractor;

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
