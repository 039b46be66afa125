package dev.tractor.examples;

import dev.tractor.sc.BrokenResource;
import dev.tractor.sc.ClosedResource;
import dev.tractor.sc.EndOfChannel;
import dev.tractor.sc.MemoryChannel;
import dev.tractor.sc.Nursery;
import dev.tractor.sc.ReceiveChannel;
import dev.tractor.sc.Sc;
import dev.tractor.sc.SendChannel;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Memory channels: how tasks hand values to each other (trio's {@code open_memory_channel}).
 *
 * <p>A channel has a sending end and a receiving end. Each end can be cloned, and every handle is closed
 * on its own. The rules that make a stream end cleanly:
 * <ul>
 * <li>Receivers get {@link EndOfChannel} (and a {@code for} loop simply stops) once <em>every</em> sending
 *     handle is closed and the buffer is empty. So give each producer its own clone, close the original,
 *     and let each producer close its clone when it is done.</li>
 * <li>Senders get {@link BrokenResource} once every receiving handle is closed.</li>
 * <li>Using a handle you closed yourself raises {@link ClosedResource}.</li>
 * </ul>
 * {@code send} and {@code receive} are checkpoints: they wait (for room, for a value) and can be
 * cancelled. {@code trySend} and {@code tryReceive} never wait.
 */
public final class ChannelsExample {
    private ChannelsExample() {
    }

    public static void main(String[] args) throws Exception {
        Sc.run(() -> {
            fanIn();
            fanOut();
            closeRules();
        });
    }

    /** Several producers, one consumer: each producer owns a clone of the sending end. */
    static void fanIn() throws Exception {
        System.out.println("== fan-in: three producers, one consumer");
        MemoryChannel<String> channel = MemoryChannel.open(4); // senders may run 4 values ahead
        Map<String, Integer> received = new TreeMap<>(); // producer -> how many of its values arrived
        boolean[] inOrder = {true};
        Nursery.open(n -> {
            try (SendChannel<String> tx = channel.sender()) {
                for (String producer : List.of("a", "b", "c")) {
                    SendChannel<String> mine = tx.clone();
                    n.startSoon("producer-" + producer, () -> {
                        try (mine) { // closing the clone says "this producer is done"
                            for (int i = 0; i < 5; i++) {
                                mine.send(producer + i);
                            }
                        }
                    });
                }
            } // the original handle is closed here; otherwise the consumer below would wait forever

            try (ReceiveChannel<String> rx = channel.receiver()) {
                for (String value : rx) { // stops at EndOfChannel: when the last clone is closed
                    String producer = value.substring(0, 1);
                    int index = Integer.parseInt(value.substring(1));
                    // Values of different producers interleave, but each producer's arrive in order.
                    inOrder[0] &= index == received.getOrDefault(producer, 0);
                    received.merge(producer, 1, Integer::sum);
                }
            }
        });
        System.out.println("  values per producer: " + received + ", each producer's in order: " + inOrder[0]);
        System.out.println("  the loop ended when every producer had closed its handle");
    }

    /** One producer, several consumers: each value goes to exactly one of them. */
    static void fanOut() throws Exception {
        System.out.println("== fan-out: one queue, two workers sharing a cloned receiving end");
        MemoryChannel<Integer> jobs = MemoryChannel.open(0); // a rendezvous: each send waits for a taker
        Map<Integer, String> doneBy = new ConcurrentHashMap<>();
        AtomicInteger deliveries = new AtomicInteger();
        Nursery.open(n -> {
            try (ReceiveChannel<Integer> rx = jobs.receiver()) {
                for (String worker : List.of("w1", "w2")) {
                    ReceiveChannel<Integer> mine = rx.clone();
                    n.startSoon(worker, () -> {
                        try (mine) {
                            for (int job : mine) {
                                doneBy.put(job, worker);
                                deliveries.incrementAndGet();
                            }
                        }
                    });
                }
            }
            try (SendChannel<Integer> tx = jobs.sender()) {
                for (int job = 1; job <= 10; job++) {
                    tx.send(job);
                }
            } // closing the only sending handle ends both workers' loops
        });
        System.out.println("  " + doneBy.size() + " jobs, " + deliveries.get() + " deliveries"
                + (deliveries.get() == doneBy.size() ? ": each job went to exactly one worker" : ": DUPLICATES"));
    }

    static void closeRules() {
        System.out.println("== close rules");

        MemoryChannel<String> ended = MemoryChannel.open(1);
        ended.sender().send("last words");
        ended.sender().close();
        // Buffered values are still delivered after the senders are gone; then the channel ends.
        System.out.println("  receive() after close: " + ended.receiver().receive());
        try {
            ended.receiver().receive();
        } catch (EndOfChannel e) {
            System.out.println("  receive() again: EndOfChannel (" + e.getMessage() + ")");
        }

        MemoryChannel<String> broken = MemoryChannel.open(1);
        broken.receiver().close();
        try {
            broken.sender().send("anyone there?");
        } catch (BrokenResource e) {
            System.out.println("  send() with no receivers left: BrokenResource (" + e.getMessage() + ")");
        }

        MemoryChannel<String> closed = MemoryChannel.open(1);
        SendChannel<String> tx = closed.sender();
        tx.close();
        try {
            tx.send("too late");
        } catch (ClosedResource e) {
            System.out.println("  send() on a handle you closed: ClosedResource (" + e.getMessage() + ")");
        }

        MemoryChannel<String> full = MemoryChannel.open(1);
        System.out.println("  trySend into an empty buffer of 1: " + full.sender().trySend("x"));
        System.out.println("  trySend into a full buffer: " + full.sender().trySend("y") + " (never waits)");
        System.out.println("  tryReceive: " + full.receiver().tryReceive() + ", then " + full.receiver().tryReceive());
    }
}
