package dev.tractor;

import dev.tractor.internal.ipc.Channel;
import dev.tractor.internal.ipc.Server;
import dev.tractor.internal.msg.Msg;
import dev.tractor.ipc.Address;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;

/**
 * A program that does not use discovery, on a host where a stranger holds the registry port: it first
 * listens on 127.0.0.1:1616 itself (run it in a network namespace of its own), accepting connections and
 * never answering or, with {@code -Dstranger.python=true}, answering as a Python tractor registrar does:
 * with its identity first. Then it runs a tree with one child.
 */
public final class StrangerProgram {
    private StrangerProgram() {
    }

    public static void main(String[] args) throws Exception {
        if (Boolean.getBoolean("stranger.python")) {
            pythonRegistrar();
        } else {
            silentStranger();
        }
        String done = Tractor.openNursery(an -> an.runInActor("worker", Work::busy, 10).result());
        System.out.println("worker " + done);
    }

    /** Opens every connection with an {@code Aid}, as Python tractor's handshake does, and then waits. */
    private static void pythonRegistrar() {
        Server server = Server.bind(Address.Tcp.loopback(1616));
        Msg.Aid aid = new Msg.Aid("registrar", "0b5e7a4c-python", 4242, true, false);
        Thread.ofPlatform().daemon().start(() -> {
            for (;;) {
                Channel channel = server.accept();
                channel.send(aid);
            }
        });
    }

    private static void silentStranger() throws java.io.IOException {
        ServerSocket stranger = new ServerSocket(1616, 50, InetAddress.getLoopbackAddress());
        List<Socket> held = new ArrayList<>();
        Thread.ofPlatform().daemon().start(() -> {
            try {
                for (;;) {
                    held.add(stranger.accept()); // and never a word
                }
            } catch (java.io.IOException closed) {
                // the program ends
            }
        });
    }
}
