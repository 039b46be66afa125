package dev.tractor.sc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class MemoryChannelTest {

    @Test
    void rendezvousHandsEachValueFromSenderToReceiver() throws Exception {
        List<String> log = Collections.synchronizedList(new ArrayList<>());
        Sc.run(() -> {
            MemoryChannel<Integer> ch = MemoryChannel.open(0);
            Nursery.open(n -> {
                n.startSoon("sender", () -> {
                    for (int i = 0; i < 3; i++) {
                        ch.sender().send(i);
                        log.add("sent " + i);
                    }
                    ch.sender().close();
                });
                Sc.sleep(Duration.ofMillis(20));
                log.add("receiver starts");
                for (int v : ch.receiver()) {
                    log.add("got " + v);
                }
            });
        });
        assertEquals("receiver starts", log.getFirst(), "a rendezvous send waits for its receiver");
        assertEquals(List.of("got 0", "got 1", "got 2"), log.stream().filter(s -> s.startsWith("got")).toList());
        assertTrue(log.indexOf("got 0") < log.indexOf("sent 1"));
    }

    @Test
    void aBoundedChannelBlocksTheSenderAtCapacity() throws Exception {
        Sc.run(() -> {
            MemoryChannel<Integer> ch = MemoryChannel.open(2);
            AtomicInteger sent = new AtomicInteger();
            AtomicReference<Thread> sender = new AtomicReference<>();
            Nursery.open(n -> {
                n.startSoon("sender", () -> {
                    sender.set(Thread.currentThread());
                    for (int i = 0; i < 5; i++) {
                        ch.sender().send(i);
                        sent.incrementAndGet();
                    }
                });
                TestSupport.awaitParkedInTask(sender);
                assertEquals(2, sent.get(), "two values fit in the buffer, the third send waits");
                assertEquals(0, ch.receiver().receive());
                while (sent.get() < 3) {
                    Sc.sleep(Duration.ofMillis(1));
                }
                TestSupport.awaitParkedInTask(sender);
                assertEquals(3, sent.get(), "one taken, one more sent, and the fourth waits");
                assertEquals(List.of(1, 2, 3, 4), List.of(ch.receiver().receive(), ch.receiver().receive(),
                        ch.receiver().receive(), ch.receiver().receive()));
            });
        });
    }

    @Test
    void unboundedNeverBlocksAndKeepsOrder() throws Exception {
        Sc.run(() -> {
            MemoryChannel<Integer> ch = MemoryChannel.unbounded();
            for (int i = 0; i < 10_000; i++) {
                ch.sender().send(i);
            }
            ch.sender().close();
            int expected = 0;
            for (int v : ch.receiver()) {
                assertEquals(expected++, v);
            }
            assertEquals(10_000, expected);
        });
    }

    @Test
    void receiversGetBufferedValuesThenEndOfChannelOnceEverySenderCloneIsClosed() throws Exception {
        Sc.run(() -> {
            MemoryChannel<String> ch = MemoryChannel.open(10);
            SendChannel<String> second = ch.sender().clone();
            ch.sender().send("a");
            ch.sender().close();
            second.send("b");
            assertEquals("a", ch.receiver().receive());
            assertEquals(Optional.empty(), Optional.empty());
            second.close();
            assertEquals("b", ch.receiver().receive());
            assertThrows(EndOfChannel.class, () -> ch.receiver().receive());
            assertThrows(EndOfChannel.class, () -> ch.receiver().tryReceive());
        });
    }

    @Test
    void closingTheLastSenderWakesWaitingReceiversWithEndOfChannel() throws Exception {
        AtomicReference<Throwable> seen = new AtomicReference<>();
        Sc.run(() -> {
            MemoryChannel<String> ch = MemoryChannel.open(0);
            Nursery.open(n -> {
                n.startSoon("receiver", () -> {
                    try {
                        ch.receiver().receive();
                    } catch (EndOfChannel e) {
                        seen.set(e);
                    }
                });
                Sc.sleep(Duration.ofMillis(20));
                ch.sender().close();
            });
        });
        assertTrue(seen.get() instanceof EndOfChannel);
    }

    @Test
    void sendersGetBrokenResourceOnceEveryReceiverCloneIsClosed() throws Exception {
        AtomicReference<Throwable> waitingSender = new AtomicReference<>();
        Sc.run(() -> {
            MemoryChannel<String> ch = MemoryChannel.open(1);
            ReceiveChannel<String> second = ch.receiver().clone();
            ch.sender().send("buffered");
            Nursery.open(n -> {
                n.startSoon("sender", () -> {
                    try {
                        ch.sender().send("blocked");
                    } catch (BrokenResource e) {
                        waitingSender.set(e);
                    }
                });
                Sc.sleep(Duration.ofMillis(20));
                ch.receiver().close();
                Sc.sleep(Duration.ofMillis(10));
                assertEquals(null, waitingSender.get(), "one receiving clone is still open");
                second.close();
            });
            assertThrows(BrokenResource.class, () -> ch.sender().send("x"));
            assertThrows(BrokenResource.class, () -> ch.sender().trySend("x"));
        });
        assertTrue(waitingSender.get() instanceof BrokenResource);
    }

    @Test
    void aHandleClosedByItsOwnerRaisesClosedResource() throws Exception {
        Sc.run(() -> {
            MemoryChannel<String> ch = MemoryChannel.open(1);
            SendChannel<String> tx = ch.sender().clone();
            tx.close();
            tx.close(); // idempotent
            assertThrows(ClosedResource.class, () -> tx.send("x"));
            assertThrows(ClosedResource.class, () -> tx.trySend("x"));
            assertThrows(ClosedResource.class, tx::clone);
            ReceiveChannel<String> rx = ch.receiver().clone();
            rx.close();
            assertThrows(ClosedResource.class, rx::receive);
            assertThrows(ClosedResource.class, rx::tryReceive);
            assertThrows(ClosedResource.class, rx::clone);
            ch.sender().send("still works through the other handles");
            assertEquals("still works through the other handles", ch.receiver().receive());
        });
    }

    @Test
    void closingAHandleWakesTasksBlockedOnThatHandleWithClosedResource() throws Exception {
        List<String> seen = Collections.synchronizedList(new ArrayList<>());
        Sc.run(() -> {
            MemoryChannel<String> ch = MemoryChannel.open(0);
            ReceiveChannel<String> rx = ch.receiver().clone();
            SendChannel<String> tx = ch.sender().clone();
            AtomicReference<Thread> receiver = new AtomicReference<>();
            Nursery.open(n -> {
                n.startSoon("receiver", () -> {
                    receiver.set(Thread.currentThread());
                    try {
                        rx.receive();
                    } catch (ClosedResource e) {
                        seen.add("receiver: ClosedResource");
                    }
                });
                TestSupport.awaitParkedInTask(receiver);
                rx.close();
            });
            AtomicReference<Thread> sender = new AtomicReference<>();
            Nursery.open(n -> {
                n.startSoon("sender", () -> {
                    sender.set(Thread.currentThread());
                    try {
                        tx.send("nobody receives this");
                    } catch (ClosedResource e) {
                        seen.add("sender: ClosedResource");
                    }
                });
                TestSupport.awaitParkedInTask(sender);
                tx.close();
            });
            assertEquals(Optional.empty(), ch.receiver().tryReceive(), "the failed send left nothing behind");
        });
        assertEquals(List.of("receiver: ClosedResource", "sender: ClosedResource"), seen);
    }

    @Test
    void trySendAndTryReceiveNeverBlock() throws Exception {
        Sc.run(() -> {
            MemoryChannel<String> ch = MemoryChannel.open(1);
            assertEquals(Optional.empty(), ch.receiver().tryReceive());
            assertTrue(ch.sender().trySend("a"));
            assertFalse(ch.sender().trySend("b"), "buffer full");
            assertEquals(Optional.of("a"), ch.receiver().tryReceive());
            MemoryChannel<String> rendezvous = MemoryChannel.open(0);
            assertFalse(rendezvous.sender().trySend("nobody waits"));
        });
    }

    @Test
    void cancelledSendDoesNotSendAndCancelledReceiveLosesNothing() throws Exception {
        Sc.run(() -> {
            MemoryChannel<String> ch = MemoryChannel.open(0);
            assertFalse(Timeouts.moveOnAfter(Duration.ofMillis(10), () -> ch.sender().send("withdrawn")));
            assertEquals(Optional.empty(), ch.receiver().tryReceive(), "the withdrawn value is gone");

            MemoryChannel<String> buffered = MemoryChannel.open(5);
            assertTrue(Timeouts.moveOnAfter(Duration.ofMillis(10), () -> buffered.receiver().receive()).isEmpty());
            buffered.sender().send("kept");
            assertEquals("kept", buffered.receiver().receive());
        });
    }

    @Test
    void manySendersAndReceiversDeliverEveryValueExactlyOnce() throws Exception {
        int senders = 4;
        int perSender = 2_000;
        List<Integer> received = Collections.synchronizedList(new ArrayList<>());
        Sc.run(() -> {
            MemoryChannel<Integer> ch = MemoryChannel.open(3);
            Nursery.open(n -> {
                for (int s = 0; s < senders; s++) {
                    SendChannel<Integer> tx = ch.sender().clone();
                    int base = s * perSender;
                    n.startSoon("sender-" + s, () -> {
                        try (tx) {
                            for (int i = 0; i < perSender; i++) {
                                tx.send(base + i);
                            }
                        }
                    });
                }
                ch.sender().close();
                for (int r = 0; r < 3; r++) {
                    ReceiveChannel<Integer> rx = ch.receiver().clone();
                    n.startSoon("receiver-" + r, () -> {
                        try (rx) {
                            for (int v : rx) {
                                received.add(v);
                            }
                        }
                    });
                }
                ch.receiver().close();
            });
        });
        assertEquals(senders * perSender, received.size());
        assertEquals(senders * perSender, received.stream().distinct().count());
    }

    @Test
    void nullValuesAndNegativeCapacitiesAreRefused() throws Exception {
        assertThrows(IllegalArgumentException.class, () -> MemoryChannel.open(-1));
        Sc.run(() -> {
            MemoryChannel<String> ch = MemoryChannel.open(1);
            assertThrows(NullPointerException.class, () -> ch.sender().send(null));
            assertThrows(NullPointerException.class, () -> ch.sender().trySend(null));
        });
    }
}
