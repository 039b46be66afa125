package dev.tractor;

import dev.tractor.sc.Nursery;
import dev.tractor.sc.Sc;
import java.time.Duration;

/**
 * A root in debug mode for the crash and root scenarios of the debugger, driven on standard input. Modes
 * ({@code args[0]}): {@code child}: daemon {@code worker} raises in {@link #explode}, the root's body lets
 * the error out; {@code root-pause}: the root's body pauses (the root must be started with a JDWP agent);
 * {@code root-crash}: the root's body raises; {@code context}: a context of
 * {@code worker} raises after it has started; {@code many}: daemons {@code alpha} and {@code beta} raise once
 * a daemon of {@code middle}, {@code leaf}, runs, and it raises too. Prints {@code result ...} when the body returns.
 */
public final class CrashProgram {
    private CrashProgram() {
    }

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        Object result = Tractor.run("root", ActorOptions.defaults().withDebugMode(), () -> switch (mode) {
            case "child" -> Tractor.openNursery(an -> {
                Portal worker = an.startActor("worker", ActorOptions.enable(CrashProgram.class));
                return worker.run(CrashProgram::explode, 20);
            });
            case "root-pause" -> {
                int answer = 6 * 7;
                Tractor.pause(); // ROOT PAUSE
                yield answer + 1;
            }
            case "root-crash" -> explode(5);
            case "context" -> Tractor.openNursery(an -> {
                Portal worker = an.startActor("worker", ActorOptions.enable(CrashProgram.class));
                return worker.openContext(CrashProgram::explodeInContext, 7,
                        (Context<String> ctx, String first) -> ctx.<Integer>result());
            });
            case "many" -> Tractor.openNursery(an -> {
                Nursery.open(calls -> {
                    for (String name : new String[] {"alpha", "beta"}) {
                        Portal actor = an.startActor(name, ActorOptions.enable(CrashProgram.class));
                        calls.startSoon("call " + name, () -> actor.run(CrashProgram::explodeWithLeaf, 1));
                    }
                    Portal middle = an.startActor("middle", ActorOptions.enable(CrashProgram.class));
                    calls.startSoon("call middle", () -> middle.run(CrashProgram::explodeBelow, 2));
                });
                return null;
            });
            default -> throw new IllegalArgumentException(mode);
        });
        System.out.println("result " + result);
    }

    /** Raises, with a local, a field and an array the post-mortem can print. */
    public static int explode(int n) {
        int[] squares = {n, n * n};
        Holder holder = new Holder("kept");
        if (squares.length > 0) {
            throw new IllegalStateException("boom " + n + " " + holder.label); // RAISE
        }
        return n;
    }

    /** A context that raises after it has started. */
    public static int explodeInContext(Context<String> ctx, int n) {
        ctx.started("started");
        int tripled = n * 3;
        throw new IllegalArgumentException("context boom " + tripled); // CONTEXT RAISE
    }

    /** Raises once actor {@code leaf} (a grandchild) runs, so that the crashes of {@code many} come at once. */
    public static int explodeWithLeaf(int n) {
        while (Tractor.queryActor("leaf").isEmpty()) {
            Sc.sleep(Duration.ofMillis(20));
        }
        return explode(n);
    }

    /** In {@code middle}: starts {@code leaf} and has it raise. */
    public static int explodeBelow(int n) throws Exception {
        return Tractor.openNursery(an -> {
            Portal leaf = an.startActor("leaf", ActorOptions.enable(CrashProgram.class));
            return leaf.run(CrashProgram::explode, n);
        });
    }

    static final class Holder {
        final String label;

        Holder(String label) {
            this.label = label;
        }
    }
}
