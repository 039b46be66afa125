package dev.tractor.examples;

import dev.tractor.ActorOptions;
import dev.tractor.Portal;
import dev.tractor.Tractor;
import java.util.ArrayList;
import java.util.List;

/**
 * JVM options for a whole tree. {@link ActorOptions#withChildJvmOptions} on the root gives every
 * descendant the same options, here a heap size and a system property; an actor's own
 * {@link ActorOptions#withJvmOptions} come after them and win. The same works from the command line with
 * {@code -Dtractor.child.jvmOptions="-Xmx64m -Dexample.greeting=hello"}.
 *
 * <p>What a child inherits from its parent's command line without being asked (agents,
 * {@code --add-opens}, the logging configuration, a JFR recording to a file of its own) and what it does
 * not (heap sizes, the debugger) is in {@code docs/guide/running.md}, "JVM options for children".
 */
public final class TreeJvmOptions {
    private TreeJvmOptions() {
    }

    /** What one actor's JVM got: its largest heap and the system property the tree was given. */
    public record Seen(String actor, long maxHeapMiB, String greeting) {
        static Seen here() {
            return new Seen(Tractor.currentActor().name(), Runtime.getRuntime().maxMemory() >> 20,
                    System.getProperty("example.greeting"));
        }
    }

    /** Runs in the worker: what it got, and what a helper it starts got. */
    public static List<Seen> worker() throws Exception {
        List<Seen> seen = new ArrayList<>(List.of(Seen.here()));
        seen.add(Tractor.openNursery(an -> an.runInActor("helper", TreeJvmOptions::helper).<Seen>result()));
        return seen;
    }

    /** Runs in the helper, the root's grandchild. */
    public static Seen helper() {
        return Seen.here();
    }

    public static void main(String[] args) throws Exception {
        ActorOptions tree = ActorOptions.defaults().withChildJvmOptions("-Xmx64m", "-Dexample.greeting=hello");
        List<Seen> seen = Tractor.run("root", tree, () -> Tractor.openNursery(an -> {
            // the worker's own heap size comes after the tree's, and wins
            Portal worker = an.startActor("worker", ActorOptions.enable(TreeJvmOptions.class).withJvmOptions("-Xmx96m"));
            return worker.run(TreeJvmOptions::worker);
        }));
        for (Seen s : seen) {
            System.out.println(s.actor() + ": max heap " + s.maxHeapMiB() + " MiB, example.greeting=" + s.greeting());
        }
    }
}
