package dev.tractor.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * A whole-process benchmark that measures tractor and its baseline <em>alternately in one JVM</em>, round
 * after round, and reports each median and the ratio of the medians.
 *
 * <p>Why besides JMH: on a small shared machine the JDK's own primitives switch between a fast mode
 * (both carrier threads spinning on two cores) and a slow mode (handing over through park/unpark) from
 * one JVM to the next. JMH measures each benchmark in its own fork, so a tractor fork and a baseline fork
 * can land in different modes and their ratio means little. Alternating operations within one process
 * puts both under the same conditions. It runs the same operations as {@link SpawnJoinBench} and
 * {@link PingPongBench}.
 *
 * <pre>
 *   java -cp bench/target/benchmarks.jar dev.tractor.bench.InterleavedRatios [rounds]
 * </pre>
 */
public final class InterleavedRatios {
    private InterleavedRatios() {
    }

    /** One measured operation. */
    @FunctionalInterface
    private interface Operation {
        void run() throws Exception;
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        int warmup = Math.max(10, rounds / 5);
        SpawnJoinBench spawn = new SpawnJoinBench();
        PingPongBench ping = new PingPongBench();
        System.out.printf(Locale.ROOT, "# %d cores, %s %s, %d rounds after %d warm-up rounds%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.name"),
                System.getProperty("java.runtime.version"), rounds, warmup);
        compare("spawn+join 100k tasks vs virtual threads started from a virtual thread", rounds, warmup,
                spawn::tractorNursery, spawn::baselineFromVirtualThread);
        compare("spawn+join 100k tasks vs virtual threads started from a platform thread", rounds, warmup,
                spawn::tractorNursery, spawn::baselineFromPlatformThread);
        compare("ping-pong 10k round trips, MemoryChannel(0) vs SynchronousQueue", rounds, warmup,
                ping::tractorChannels, ping::baselineSynchronousQueues);
    }

    private static void compare(String what, int rounds, int warmup, Operation tractor, Operation baseline)
            throws Exception {
        List<Long> t = new ArrayList<>();
        List<Long> b = new ArrayList<>();
        for (int i = 0; i < warmup + rounds; i++) {
            long tractorNanos = time(tractor);
            long baselineNanos = time(baseline);
            if (i >= warmup) {
                t.add(tractorNanos);
                b.add(baselineNanos);
            }
        }
        double tm = median(t);
        double bm = median(b);
        System.out.printf(Locale.ROOT, "%-75s tractor %8.2f ms  baseline %8.2f ms  ratio %.2fx%n",
                what, tm / 1e6, bm / 1e6, tm / bm);
    }

    private static long time(Operation op) throws Exception {
        long start = System.nanoTime();
        op.run();
        return System.nanoTime() - start;
    }

    private static double median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2.0;
    }
}
