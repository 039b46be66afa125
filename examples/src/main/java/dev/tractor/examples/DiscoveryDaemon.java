package dev.tractor.examples;

import dev.tractor.Actor;
import dev.tractor.ActorOptions;
import dev.tractor.Tractor;

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
 * <p>{@code runDaemon} runs the block it is given once the daemon is registered, and nothing of ours
 * after that: the block prints a line that scripts (and the test) wait for before they start a client.
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
        Tractor.runDaemon("adder", ActorOptions.enable(DiscoveryDaemon.class), () -> {
            Actor me = Tractor.currentActor(); // registered by now: runDaemon runs this once it is
            System.out.println(me.name() + " is registered: pid " + me.pid() + ", serving add(a, b) until it is "
                    + "stopped");
        });
        System.out.println("adder: stopped");
    }
}
