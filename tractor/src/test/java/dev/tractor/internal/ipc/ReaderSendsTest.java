package dev.tractor.internal.ipc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tractor.internal.msg.Msg;
import dev.tractor.internal.msg.Payload;
import dev.tractor.ipc.Address;
import dev.tractor.ipc.Secret;
import dev.tractor.sc.Nursery;
import dev.tractor.sc.Sc;
import dev.tractor.sc.Timeouts;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * What a reader loop sends (overrun notices, refusals) goes through {@link Channel#sendControl}, which
 * never waits. The case it exists for: both ends stream at each other and both readers answer what they
 * read. If a reader waited for room in its own outbox, it would stop reading, the other side's outbox
 * would fill, its reader would wait too, and neither outbox would ever drain again.
 */
class ReaderSendsTest {
    private static final Msg.Aid SERVER = new Msg.Aid("server", "uuid-s", 1, false, false);
    private static final Msg.Aid CLIENT = new Msg.Aid("client", "uuid-c", 2, false, false);
    private static final int FRAMES = 1500;
    private static final int FRAME_BYTES = 16 * 1024;

    /** Counts the stream's frames and answers each with a small notice, as an overrun would. */
    private static final class Answering implements PeerHandler {
        final AtomicInteger streamed = new AtomicInteger();
        final CompletableFuture<Peer> peer = new CompletableFuture<>();

        @Override
        public void connected(Peer p) {
            peer.complete(p);
        }

        @Override
        public void received(Peer p, Msg msg) {
            if (msg instanceof Msg.Yield) {
                streamed.incrementAndGet();
                p.sendControl(new Msg.Stop("notice"));
            }
        }
    }

    @Test
    void twoReadersThatAnswerWhileBothEndsStreamNeverStall() throws Exception {
        Secret secret = Secret.generate();
        Answering serverSide = new Answering();
        Answering clientSide = new Answering();
        try (Server server = Server.bind(Address.Tcp.loopback(0))) {
            server.serve(secret, SERVER, serverSide);
            Channel channel = Channel.connect(server.address());
            try {
                Handshake.connect(channel, secret, CLIENT);
                ReaderLoop.start(new Peer(channel, SERVER), clientSide);
                Peer toServer = clientSide.peer.get();
                Peer toClient = serverSide.peer.get();
                boolean finished = Sc.run(() -> Timeouts.moveOnAfter(Duration.ofSeconds(20), () -> Nursery.open(n -> {
                    n.startSoon(() -> stream(toServer));
                    n.startSoon(() -> stream(toClient));
                })));
                assertTrue(finished, "both streams went through; readers: server " + serverSide.streamed
                        + ", client " + clientSide.streamed + " of " + FRAMES);
                long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
                while ((serverSide.streamed.get() < FRAMES || clientSide.streamed.get() < FRAMES)
                        && System.nanoTime() < deadline) {
                    Thread.sleep(5);
                }
                assertEquals(FRAMES, serverSide.streamed.get());
                assertEquals(FRAMES, clientSide.streamed.get());
            } finally {
                channel.closeNow();
            }
        }
    }

    private static void stream(Peer peer) {
        for (int i = 0; i < FRAMES; i++) {
            peer.send(new Msg.Yield("stream", Payload.of(new byte[FRAME_BYTES])));
        }
    }
}
