package dev.tractor.examples;

import dev.tractor.ActorOptions;
import dev.tractor.Portal;
import dev.tractor.Tractor;
import dev.tractor.sc.Sc;
import java.time.Duration;

/**
 * The two kinds of child actor, side by side.
 *
 * <ul>
 * <li>A <b>one-shot</b> actor ({@code runInActor}) runs one function; {@code result()} waits for its
 *     result, and the actor is ended as soon as it has one.</li>
 * <li>A <b>daemon</b> actor ({@code startActor}) runs nothing by itself: it serves calls, as many as you
 *     make, until it is cancelled ({@code cancelActor()}) or its nursery ends. Its state lives in its own
 *     JVM between calls, and nowhere else. It has no result. A {@code void} method is called the same
 *     way ({@code resetCount}); the call returns once the method has returned there.</li>
 * </ul>
 */
public final class DaemonVsOneShot {
    private DaemonVsOneShot() {
    }

    /** Calls counted in this JVM; every actor is a JVM of its own, so every actor has its own count. */
    private static int calls;

    /** 1 + 2 + ... + n: the one-shot actor's job. */
    public static long sum(int n) {
        return (long) n * (n + 1) / 2;
    }

    /** Counts a call in the JVM it runs in and says which call this was there. */
    public static int countCall() {
        // Each call runs in a task of its own, so concurrent calls would race here; this example makes one
        // call at a time. A real service would guard its state (a TaskLock, say).
        return ++calls;
    }

    /** Sets the count of the JVM it runs in back to zero: a {@code void} method, called like any other. */
    public static void resetCount() {
        calls = 0;
    }

    public static void main(String[] args) throws Exception {
        long[] pids = new long[2];
        Tractor.openNursery(an -> {
            System.out.println("== 1. runInActor: a one-shot actor runs one function");
            Portal adder = an.runInActor("adder", DaemonVsOneShot::sum, 100);
            pids[0] = adder.pid();
            long total = adder.result(); // waits for the function's result
            System.out.println("  'adder' (pid " + adder.pid() + ") returned " + total
                    + "; the actor ends once it has returned");

            System.out.println("== 2. startActor: a daemon serves calls until it is cancelled");
            Portal counter = an.startActor("counter", ActorOptions.enable(DaemonVsOneShot.class));
            pids[1] = counter.pid();
            String who = "  'counter' (pid " + counter.pid() + ")";
            System.out.println(who + " call 1 -> " + counter.run(DaemonVsOneShot::countCall));
            System.out.println(who + " call 2 -> " + counter.run(DaemonVsOneShot::countCall));
            counter.run(DaemonVsOneShot::resetCount); // void: returns once the method has returned there
            System.out.println(who + " resetCount() returned; call 3 -> " + counter.run(DaemonVsOneShot::countCall));
            System.out.println("  calls counted in the root's own JVM: " + calls
                    + " (the count lives in the daemon's process)");
            try {
                counter.result();
            } catch (IllegalStateException e) {
                System.out.println("  result() on a daemon: IllegalStateException (a daemon has no result)");
            }
            boolean acknowledged = counter.cancelActor(); // asks it to cancel itself, waits up to 0.5 s
            System.out.println("  cancelActor() acknowledged: " + acknowledged);
            System.out.println("  its process exited within 5 s: " + exitsWithin(counter.pid(), Duration.ofSeconds(5)));
            return null;
        }); // the nursery reaps whatever is left before returning

        System.out.println("== the nursery has closed");
        System.out.println("  'adder' alive: " + isAlive(pids[0]) + ", 'counter' alive: " + isAlive(pids[1]));
    }

    private static boolean isAlive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    /** Polls with {@code Sc.sleep}, a checkpoint, so that cancelling the nursery stops the wait. */
    private static boolean exitsWithin(long pid, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (isAlive(pid)) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Sc.sleep(Duration.ofMillis(20));
        }
        return true;
    }
}
