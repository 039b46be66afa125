package dev.tractor.examples;

import dev.tractor.ActorOptions;
import dev.tractor.Emitter;
import dev.tractor.MsgStream;
import dev.tractor.Portal;
import dev.tractor.Tractor;
import dev.tractor.sc.Nursery;
import java.util.Map;

/**
 * The seed's debugger example: two daemons in debug mode, {@code bp_forever}, which streams {@code "yo"} and
 * re-enters a breakpoint after each value, and {@code name_error}, which crashes. Both stop, one at a time,
 * in the root's terminal: each {@code continue} lets {@code bp_forever} send one more value and stop again;
 * {@code name_error} stops where it raised (a post-mortem: {@code p names}, {@code where}), and after its
 * {@code continue} its error reaches the root, which ends the tree with it.
 *
 * <pre>
 * [bp_forever (pid 4242)] stopped in thread ... at dev.tractor.examples.MultiDaemonDebugging.breakpointForever(MultiDaemonDebugging.java:63)
 * (tractor bp_forever) continue
 * got yo
 * [name_error (pid 4243)] crashed: java.lang.NullPointerException: Cannot invoke "String.length()" because "doggypants" is null
 * (tractor name_error) continue
 * Exception in thread "main" dev.tractor.RemoteActorError: NullPointerException: ... (raised in actor name_error[...])
 * </pre>
 *
 * Run it with {@code -Dtractor.debug.sourcePath=examples/src/main/java} (from the repository's root) for the
 * source listings, and with {@code -agentlib:jdwp=transport=dt_socket,server=y,suspend=n,address=127.0.0.1:5005}
 * for the root to stop on the error too (docs/guide/debugging.md).
 */
public final class MultiDaemonDebugging {
    private MultiDaemonDebugging() {
    }

    public static void main(String[] args) throws Exception {
        Tractor.run("root", ActorOptions.defaults().withDebugMode(), () -> Tractor.openNursery(an -> {
            Portal bpForever = an.startActor("bp_forever", ActorOptions.enable(MultiDaemonDebugging.class));
            Portal nameError = an.startActor("name_error", ActorOptions.enable(MultiDaemonDebugging.class));
            Nursery.open(n -> {
                n.startSoon("stream", () -> bpForever.openStreamFrom(MultiDaemonDebugging::breakpointForever,
                        (MsgStream<String, Void> stream) -> {
                            for (String value : stream) {
                                System.out.println("got " + value);
                            }
                            return null;
                        }));
                n.startSoon("crash", () -> nameError.run(MultiDaemonDebugging::nameError));
            });
            return null;
        }));
    }

    /** Sends {@code "yo"}, then stops in the debugger; forever. */
    public static void breakpointForever(Emitter<String> out) {
        while (true) {
            out.emit("yo");
            Tractor.pause();
        }
    }

    /** Uses a name that is not there: Java's {@code NameError}. */
    public static int nameError() {
        Map<String, String> names = Map.of("doggy", "pants");
        String doggypants = names.get("doggypants");
        return doggypants.length();
    }
}
