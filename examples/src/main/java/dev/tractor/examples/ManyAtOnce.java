package dev.tractor.examples;

import dev.tractor.Tractor;
import dev.tractor.sc.Nursery;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Many one-shot actors started at the same moment, each a JVM of its own.
 *
 * <p>One task per child calls {@code runInActor} at once. A JVM's start-up keeps a core busy for a while,
 * so the parent launches only a few of them at a time: at most {@code tractor.spawn.maxConcurrentStarts}
 * (by default as many as the machine has cores, at least 2) between a child's launch and its connection
 * back; the others wait their turn, and each child's start timeout counts from its own launch. Without
 * that, a few dozen JVMs launched together on a small, busy machine starve each other and fail to
 * connect in time. Nothing to do in the program: it only asks for the children, and gets every answer.
 *
 * <p>Run it with the number of children, and the limit if you like:
 * {@code java -Dtractor.spawn.maxConcurrentStarts=3 -cp ... dev.tractor.examples.ManyAtOnce 20}.
 */
public final class ManyAtOnce {
    private ManyAtOnce() {
    }

    /** Runs in a child: {@code n * n}, and the pid it was computed in. */
    public static long[] square(int n) {
        return new long[] {(long) n * n, ProcessHandle.current().pid()};
    }

    public static void main(String[] args) throws Exception {
        int children = args.length > 0 ? Integer.parseInt(args[0]) : 16;
        String limit = System.getProperty("tractor.spawn.maxConcurrentStarts", "one per core, at least 2,");
        System.out.println(children + " one-shot actors asked for at once; " + limit
                + " launched at a time (tractor.spawn.maxConcurrentStarts)");

        Map<Integer, long[]> answers = new ConcurrentHashMap<>();
        Tractor.openNursery(an -> {
            Nursery.open(starters -> {
                for (int i = 0; i < children; i++) {
                    int n = i;
                    starters.startSoon("ask " + n, () -> answers.put(n, an.runInActor("square-" + n,
                            ManyAtOnce::square, n).<long[]>result()));
                }
            });
            return null;
        });

        long sum = answers.values().stream().mapToLong(a -> a[0]).sum();
        long processes = answers.values().stream().mapToLong(a -> a[1]).distinct().count();
        System.out.println("answers: " + answers.size() + ", from " + processes + " processes");
        System.out.println("sum of the squares of 0.." + (children - 1) + ": " + sum + " (expected "
                + (long) (children - 1) * children * (2L * children - 1) / 6 + ")");
    }
}
