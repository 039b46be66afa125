package dev.tractor.internal.ipc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tractor.internal.msg.Msg;
import dev.tractor.internal.msg.MsgCodec;
import dev.tractor.internal.msg.Payload;
import dev.tractor.ipc.Address;
import dev.tractor.ipc.FrameTooLarge;
import dev.tractor.ipc.TransportClosed;
import dev.tractor.msg.MalformedMessage;
import dev.tractor.sc.Sc;
import dev.tractor.sc.Timeouts;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every transport must do; one subclass per transport (JCTools-style contract suite). */
abstract class ChannelContractTest {
    private Server server;
    private Channel client;
    private Channel accepted;

    /** Where this transport's server listens. */
    abstract Address listenAddress();

    @BeforeEach
    void connect() throws Exception {
        server = Server.bind(listenAddress());
        AtomicReference<Channel> acceptedRef = new AtomicReference<>();
        Thread acceptor = Thread.ofVirtual().start(() -> acceptedRef.set(server.accept()));
        client = Channel.connect(server.address());
        acceptor.join(10_000);
        accepted = acceptedRef.get();
    }

    @AfterEach
    void closeAll() {
        client.close();
        if (accepted != null) {
            accepted.close();
        }
        server.close();
    }

    @Test
    void messagesTravelBothWays() {
        Msg yield = new Msg.Yield("cid-1", Payload.of(List.of(1, 2, 3)));
        client.send(yield);
        assertEquals(yield, accepted.receive());
        Msg stop = new Msg.Stop("cid-1");
        accepted.send(stop);
        assertEquals(stop, client.receive());
    }

