package dev.tractor.examples;

import dev.tractor.ActorOptions;
import dev.tractor.Portal;
import dev.tractor.Tractor;

/**
 * A breakpoint in an actor, debugged from the root's terminal: the root runs in debug mode, and its daemon
 * {@code counter} stops in {@link #sumOfSquares} at {@link Tractor#pause()}. The terminal then shows where,
 * with the source around it, and waits for commands: try {@code p total}, {@code locals}, {@code where},
 * {@code next}, then {@code continue} (or {@code help}). The rest of the tree runs on meanwhile.
 *
 * <pre>
 * [counter (pid 51234)] stopped in thread ... at dev.tractor.examples.PauseInAnActor.sumOfSquares(PauseInAnActor.java:41)
 * (tractor counter) p total
 * 30
 * (tractor counter) continue
 * continuing
 * sum of squares: 30
 * </pre>
 *
 * Run it from the repository's root with {@code -Dtractor.debug.sourcePath=examples/src/main/java} for the
 * source listing.
 */
public final class PauseInAnActor {
    private PauseInAnActor() {
    }

    public static void main(String[] args) throws Exception {
        int sum = Tractor.run("root", ActorOptions.defaults().withDebugMode(), () -> Tractor.openNursery(an -> {
            Portal counter = an.startActor("counter", ActorOptions.enable(PauseInAnActor.class));
            int result = counter.run(PauseInAnActor::sumOfSquares, 4);
            counter.cancelActor();
            return result;
        }));
        System.out.println("sum of squares: " + sum);
    }

    /** 1 + 4 + ... + n*n, with a look around before it returns. */
    public static int sumOfSquares(int n) {
        int total = 0;
        for (int i = 1; i <= n; i++) {
            total += i * i;
        }
        Tractor.pause(); // look around: p total, locals, where; then continue
        return total;
    }
}
