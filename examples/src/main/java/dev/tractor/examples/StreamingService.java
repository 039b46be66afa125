package dev.tractor.examples;

import dev.tractor.ActorOptions;
import dev.tractor.Context;
import dev.tractor.Emitter;
import dev.tractor.MsgStream;
import dev.tractor.Overruns;
import dev.tractor.Portal;
import dev.tractor.Tractor;
import dev.tractor.sc.MemoryChannel;
import dev.tractor.sc.Nursery;
import dev.tractor.sc.SendChannel;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A streaming service of three actors (Python tractor's {@code full_fledged_streaming_service}): two
 * streamers, and an aggregator that merges their streams and streams the result on to the root.
 *
 * <pre>
 *   root --(context stream)-- aggregator --(one-way stream)-- streamer_1
 *                                        \--(one-way stream)-- streamer_2
 * </pre>
 *
 * <p>The root starts one daemon, {@code aggregator}, and opens a context of {@link #aggregate} in it. The
 * aggregator spawns the two streamers itself, in a nursery of its own inside the remote function (so they
 * are its children, and end with it), and reads a one-way stream of {@link #streamData} from each, one task
 * per stream. Both tasks push into one memory channel, whose bounded buffer holds them back if the
 * aggregator falls behind; the aggregator forwards every value it has not seen yet to the root. Each
 * streamer sends 0 .. seed - 1, so the root gets each number exactly once, in increasing order (a number
 * is forwarded the first time either streamer sends it, after every smaller one from that streamer).
 *
 * <p>The root reads with {@link Overruns#ALLOW}: the aggregator sends a thousand values as fast as it
 * merges them, and the root's buffer should grow rather than fail the sender when the root is briefly
 * slower (the default, {@link Overruns#FAIL_SENDER}, would fail the aggregator with {@code StreamOverrun}
 * once 64 values wait). When the aggregator returns, its nursery ends the streamers; when the root's block
 * ends, its nursery ends the aggregator.
 */
public final class StreamingService {
    private StreamingService() {
    }

    /** How many numbers each streamer sends. */
    static final int SEED = 1000;

    /** What the aggregator reports when it is done. */
    public record Merged(List<String> streamers, int received, int forwarded) {
    }

    /** Runs in each streamer: a remote generator of 0 .. seed - 1. */
    public static void streamData(Emitter<Integer> out, int seed) {
        for (int i = 0; i < seed; i++) {
            out.emit(i);
        }
    }

    /**
     * Runs in the aggregator: spawns two streamers, merges their streams, and sends each number on to the
     * opener once. Its started value is how many streamers it spawned; its result says what it merged.
     */
    public static Merged aggregate(Context<Integer> ctx, int seed) throws Exception {
        return Tractor.openNursery(an -> {
            List<Portal> streamers = new ArrayList<>();
            for (int i = 1; i <= 2; i++) {
                streamers.add(an.startActor("streamer_" + i, ActorOptions.enable(StreamingService.class)));
            }
            ctx.started(streamers.size());

            MemoryChannel<Integer> merged = MemoryChannel.open(500);
            int[] received = new int[1];
            Set<Integer> seen = new HashSet<>();
            try (MsgStream<Void, Integer> toRoot = ctx.openStream(Void.class, Integer.class)) {
                Nursery.open(tasks -> {
                    for (Portal streamer : streamers) {
                        SendChannel<Integer> tx = merged.sender().clone();
                        tasks.startSoon("read " + streamer.name(), () -> {
                            try (tx) {
                                streamer.openStreamFrom(StreamingService::streamData, seed, stream -> {
                                    for (int value : stream) {
                                        tx.send(value); // waits while the channel is full
                                    }
                                    return null;
                                });
                            }
                        });
                    }
                    merged.sender().close(); // the clones keep it open until both streams have ended
                    for (int value : merged.receiver()) {
                        received[0]++;
                        if (seen.add(value)) {
                            toRoot.send(value);
                        }
                    }
                });
            }
            return new Merged(streamers.stream().map(Portal::name).toList(), received[0], seen.size());
        }); // the streamers are daemons: the nursery ends them here
    }

    public static void main(String[] args) throws Exception {
        Tractor.openNursery(an -> {
            Portal aggregator = an.startActor("aggregator", ActorOptions.enable(StreamingService.class));
            return aggregator.openContext(StreamingService::aggregate, SEED, (ctx, streamers) -> {
                System.out.println("the aggregator started " + streamers + " streamers");
                List<Integer> values = new ArrayList<>();
                try (MsgStream<Integer, Void> stream = ctx.openStream(Integer.class, Void.class, Overruns.ALLOW)) {
                    for (int value : stream) {
                        values.add(value);
                    }
                }
                long sum = values.stream().mapToLong(Integer::longValue).sum();
                boolean inOrder = true;
                for (int i = 0; i < values.size(); i++) {
                    inOrder &= values.get(i) == i;
                }
                System.out.println("the root received " + values.size() + " values, sum " + sum
                        + " (expected " + (long) SEED * (SEED - 1) / 2 + ")");
                System.out.println("every number from 0 to " + (SEED - 1) + " once, in order: "
                        + (values.size() == SEED && inOrder));
                Merged merged = ctx.result();
                System.out.println("the aggregator merged " + merged.received() + " values from "
                        + merged.streamers() + " and forwarded " + merged.forwarded());
                return null;
            });
        });
    }
}
