package dev.tractor.examples;

import dev.tractor.Actor;
import dev.tractor.ActorOptions;
import dev.tractor.Tractor;
import dev.tractor.TractorException;
import dev.tractor.sc.Sc;
import java.time.Duration;

/**
 * A service that other programs find by name: a daemon named {@code adder} that serves {@link #add}
 * until it is stopped (Python tractor's {@code run_daemon}). Run it, then run {@link FindService} as a
 * separate program, as often as you like:
 *
 * <pre>{@code
 * java -cp tractor/target/classes:examples/target/classes dev.tractor.examples.DiscoveryDaemon &
 * java -cp tractor/target/classes:examples/target/classes dev.tractor.examples.FindService
 * java -cp tractor/target/classes:examples/target/classes dev.tractor.examples.FindService --stop
 * }</pre>
 *
 * <p>{@code Tractor.runDaemon} starts this process's root actor, serving the classes its options enable,
 * and blocks until the actor is cancelled: by another actor's {@code portal.cancelActor()} (what
 * {@code FindService --stop} does), by Ctrl-C or by SIGTERM. Like every root, it first looks for the
 * registrar at the registry addresses: the first root to find none there becomes the registrar itself,
 * which is what the daemon does when it starts first, and the programs that come later register with it.
 * Both programs must use the same registry addresses (by default {@code tcp://127.0.0.1:1616} and a Unix
 * socket; the system property {@code tractor.registry} sets others) and the same secret (the user's cookie
 * file, by default).
 *
 * <p>{@code runDaemon} runs no code of ours while it serves, so a thread of our own watches the registry
 * and prints a line once the daemon is in it: scripts (and the test) wait for that line before they
 * start a client.
 */
public final class DiscoveryDaemon {
    private DiscoveryDaemon() {
    }

    /** What the daemon serves; any program that finds it can call this. */
    public static int add(int a, int b) {
        System.out.println("adder: add(" + a + ", " + b + ")");
        return a + b;
    }

    public static void main(String[] args) throws Exception {
        Thread.startVirtualThread(DiscoveryDaemon::announceOnceRegistered);
        Tractor.runDaemon("adder", ActorOptions.enable(DiscoveryDaemon.class));
        System.out.println("adder: stopped");
    }

    /**
     * Prints the ready line once this process's actor is in the registry. A run of its own (the daemon's
     * run is inside {@code runDaemon}) asks the registry for our name every 50 ms and looks for our own
     * uuid: names are not unique.
     */
    private static void announceOnceRegistered() {
        try {
            Sc.run(() -> {
                for (;;) {
                    try {
                        Actor me = Tractor.currentActor();
                        if (Tractor.queryActors(me.name()).stream()
                                .anyMatch(e -> e.uuid().equals(me.uid().uuid()))) {
                            System.out.println(me.name() + " is registered: pid " + me.pid()
                                    + ", serving add(a, b) until it is stopped");
                            return;
                        }
                    } catch (TractorException notYet) {
                        // no runtime yet (NoRuntime), or it has not found its registrar yet
                    }
                    Sc.sleep(Duration.ofMillis(50));
                }
            });
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
