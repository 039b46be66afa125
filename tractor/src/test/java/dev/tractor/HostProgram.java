package dev.tractor;

import dev.tractor.discovery.RegistryEntry;
import dev.tractor.internal.runtime.ActorRuntime;
import dev.tractor.ipc.Address;
import dev.tractor.sc.Sc;
import java.time.Duration;
import java.util.List;

/**
 * The two programs of {@code TwoHostsTest}, each meant to run on its own "host" (network namespace).
 *
 * <ul>
 *   <li>{@code daemon <host> <port>}: {@link Tractor#runDaemon} named {@code host-daemon}, enabling
 *       {@link Hosting}, the registrar at {@code tcp://<host>:<port>}, listening on {@code <host>} itself;
 *       prints {@code daemon pid <pid> at <its addresses>} once it serves.
 *   <li>{@code client <host> <port> <count> <millis> [child]}: a root named {@code host-client} that joins
 *       the registrar at {@code tcp://<host>:<port>}, finds {@code host-daemon}, calls it, opens a
 *       {@link Hosting#ticks} context and prints each value it streams ({@code got <n>}); with
 *       {@code child}, has the daemon start a child listening on {@code <host>} ({@link Hosting#hostsChild})
 *       and calls that child too, found by name; then prints {@code done}.
 * </ul>
 * Either prints {@code failed: <exception>} and exits with status 3 if something fails, and exits when its
 * standard input ends (so that nothing outlives a test that dies).
 */
public final class HostProgram {
    private static final Duration PATIENCE = Duration.ofSeconds(10);

    private HostProgram() {
    }

    public static void main(String[] args) {
        exitWhenInputEnds();
        Address.Tcp registry = new Address.Tcp(args[1], Integer.parseInt(args[2]));
        try {
            if (args[0].equals("daemon")) {
                daemon(registry);
            } else {
                client(registry, Integer.parseInt(args[3]), Integer.parseInt(args[4]),
                        args.length > 5 && args[5].equals("child"));
            }
        } catch (Exception e) {
            say("failed: " + e);
            System.exit(3);
        }
    }

    private static void daemon(Address.Tcp registry) throws Exception {
        Thread.ofPlatform().daemon().name("ready").start(() -> {
            while (true) {
                ActorRuntime rt = ActorRuntime.currentOrNull();
                if (rt != null && rt.discovery().isRegistrar()) {
                    say("daemon pid " + ProcessHandle.current().pid() + " at " + rt.actor().addresses());
                    return;
                }
                try {
                    Thread.sleep(10);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        Tractor.runDaemon("host-daemon", ActorOptions.enable(Hosting.class).withRegistryAddresses(registry)
                .withBindAddresses(new Address.Tcp(registry.host(), 0)));
        say("daemon ended");
    }

    private static void client(Address.Tcp registry, int count, int millis, boolean child) throws Exception {
        Tractor.run("host-client", ActorOptions.defaults().withRegistryAddresses(registry), () -> {
            say("pid " + ProcessHandle.current().pid());
            // An earlier client that was killed is dropped from the registry: wait until only this one is left.
            List<String> names = awaitRegistry(n -> n.stream().filter("host-client"::equals).count() == 1);
            say("registry: " + names);
            RegistryEntry daemon = Tractor.queryActor("host-daemon").orElseThrow();
            say("daemon at: " + daemon.addresses());
            Tractor.findActor("host-daemon", portal -> {
                say("called: " + portal.run(Hosting::hello, "client"));
                // Streams that an earlier client left open end when its connection does.
                long deadline = System.nanoTime() + PATIENCE.toNanos();
                int others;
                while ((others = portal.run(Hosting::openStreams)) > 0 && System.nanoTime() < deadline) {
                    Sc.sleep(Duration.ofMillis(20));
                }
                say("other streams: " + others);
                portal.openContext(Hosting::ticks, count, millis, (ctx, first) -> {
                    say("context open: " + first);
                    try (MsgStream<Integer, Void> stream = ctx.openStream(Integer.class, Void.class)) {
                        for (int value : stream) {
                            say("got " + value);
                        }
                    }
                    say("result: " + ctx.<Integer>result());
                    return null;
                });
                if (child) { // a child of the daemon, listening on the daemon's host, found through the registry
                    portal.openContext(Hosting::hostsChild, registry.host(), (ctx, where) -> {
                        say("child at: " + where);
                        say("called child: " + Tractor.findActor("host-child", p -> p.run(Hosting::hello, "client"))
                                .orElse("nobody"));
                        ctx.cancel();
                        say("child context result: " + ctx.result());
                        return null;
                    });
                }
                return null;
            });
            return null;
        });
        say("done");
    }

    private static List<String> awaitRegistry(java.util.function.Predicate<List<String>> ok) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (true) {
            List<String> names = Tractor.registry().stream().map(RegistryEntry::name).sorted().toList();
            if (ok.test(names) || System.nanoTime() > deadline) {
                return names;
            }
            Sc.sleep(Duration.ofMillis(20));
        }
    }

    /** Exits (running the shutdown hooks: the root is cancelled in order) once standard input ends. */
    private static void exitWhenInputEnds() {
        Thread.ofPlatform().daemon().name("stdin").start(() -> {
            try {
                while (System.in.read() >= 0) {
                    // only the end matters
                }
            } catch (java.io.IOException ignored) {
                // ended too
            }
            say("input ended");
            System.exit(4);
        });
    }

    private static void say(String line) {
        synchronized (System.out) {
            System.out.println(line);
            System.out.flush();
        }
    }
}
