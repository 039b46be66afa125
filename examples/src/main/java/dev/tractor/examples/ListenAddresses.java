package dev.tractor.examples;

import dev.tractor.Actor;
import dev.tractor.ActorOptions;
import dev.tractor.Portal;
import dev.tractor.Tractor;
import dev.tractor.ipc.Address;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where actors listen: a root on a Unix socket of its choosing and on a TCP port, and a child on a TCP
 * port of its own.
 *
 * <p>By default an actor listens on one Unix socket in the user's socket directory. With
 * {@code withBindAddresses} it listens where it is told, on one address or several (port 0: a free port,
 * reported with the real number by {@code Actor.addresses()}). Its children connect back to its first
 * address; every connection, on any address, must prove the tree's secret.
 */
public final class ListenAddresses {
    private ListenAddresses() {
    }

    /** Where the actor that runs this listens. */
    public static String whereAmI() {
        Actor me = Tractor.currentActor();
        return me.name() + " listens on " + me.addresses();
    }

    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("tractor-listen");
        Address.Uds hubSocket = new Address.Uds(dir.resolve("hub.sock"));
        ActorOptions root = ActorOptions.defaults().withBindAddresses(hubSocket, Address.Tcp.loopback(0));
        try {
            Tractor.run("hub", root, () -> {
                System.out.println(whereAmI());
                return Tractor.openNursery(an -> {
                    Portal worker = an.startActor("worker", ActorOptions.enable(ListenAddresses.class)
                            .withBindAddresses(Address.Tcp.loopback(0)));
                    System.out.println(worker.run(ListenAddresses::whereAmI));
                    System.out.println("the worker connected back to " + Tractor.currentActor().address());
                    return null;
                });
            });
            System.out.println("the hub's socket file is gone: " + !Files.exists(hubSocket.path()));
        } finally {
            Files.deleteIfExists(hubSocket.path());
            Files.delete(dir);
        }
    }
}
