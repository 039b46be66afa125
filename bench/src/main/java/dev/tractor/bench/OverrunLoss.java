package dev.tractor.bench;

import dev.tractor.ActorOptions;
import dev.tractor.MsgStream;
import dev.tractor.Portal;
import dev.tractor.RemoteActorError;
import dev.tractor.Tractor;
import dev.tractor.sc.Sc;
import java.time.Duration;
import java.util.Locale;

/**
 * A reproducer, not a benchmark: a context stream read with the default {@code Overruns.FAIL_SENDER} by a
 * reader that starts reading 100 ms late, from a child that sends a short burst
 * ({@link BenchFunctions#streamInts}) and returns. The reader's buffer holds 64 values, so the burst
 * overruns it; the question is whether either side hears of it. Prints one line per round: how many
 * values the reader got, and whether the context raised.
 *
 * <pre>
 *   java -cp bench/target/benchmarks.jar dev.tractor.bench.OverrunLoss [values] [rounds]
 * </pre>
 *
 * <p>Exits 1 if some round lost values without any exception (a silent loss), 0 otherwise.
 */
public final class OverrunLoss {
    private OverrunLoss() {
    }

    /**
     * Runs the rounds; see the class comment.
     *
     * @param args how many values the child sends (200), and how many rounds (10)
     * @throws Exception if the actor cannot be started
     */
    public static void main(String[] args) throws Exception {
        int values = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        int[] silent = {0};
        Tractor.run(() -> {
            Tractor.openNursery(an -> {
                Portal p = an.startActor("burst", ActorOptions.enable(BenchFunctions.class));
                for (int r = 0; r < rounds; r++) {
                    long[] got = {0};
                    try {
                        p.openContext(BenchFunctions::streamInts, values, (ctx, first) -> {
                            // the default, Overruns.FAIL_SENDER: a buffer of Context.BUFFER values
                            try (MsgStream<Integer, Void> stream = ctx.openStream(Integer.class, Void.class)) {
                                Sc.sleep(Duration.ofMillis(100)); // a reader that is briefly busy elsewhere
                                for (int ignored : stream) {
                                    got[0]++;
                                }
                            }
                            return ctx.<Long>result();
                        });
                        if (got[0] != values) {
                            silent[0]++;
                        }
                        System.out.printf(Locale.ROOT, "round %d: the reader got %d of %d values; the context ended "
                                + "normally%s%n", r, got[0], values, got[0] != values ? " (SILENT LOSS)" : "");
                    } catch (RemoteActorError e) {
                        System.out.printf(Locale.ROOT, "round %d: the reader got %d of %d values, then %s%n", r,
                                got[0], values, e.remoteType());
                    }
                }
                return null;
            });
            return null;
        });
        System.out.printf(Locale.ROOT, "%d of %d rounds lost values without an exception%n", silent[0], rounds);
        System.exit(silent[0] > 0 ? 1 : 0);
    }
}