    @Test
    void sixteenThreadsSendingProduceOnlyWholeFrames() throws Exception {
        int threads = 16;
        int each = 500;
        List<Thread> senders = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            String cid = "sender-" + t;
            senders.add(Thread.ofVirtual().start(() -> {
                for (int i = 0; i < each; i++) {
                    // payloads of varied size so that frames straddle buffer boundaries
                    client.send(new Msg.Yield(cid, Payload.of("x".repeat(i % 300) + i)));
                }
            }));
        }
        Map<String, Integer> next = new ConcurrentHashMap<>();
        for (int n = 0; n < threads * each; n++) {
            Msg.Yield y = assertInstanceOf(Msg.Yield.class, accepted.receive());
            int expected = next.getOrDefault(y.cid(), 0);
            String text = y.pld().as(String.class);
            assertEquals(expected, Integer.parseInt(text.replace("x", "")), "messages of one sender stay in order");
            next.put(y.cid(), expected + 1);
        }
        for (Thread s : senders) {
            s.join();
        }
        assertEquals(threads, next.size());
        next.values().forEach(v -> assertEquals(each, v));
    }

    @Test
    void aPeerThatClosesEndsTheReceiverCleanly() {
        client.send(new Msg.Stop("last"));
        client.close();
        assertEquals(new Msg.Stop("last"), accepted.receive());
        TransportClosed e = assertThrows(TransportClosed.class, accepted::receive);
        assertTrue(e.clean(), e.getMessage());
        assertThrows(TransportClosed.class, () -> client.send(new Msg.Stop("after close")));
    }

    @Test
    void closeWritesEverythingQueuedFirst() throws Exception {
        int count = 20_000;
        List<Msg> received = new ArrayList<>();
        AtomicReference<TransportClosed> end = new AtomicReference<>();
        Thread reader = Thread.ofVirtual().start(() -> {
            try {
                for (;;) {
                    received.add(accepted.receive());
                }
            } catch (TransportClosed e) {
                end.set(e);
            }
        });
        for (int i = 0; i < count; i++) {
            client.send(new Msg.Yield("burst", Payload.of(i)));
        }
        client.close(); // right after the burst: most of it is still queued, and close waits for it
        reader.join(10_000);
        assertEquals(count, received.size());
        for (int i = 0; i < count; i++) {
            assertEquals(new Msg.Yield("burst", Payload.of(i)), received.get(i));
        }
        assertTrue(end.get().clean(), end.get().getMessage());
    }

    @Test
    void aConnectionThatBreaksFailsLaterSendsWithTheCause() throws Exception {
        accepted.close();
        TransportClosed e = null;
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
        while (e == null && System.nanoTime() < deadline) {
            try {
                client.send(new Msg.Yield("into the void", Payload.of(new byte[1024])));
                Thread.sleep(1);
            } catch (TransportClosed thrown) {
                e = thrown;
            }
        }
        assertTrue(e != null, "sending to a closed peer fails within 10 s");
        assertTrue(e.getMessage().startsWith("sending to " + client.peer() + " failed: "), e.getMessage());
        assertThrows(TransportClosed.class, client::receive, "the broken channel's reader ends too");
    }

    @Test
    void closingUnblocksAReceiverInAnotherThread() throws Exception {
        CountDownLatch ended = new CountDownLatch(1);
        AtomicReference<Throwable> outcome = new AtomicReference<>();
        Thread reader = Thread.ofVirtual().start(() -> {
            try {
                accepted.receive();
            } catch (Throwable t) {
                outcome.set(t);
            } finally {
                ended.countDown();
            }
        });
        while (reader.getState() != Thread.State.WAITING && reader.getState() != Thread.State.TIMED_WAITING) {
            Thread.sleep(1);
        }
        accepted.close();
        assertTrue(ended.await(10, java.util.concurrent.TimeUnit.SECONDS));
        assertInstanceOf(TransportClosed.class, outcome.get());
    }

    @Test
    void aMalformedFrameFailsOnlyItselfAndTheNextFrameStillArrives() {
        client.sendFrame(new byte[] {(byte) 0x93, 1, 2, 3}); // msgpack, but an array, not a message
        assertThrows(MalformedMessage.class, accepted::receive);
        client.sendFrame(new byte[] {(byte) 0xc1});          // not even msgpack
        assertThrows(dev.tractor.msg.MsgPackException.class, accepted::receive);
        client.send(new Msg.Stop("still fine"));
        assertEquals(new Msg.Stop("still fine"), accepted.receive());
    }

    @Test
    void aFrameOverTheServersLimitIsRefused() throws Exception {
        try (Server small = Server.bind(listenAddress(), 1024)) {
            AtomicReference<Channel> acceptedRef = new AtomicReference<>();
            Thread acceptor = Thread.ofVirtual().start(() -> acceptedRef.set(small.accept()));
            try (Channel c = Channel.connect(small.address())) {
                acceptor.join(10_000);
                try (Channel a = acceptedRef.get()) {
                    c.sendFrame(new byte[1025]);
                    assertThrows(FrameTooLarge.class, a::receiveFrame);
                }
            }
        }
    }

    @Test
    void framesOfEverySizeArriveWhole() throws Exception {
        int[] sizes = {0, 1, 4, 65_531, 65_532, 65_536, 65_537, 200_000, 3 * 1024 * 1024};
        Thread sender = Thread.ofVirtual().start(() -> {
            for (int size : sizes) {
                byte[] body = new byte[size];
                java.util.Arrays.fill(body, (byte) size);
                client.sendFrame(body);
            }
        });
        for (int size : sizes) {
            byte[] body = accepted.receiveFrame();
            assertEquals(size, body.length);
            for (byte b : body) {
                if (b != (byte) size) {
                    throw new AssertionError("a frame of " + size + " bytes came back altered");
                }
            }
        }
        sender.join();
    }

    @Test
    void aFrameCutShortEndsTheConnectionSayingWhere() throws Exception {
        try (java.nio.channels.SocketChannel raw = java.nio.channels.SocketChannel.open(server.address().socketAddress())) {
            Thread.ofVirtual().start(() -> acceptAndKeep(server)).join(10_000);
            raw.write(java.nio.ByteBuffer.wrap(new byte[] {10, 0, 0, 0, 1, 2, 3})); // 3 of 10 body bytes
        }
        TransportClosed e = assertThrows(TransportClosed.class, () -> lastAccepted.get().receiveFrame());
        assertTrue(e.getMessage().endsWith("ended inside a frame (3 of 10 bytes)"), e.getMessage());
        assertTrue(!e.clean());
        lastAccepted.get().close();
    }

    private final AtomicReference<Channel> lastAccepted = new AtomicReference<>();

    private void acceptAndKeep(Server s) {
        lastAccepted.set(s.accept());
    }

    @Test
    void rawFramesRoundTrip() {
        byte[] body = MsgCodec.encode(new Msg.CancelAck("c", true));
        client.sendFrame(body);
        assertArrayEquals(body, accepted.receiveFrame());
    }

    /**
     * Sends numbered frames from a task until its {@code moveOnAfter} gives up on a peer that does not
     * read; returns the number of the last send that returned (the frames 0..that one are sent).
     */
    private int floodUntilCancelled(Duration deadline, AtomicBoolean movedOn) throws Exception {
        AtomicInteger lastSent = new AtomicInteger(-1);
        Sc.run(() -> {
            Optional<Object> done = Timeouts.moveOnAfter(deadline, () -> {
                for (int i = 0; ; i++) {
                    client.send(new Msg.Yield("flood", Payload.of(i + ":" + "x".repeat(1000))));
                    lastSent.set(i);
                }
            });
            movedOn.set(done.isEmpty());
        });
        return lastSent.get();
    }

    @Test
    void aTaskWaitingForRoomIsCancelledAndItsFrameIsNotSent() throws Exception {
        AtomicBoolean movedOn = new AtomicBoolean();
        long start = System.nanoTime();
        int lastSent = floodUntilCancelled(Duration.ofMillis(300), movedOn); // the peer reads nothing meanwhile
        long tookMillis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(movedOn.get(), "the deadline ended the sends");
        assertTrue(tookMillis < 8_000, "the wait for room was cancelled at its deadline, took " + tookMillis + " ms");
        assertTrue(lastSent > 1000, "the queue filled first: " + lastSent);
        // Now the peer reads: exactly the frames whose send returned arrive, then what is sent next.
        Thread after = Thread.ofVirtual().start(() -> client.send(new Msg.Stop("after"))); // waits for room
        for (int i = 0; i <= lastSent; i++) {
            Msg.Yield y = assertInstanceOf(Msg.Yield.class, accepted.receive());
            assertEquals(i, Integer.parseInt(y.pld().as(String.class).split(":")[0]));
        }
        assertEquals(new Msg.Stop("after"), accepted.receive(), "the cancelled sender's frame was not queued");
        after.join(10_000);
    }

    @Test
    void aControlMessageIsQueuedAtOnceWhileThePeerIsBehind() throws Exception {
        int lastSent = floodUntilCancelled(Duration.ofMillis(300), new AtomicBoolean());
        AtomicBoolean returned = new AtomicBoolean();
        Thread reader = Thread.ofVirtual().start(() -> {
            client.sendControl(new Msg.Stop("control")); // over the bound: a reader loop must never wait
            returned.set(true);
        });
        reader.join(5_000);
        assertTrue(returned.get(), "sendControl returned while the queue is over its bound");
        for (int i = 0; i <= lastSent; i++) {
            assertInstanceOf(Msg.Yield.class, accepted.receive());
        }
        assertEquals(new Msg.Stop("control"), accepted.receive(), "in order, after what was queued");
        client.close();
        assertThrows(TransportClosed.class, () -> client.sendControl(new Msg.Stop("closed")));
    }

    @Test
    void closeNowDoesNotWaitForAPeerThatDoesNotRead() throws Exception {
        floodUntilCancelled(Duration.ofMillis(300), new AtomicBoolean());
        Thread graceful = Thread.ofVirtual().start(client::close); // would wait its 2 s grace
        long start = System.nanoTime();
        client.closeNow();
        assertTrue(client.isClosed());
        graceful.join(Channel.CLOSE_GRACE.toMillis() * 3);
        assertFalse(graceful.isAlive());
        long tookMillis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(tookMillis < Channel.CLOSE_GRACE.toMillis(), "closeNow cut the graceful close short: "
                + tookMillis + " ms");
        assertThrows(TransportClosed.class, () -> {
            for (;;) {
                accepted.receive(); // what got through, then the end
            }
        });
    }

    /**
     * Small frames at a quiet pace are each eligible for an inline write; to a peer that does not read
     * (nor send), the sender must still never block in the kernel, where cancellation cannot reach it.
     */
    @Test
    void aSenderAtAQuietPaceToAPeerThatDoesNotReadIsStillCancelledAtItsDeadline() throws Exception {
        AtomicInteger sent = new AtomicInteger();
        AtomicBoolean movedOn = new AtomicBoolean();
        Sc.run(() -> {
            boolean finished = Timeouts.moveOnAfter(Duration.ofSeconds(2), () -> {
                for (int i = 0; i < 1_000_000; i++) {
                    client.send(new Msg.Yield("trickle", Payload.of(new byte[1024])));
                    sent.incrementAndGet();
                    Sc.sleep(Duration.ofNanos(2 * Outbox.QUIET_NANOS)); // quiet again before the next
                }
            });
            movedOn.set(!finished);
        });
        assertTrue(movedOn.get(), "the deadline ended the sends");
        // Written inline one by one, these would have filled the kernel's buffers long before (a few hundred
        // KiB); then a write would have blocked there for ever.
        assertTrue(sent.get() > 1000, sent.get() + " frames sent");
    }
}
