package dev.tractor.bench;

import dev.tractor.ActorOptions;
import dev.tractor.Portal;
import dev.tractor.Tractor;
import java.time.Instant;

/**
 * The tree of {@link DebugPauseBench}: a root in debug mode whose daemon {@code middle} starts a grandchild,
 * {@code leaf}, that calls {@link Tractor#pause()} {@code N} times in a loop. Just before each pause the leaf
 * prints {@code pause-at I MICROS}, and just after it {@code resumed-at I MICROS}: microseconds since the
 * epoch of the system's real-time clock ({@link Instant#now()}), which every process of the machine reads
 * alike, so the driver can compare them with its own reading when the REPL's prompt arrives. The root's
 * standard input drives the REPL; at the end the root prints {@code result N}.
 *
 * <pre>
 *   java -cp bench/target/benchmarks.jar dev.tractor.bench.DebugPauseProgram [N]
 * </pre>
 */
public final class DebugPauseProgram {
    private DebugPauseProgram() {
    }

    public static void main(String[] args) throws Exception {
        int pauses = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        Tractor.run("root", ActorOptions.defaults().withDebugMode(), () -> Tractor.openNursery(an -> {
            Portal middle = an.startActor("middle", ActorOptions.enable(DebugPauseProgram.class));
            System.out.println("result " + middle.run(DebugPauseProgram::pausesBelow, pauses));
            middle.cancelActor();
            return null;
        }));
    }

    /** In {@code middle}: starts {@code leaf} and has it pause {@code n} times. */
    public static int pausesBelow(int n) throws Exception {
        return Tractor.openNursery(an -> {
            Portal leaf = an.startActor("leaf", ActorOptions.enable(DebugPauseProgram.class));
            int done = leaf.run(DebugPauseProgram::pauses, n);
            leaf.cancelActor();
            return done;
        });
    }

    /** In {@code leaf}: {@code n} pauses, each between two time stamps; how many it made. */
    public static int pauses(int n) {
        for (int i = 0; i < n; i++) {
            System.out.println("pause-at " + i + " " + micros(Instant.now()));
            Tractor.pause();
            System.out.println("resumed-at " + i + " " + micros(Instant.now()));
        }
        return n;
    }

    /** Microseconds since the epoch. */
    static long micros(Instant t) {
        return t.getEpochSecond() * 1_000_000L + t.getNano() / 1_000;
    }
}
