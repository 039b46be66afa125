package dev.tractor;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;

/**
 * A program that does not use discovery, on a host where a stranger holds the registry port: it first
 * listens on 127.0.0.1:1616 itself, accepting connections and never answering (run it in a network
 * namespace of its own), then runs a tree with one child.
 */
public final class StrangerProgram {
    private StrangerProgram() {
    }

    public static void main(String[] args) throws Exception {
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
        String done = Tractor.openNursery(an -> an.runInActor("worker", Work::busy, 10).result());
        System.out.println("worker " + done);
    }
}
