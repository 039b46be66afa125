package dev.tractor.examples;

import dev.tractor.internal.ipc.Channel;
import dev.tractor.internal.ipc.Handshake;
import dev.tractor.internal.ipc.Peer;
import dev.tractor.internal.ipc.PeerHandler;
import dev.tractor.internal.ipc.Server;
import dev.tractor.internal.msg.Msg;
import dev.tractor.internal.msg.Payload;
import dev.tractor.ipc.Address;
import dev.tractor.ipc.AuthenticationFailed;
import dev.tractor.ipc.Secret;
import dev.tractor.msg.PayloadMismatch;
import dev.tractor.msg.Uid;
import java.util.List;
import java.util.Optional;

/**
 * The wire underneath actors: a server on a Unix-domain socket, the authenticated handshake, messages
 * with typed payloads, and what happens to bad input. Actors do all of this for you; this shows the
 * layer on its own, in one process.
 *
 * <p>A look under the hood: the channels, the handshake and the messages are the runtime's insides
 * ({@code dev.tractor.internal}, ADR 0019), which the module does not export and which change without
 * notice. Programs use actors; this example runs on the class path, where nothing hides them.
 *
 * <ul>
 * <li>Every connection starts with a handshake in which both sides prove they hold the tree's
 *     {@link Secret} (the secret itself never travels) and exchange identities ({@link Msg.Aid}).</li>
 * <li>Payloads are msgpack, bound to Java types on receipt: a payload of the wrong shape fails that one
 *     message with a {@link PayloadMismatch} naming the path, and the connection carries on.</li>
 * <li>A peer without the secret is dropped (the server logs why) and the server keeps serving others.</li>
 * </ul>
 */
public final class WireExample {
    private WireExample() {
    }

    /** What the client sends: a point. */
    record Point(int x, int y) {
    }

    public static void main(String[] args) throws Exception {
        Secret secret = Secret.generate(); // actors share one per tree; here both sides are in this process
        Msg.Aid geometry = new Msg.Aid("geometry", "uuid-geometry", ProcessHandle.current().pid(), false, false);
        Msg.Aid client = new Msg.Aid("client", "uuid-client", ProcessHandle.current().pid(), false, false);
        Address.Uds address = Address.Uds.forActor("wire-example", ProcessHandle.current().pid());

        try (Server server = Server.bind(address)) {
            server.serve(secret, geometry, new Distances(geometry));
            System.out.println("== a server on " + (address.path().getParent().equals(Address.Uds.directory())
                    ? "a Unix socket in the per-user directory" : address));

            try (Channel channel = Channel.connect(server.address())) {
                Msg.Aid them = Handshake.connect(channel, secret, client);
                System.out.println("  handshake done: talking to '" + them.name() + "'");

                channel.send(new Msg.Yield("c1", Payload.of(new Point(3, 4))));
                Msg.Return answer = (Msg.Return) channel.receive();
                System.out.println("  sent Point[x=3, y=4], got back " + answer.pld().as(Double.class));

                System.out.println("== a payload of the wrong shape fails that message only");
                channel.send(new Msg.Yield("c2", Payload.of(List.of("three", 4))));
                Msg.Error error = (Msg.Error) channel.receive();
                System.out.println("  " + error.boxedType() + ": " + error.message().orElse("?"));
                channel.send(new Msg.Yield("c3", Payload.of(new Point(6, 8))));
                System.out.println("  the next message still works: "
                        + ((Msg.Return) channel.receive()).pld().as(Double.class));

                System.out.println("== a peer without the secret");
                try (Channel intruder = Channel.connect(server.address())) {
                    Handshake.connect(intruder, Secret.generate(), client);
                    System.out.println("  UNEXPECTED: the intruder got in");
                } catch (AuthenticationFailed e) {
                    System.out.println("  refused: " + e.getMessage().replace(server.address().toString(), "the server"));
                }
                channel.send(new Msg.Yield("c4", Payload.of(new Point(5, 12))));
                System.out.println("  the good peer is still served: "
                        + ((Msg.Return) channel.receive()).pld().as(Double.class));
            }
        }
        System.out.println("  server closed; socket file removed: " + !java.nio.file.Files.exists(address.path()));
    }

    /** Answers every point with its distance from the origin; a payload that is not a point gets an Error. */
    private record Distances(Msg.Aid self) implements PeerHandler {
        @Override
        public void received(Peer peer, Msg msg) {
            if (!(msg instanceof Msg.Yield(String cid, Payload pld))) {
                return;
            }
            try {
                Point p = pld.as(Point.class); // binds by the record's components, or fails with the path
                peer.send(new Msg.Return(cid, Payload.of(Math.hypot(p.x(), p.y()))));
            } catch (PayloadMismatch e) {
                Uid me = new Uid(self.name(), self.uuid());
                peer.send(new Msg.Error(me, "PayloadMismatch", "PayloadMismatch", List.of(me),
                        Optional.of(e.getMessage()), "", Optional.empty(), Optional.empty(), Optional.of(cid)));
            }
        }
    }
}
