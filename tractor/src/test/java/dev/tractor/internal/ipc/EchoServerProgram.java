package dev.tractor.internal.ipc;

import dev.tractor.internal.msg.Msg;
import dev.tractor.ipc.Address;
import dev.tractor.ipc.IpcException;
import dev.tractor.ipc.Secret;
import dev.tractor.msg.MsgPackException;
import java.time.Duration;

/**
 * A server that echoes every Yield of an authenticated peer, in a JVM of its own (so that a test can give it
 * few file descriptors): {@code args[0]} is the secret in base64; prints {@code port N}, then serves until
 * its standard input ends.
 */
public final class EchoServerProgram {
    private EchoServerProgram() {
    }

    public static void main(String[] args) throws Exception {
        // As an actor has logged by then: the logger's first line opens files (the time-zone data) it could
        // not open once the descriptors have run out.
        System.getLogger("dev.tractor.ipc").log(System.Logger.Level.INFO, "echo server starting");
        Server server = Server.bind(Address.Tcp.loopback(0));
        server.serve(Secret.fromBase64(args[0]), new Msg.Aid("echo", "uuid-echo", ProcessHandle.current().pid(),
                false, false), new PeerHandler() {
                    @Override
                    public void connected(Peer peer) {
                    }

                    @Override
                    public void received(Peer peer, Msg msg) {
                        if (msg instanceof Msg.Yield y) {
                            peer.send(y);
                        }
                    }

                    @Override
                    public void malformed(Peer peer, MsgPackException error) {
                    }

                    @Override
                    public void ended(Peer peer, IpcException why) {
                    }
                }, Duration.ofSeconds(60)); // long: the flood holds its descriptors until the test closes it
        System.out.println("port " + ((Address.Tcp) server.address()).port());
        System.out.flush();
        while (System.in.read() >= 0) {
            // serve until the test closes the input
        }
        server.close();
    }
}
