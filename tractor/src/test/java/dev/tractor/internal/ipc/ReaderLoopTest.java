package dev.tractor.internal.ipc;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tractor.internal.msg.Msg;
import dev.tractor.ipc.Address;
import dev.tractor.ipc.IpcException;
import dev.tractor.ipc.TransportClosed;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class ReaderLoopTest {
    private static final Msg.Aid PEER = new Msg.Aid("peer", "uuid-p", 1, false, false);

    @Test
    void anErrorInTheHandlerEndsTheLoopButTheHandlerStillLearnsThatTheConnectionEnded() throws Exception {
        AssertionError bug = new AssertionError("a handler bug");
        CompletableFuture<IpcException> ended = new CompletableFuture<>();
        PeerHandler handler = new PeerHandler() {
            @Override
            public void received(Peer peer, Msg msg) {
                throw bug;
            }

            @Override
            public void ended(Peer peer, IpcException why) {
                ended.complete(why);
            }
        };
        try (Server server = Server.bind(Address.Tcp.loopback(0))) {
            AtomicReference<Channel> accepted = new AtomicReference<>();
            Thread acceptor = Thread.ofVirtual().start(() -> accepted.set(server.accept()));
            try (Channel client = Channel.connect(server.address())) {
                acceptor.join(10_000);
                ReaderLoop loop = ReaderLoop.create(new Peer(accepted.get(), PEER), handler);
                AtomicReference<Throwable> died = new AtomicReference<>();
                Thread reader = Thread.ofVirtual().start(() -> {
                    try {
                        loop.run();
                    } catch (Throwable t) {
                        died.set(t);
                    }
                });
                client.send(new Msg.Stop("c1"));
                IpcException why = ended.get(10, TimeUnit.SECONDS); // before the fix: never called
                assertInstanceOf(TransportClosed.class, why);
                assertSame(bug, why.getCause());
                assertTrue(loop.awaitEnd(Duration.ofSeconds(10)));
                reader.join(10_000);
                assertSame(bug, died.get(), "the error goes on");
                assertTrue(accepted.get().isClosed());
                assertThrows(TransportClosed.class, client::receive, "the peer sees the end");
            }
        }
    }
}
