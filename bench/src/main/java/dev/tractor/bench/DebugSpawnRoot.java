package dev.tractor.bench;

import dev.tractor.ActorOptions;
import dev.tractor.Portal;
import dev.tractor.Tractor;
import dev.tractor.sc.Nursery;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * One root of {@link DebugBench}, in the debug mode its command line gives ({@code -Dtractor.debug=...} or
 * none): it spawns children when its driver asks on standard input, so that the driver can alternate spawns
 * between roots in different modes, sample after sample, under the same load. Its answers are lines on
 * standard output, in nanoseconds of this JVM's clock:
 *
 * <ul>
 * <li>at start: {@code ready STARTUP PID}, where STARTUP runs from just before {@code Tractor.run} to the
 *     first line of its body (in debug mode {@code true}, that includes starting the tree's debugger actor);
 * <li>{@code spawn N}: {@code spawned RESULT REAPED}: {@code N} children of {@link BenchFunctions#one} started
 *     at once ({@code runInActor}), until every result was in, and until the nursery had reaped them all (as
 *     {@link ActorBench}'s spawn section);
 * <li>{@code hold}: {@code held PID}: a daemon child, {@code held}, that stays until {@code release}
 *     ({@code released}), for the driver to look at its command line and loaded classes;
 * <li>{@code quit} or the end of the input: the root ends.
 * </ul>
 *
 * <pre>
 *   java [-Dtractor.debug=true|ide] -cp bench/target/benchmarks.jar dev.tractor.bench.DebugSpawnRoot
 * </pre>
 */
public final class DebugSpawnRoot {
    private DebugSpawnRoot() {
    }

    public static void main(String[] args) throws Exception {
        long t0 = System.nanoTime();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        Tractor.run("root", ActorOptions.enable(BenchFunctions.class), () -> {
            System.out.println("ready " + (System.nanoTime() - t0) + " " + ProcessHandle.current().pid());
            for (String line; (line = in.readLine()) != null && !line.equals("quit");) {
                if (line.startsWith("spawn ")) {
                    long[] t = spawn(Integer.parseInt(line.substring("spawn ".length()).trim()));
                    System.out.println("spawned " + t[0] + " " + t[1]);
                } else if (line.equals("hold")) {
                    hold(in);
                } else {
                    System.out.println("unknown command: " + line);
                }
            }
            return null;
        });
    }

    /** {@code n} one-shot children at once; nanoseconds until their results, and until they were reaped. */
    private static long[] spawn(int n) throws Exception {
        long[] result = new long[1];
        long t0 = System.nanoTime();
        Tractor.openNursery(an -> {
            Nursery.open(tasks -> {
                for (int i = 0; i < n; i++) {
                    String name = "spawn-" + i;
                    tasks.startSoon(name, () -> {
                        if (an.runInActor(name, BenchFunctions::one).<Integer>result() != 1) {
                            throw new IllegalStateException("one() did not return 1");
                        }
                    });
                }
            });
            result[0] = System.nanoTime() - t0;
            return null;
        });
        return new long[] {result[0], System.nanoTime() - t0};
    }

    /** A daemon child that has run a call, until the driver says {@code release}. */
    private static void hold(BufferedReader in) throws Exception {
        Tractor.openNursery(an -> {
            Portal held = an.startActor("held", ActorOptions.enable(BenchFunctions.class));
            held.run(BenchFunctions::one);
            System.out.println("held " + held.pid());
            for (String line; (line = in.readLine()) != null && !line.equals("release");) {
                System.out.println(String.format(Locale.ROOT, "unknown command while holding: %s", line));
            }
            held.cancelActor();
            return null;
        });
        System.out.println("released");
    }
}
