package dev.tractor.internal.ipc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tractor.internal.msg.Msg;
import dev.tractor.ipc.Address;
import dev.tractor.ipc.IpcException;
import dev.tractor.ipc.PeerWentSilent;
import dev.tractor.ipc.Secret;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * Heartbeats over real sockets, TCP and Unix-domain (ADR 0022): a peer that completes the handshake and
 * then never sends again is declared silent within the timeout, with an error naming it; a quiet peer whose
 * I/O threads run is not, over many timeouts; nor is one whose timeout is longer than this side's.
 */
class HeartbeatsTest {
    private static final Msg.Aid A = new Msg.Aid("alpha", "uuid-a", 11, false, false);
    private static final Msg.Aid B = new Msg.Aid("beta", "uuid-b", 22, false, false);
    private static final Duration SHORT = Duration.ofSeconds(1);

    private final Secret secret = Secret.generate();

    private static Address listenAddress(String transport) {
        return transport.equals("tcp") ? Address.Tcp.loopback(0)
                : Address.Uds.forActor("hb-" + UUID.randomUUID().toString().substring(0, 8), ProcessHandle.current().pid());
    }

    /** Two authenticated channels to each other: [0] the accepting side's, [1] the connecting side's. */
    private Channel[] connectedPair(Server server) throws Exception {
        CompletableFuture<Channel> accepted = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            try {
                Channel ch = server.accept();
                Handshake.accept(ch, secret, A, Duration.ofSeconds(10));
                accepted.complete(ch);
            } catch (RuntimeException e) {
                accepted.completeExceptionally(e);
            }
        });
        Channel client = Channel.connect(server.address());
        Handshake.connect(client, secret, B, Duration.ofSeconds(10));
        return new Channel[] {accepted.get(10, TimeUnit.SECONDS), client};
    }

    @ParameterizedTest
    @ValueSource(strings = {"tcp", "uds"})
    void aReceiveFromAPeerThatStopsSendingFailsWithinTheTimeoutNamingIt(String transport) throws Exception {
        try (Server server = Server.bind(listenAddress(transport))) {
            Channel[] pair = connectedPair(server);
            Channel watchedSide = pair[0];
            // pair[1] has completed the handshake (as a peer that sends heartbeats with a timeout of 1 s), and is
            // never read nor written again: a silent peer
            watchedSide.peerSendsHeartbeats(SHORT.toMillis());
            Heartbeats heartbeats = new Heartbeats(SHORT);
            heartbeats.watch(watchedSide, "actor 'beta' (uuid uuid-b, pid 22) at " + watchedSide.peer());
            long start = System.nanoTime();
            PeerWentSilent e = assertThrows(PeerWentSilent.class, watchedSide::receive);
            long tookMillis = (System.nanoTime() - start) / 1_000_000;
            assertTrue(tookMillis >= SHORT.toMillis(), "not before the timeout: " + tookMillis + " ms");
            assertTrue(e.getMessage().contains("actor 'beta' (uuid uuid-b, pid 22)") && e.getMessage().contains(
                    "went silent: nothing arrived from it for "), e.getMessage());
            assertTrue(e.silence().compareTo(SHORT) >= 0, "silent for " + e.silence());
            assertFalse(e.clean());
            assertTrue(watchedSide.isClosed());
            PeerWentSilent onSend = assertThrows(PeerWentSilent.class, () -> watchedSide.send(new Msg.Stop("c")),
                    "a send after it says why too");
            assertEquals(e.getMessage(), onSend.getMessage());
            pair[1].closeNow();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"tcp", "uds"})
    void aReaderLoopEndsWithPeerWentSilentAndTheHandlerLearnsIt(String transport) throws Exception {
        try (Server server = Server.bind(listenAddress(transport))) {
            Channel[] pair = connectedPair(server);
            pair[0].peerSendsHeartbeats(SHORT.toMillis()); // as its handshake said; then it never sends again
            CompletableFuture<IpcException> ended = new CompletableFuture<>();
            ReaderLoop loop = ReaderLoop.create(new Peer(pair[0], B), new PeerHandler() {
                @Override
                public void received(Peer peer, Msg msg) {
                }

                @Override
                public void ended(Peer peer, IpcException why) {
                    ended.complete(why);
                }
            }, new Heartbeats(SHORT));
            Thread.ofVirtual().start(loop::run);
            IpcException why = ended.get(20, TimeUnit.SECONDS); // before heartbeats: never
            assertInstanceOf(PeerWentSilent.class, why);
            assertTrue(why.getMessage().startsWith(transport.equals("tcp") ? "actor 'beta' (uuid uuid-b, pid 22) at /127.0.0.1:"
                    : "actor 'beta' (uuid uuid-b, pid 22), connected to our socket uds://"), why.getMessage());
            pair[1].closeNow();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"tcp", "uds"})
    void quietPeersWhoseIoThreadsRunAreNotSilentOverManyTimeouts(String transport) throws Exception {
        quietPairStaysUp(transport, new Heartbeats(SHORT), new Heartbeats(SHORT));
    }

    @Test
    void aPeerWithALongerTimeoutIsGivenThatLonger() throws Exception {
        // beta's heartbeats come only as often as its 3 s need; alpha waits that long for it, not its own 1 s
        quietPairStaysUp("tcp", new Heartbeats(SHORT), new Heartbeats(Duration.ofSeconds(3)));
    }

    /** Both sides read with reader loops and send nothing for five of the shorter timeouts. */
    private void quietPairStaysUp(String transport, Heartbeats alphaSide, Heartbeats betaSide) throws Exception {
        try (Server server = Server.bind(listenAddress(transport))) {
            Channel[] pair = connectedPair(server);
            pair[0].peerSendsHeartbeats(betaSide.timeout().toMillis()); // what each one's handshake would say
            pair[1].peerSendsHeartbeats(alphaSide.timeout().toMillis());
            List<Object> seen = new CopyOnWriteArrayList<>();
            CompletableFuture<Msg> hello = new CompletableFuture<>();
            PeerHandler handler = new PeerHandler() {
                @Override
                public void received(Peer peer, Msg msg) {
                    seen.add(msg);
                    hello.complete(msg);
                }

                @Override
                public void ended(Peer peer, IpcException why) {
                    seen.add(why);
                }
            };
            ReaderLoop alpha = ReaderLoop.create(new Peer(pair[0], B), handler, alphaSide);
            ReaderLoop beta = ReaderLoop.create(new Peer(pair[1], A), handler, betaSide);
            Thread.ofVirtual().start(alpha::run);
            Thread.ofVirtual().start(beta::run);
            Thread.sleep(SHORT.multipliedBy(5));
            assertEquals(List.of(), seen, "no end and no heartbeat reached a handler");
            pair[1].send(new Msg.Stop("still-here"));
            assertEquals(new Msg.Stop("still-here"), hello.get(10, TimeUnit.SECONDS));
            pair[0].close();
            pair[1].close();
            assertTrue(alpha.awaitEnd(Duration.ofSeconds(10)) && beta.awaitEnd(Duration.ofSeconds(10)));
        }
    }

    @Test
    void eachSideLearnsThePeersTimeoutInTheHandshake() throws Exception {
        try (Server server = Server.bind(Address.Tcp.loopback(0))) {
            Channel[] pair = connectedPair(server);
            long own = Heartbeats.shared().timeout().toMillis();
            assertEquals(own, pair[0].peerTimeoutMillis());
            assertEquals(own, pair[1].peerTimeoutMillis());
            pair[0].closeNow();
            pair[1].closeNow();
        }
    }

    @Test
    void aPeerThatSendsNoHeartbeatsIsNeverDeclaredSilent() throws Exception {
        // a peer with heartbeats off, or of a version before them (its proof has no timeout): its quiet means
        // nothing
        try (Server server = Server.bind(Address.Tcp.loopback(0))) {
            Channel[] pair = connectedPair(server);
            pair[0].peerSendsHeartbeats(0);
            CompletableFuture<Msg> received = new CompletableFuture<>();
            new Heartbeats(SHORT).watch(pair[0], "beta");
            Thread reader = Thread.ofVirtual().start(() -> received.complete(pair[0].receive()));
            Thread.sleep(SHORT.multipliedBy(4));
            assertFalse(pair[0].isClosed(), "still open after four timeouts");
            pair[1].send(new Msg.Stop("late"));
            assertEquals(new Msg.Stop("late"), received.get(10, TimeUnit.SECONDS));
            reader.join(10_000);
            pair[0].closeNow();
            pair[1].closeNow();
        }
    }

    @Test
    void aZeroTimeoutWatchesNothing() throws Exception {
        try (Server server = Server.bind(Address.Tcp.loopback(0))) {
            Channel[] pair = connectedPair(server);
            assertNull(new Heartbeats(Duration.ZERO).watch(pair[0], "beta"));
            pair[0].closeNow();
            pair[1].closeNow();
        }
    }

    @Test
    void theTimeoutIsADurationOrSeconds() {
        assertEquals(Heartbeats.DEFAULT_TIMEOUT, Heartbeats.timeoutFromProperty(null));
        assertEquals(Duration.ofSeconds(3), Heartbeats.timeoutFromProperty("PT3S"));
        assertEquals(Duration.ofSeconds(3), Heartbeats.timeoutFromProperty("pt3s"));
        assertEquals(Duration.ofMillis(2500), Heartbeats.timeoutFromProperty(" 2.5 "));
        assertEquals(Duration.ZERO, Heartbeats.timeoutFromProperty("0"));
        assertEquals(Heartbeats.DEFAULT_TIMEOUT, Heartbeats.timeoutFromProperty("soon"));
        assertEquals(Heartbeats.DEFAULT_TIMEOUT, Heartbeats.timeoutFromProperty("-5"));
    }

    @Test
    void aHeartbeatIsTakenInByReceiveAndNeverReturned() throws Exception {
        try (Server server = Server.bind(Address.Tcp.loopback(0))) {
            Channel[] pair = connectedPair(server);
            AtomicReference<Msg> got = new AtomicReference<>();
            pair[1].sendControl(new Msg.Heartbeat(7_000));
            pair[1].send(new Msg.Stop("after"));
            got.set(pair[0].receive());
            assertEquals(new Msg.Stop("after"), got.get());
            assertEquals(7_000, pair[0].peerTimeoutMillis());
            pair[0].closeNow();
            pair[1].closeNow();
        }
    }
}
