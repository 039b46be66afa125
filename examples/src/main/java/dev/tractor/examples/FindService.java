package dev.tractor.examples;

import dev.tractor.ActorOptions;
import dev.tractor.Portal;
import dev.tractor.Tractor;
import dev.tractor.discovery.RegistryEntry;
import java.util.List;

/**
 * A separate program that finds the {@link DiscoveryDaemon} by its name, {@code adder}, calls it, lists
 * every registered actor, and with {@code --stop} stops it.
 *
 * <p>Its root joins the tree through the registrar: it uses the same registry addresses and the same
 * secret as the daemon, finds the daemon's registrar there and registers with it. Then:
 * <ul>
 * <li>{@code Tractor.waitForActor(name, portal -> ...)} waits until an actor of that name is registered
 *     (at once if it is), connects to it and runs the block with a portal, as a nursery's portal;</li>
 * <li>{@code Tractor.queryActor(name)} only looks: the registrar's entry (pid, addresses), or empty;</li>
 * <li>{@code Tractor.registry()} lists every registered actor, oldest first;</li>
 * <li>{@code Tractor.findActor(name, portal -> ...)} connects if there is such an actor, and is empty
 *     if not: {@code portal.cancelActor()} through it asks the daemon to end, and its
 *     {@code runDaemon} returns.</li>
 * </ul>
 *
 * <p>It calls the daemon's function by reference ({@code DiscoveryDaemon::add}), since both programs
 * share this module's classes; a program without them would call it by name with
 * {@code portal.runFromNs("dev.tractor.examples.DiscoveryDaemon", "add", Map.of("a", 2, "b", 3))}.
 */
public final class FindService {
    private FindService() {
    }

    public static void main(String[] args) throws Exception {
        boolean stop = List.of(args).contains("--stop");
        Tractor.run("finder", ActorOptions.defaults(), () -> {
            int sum = Tractor.waitForActor("adder", adder -> adder.run(DiscoveryDaemon::add, 2, 3));
            System.out.println("adder says 2 + 3 = " + sum);

            RegistryEntry adder = Tractor.queryActor("adder").orElseThrow();
            System.out.println("adder is pid " + adder.pid() + ", listening on " + adder.addresses());

            System.out.println("the registry:");
            long me = Tractor.currentActor().pid();
            for (RegistryEntry e : Tractor.registry()) {
                System.out.println("  " + e.name() + " (pid " + e.pid() + (e.pid() == me ? ", this program" : "")
                        + (e.parent().isEmpty() ? ", a root" : ", a child") + ")");
            }

            if (stop) {
                boolean acknowledged = Tractor.findActor("adder", Portal::cancelActor).orElse(false);
                System.out.println("asked adder to stop: " + acknowledged);
            }
            return null;
        });
    }
}
