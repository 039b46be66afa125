package dev.tractor.bench;

import dev.tractor.sc.MemoryChannel;
import dev.tractor.sc.Nursery;
import dev.tractor.sc.ReceiveChannel;
import dev.tractor.sc.Sc;
import dev.tractor.sc.SendChannel;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Two tasks bounce one message back and forth {@value #ROUND_TRIPS} times over two rendezvous channels.
 *
 * <ul>
 * <li>{@link #tractorChannels}: inside {@code Sc.run}, a {@code Nursery} starts a pinger and a ponger
 *     connected by two {@code MemoryChannel.open(0)}.</li>
 * <li>{@link #baselineSynchronousQueues}: two plain virtual threads doing the same over two
 *     {@link SynchronousQueue}s, joined by the benchmark thread.</li>
 * <li>{@link #tractorChannelsOneCarrier}, {@link #baselineSynchronousQueuesOneCarrier}: the same two, in a
 *     JVM whose virtual-thread scheduler has a single carrier thread
 *     ({@code -Djdk.virtualThreadScheduler.parallelism=1}). With one carrier a waiting side cannot spin
 *     while the other runs, so every hand-over unmounts and remounts a virtual thread in both; this
 *     separates the cost of the hand-over itself from the benefit {@code SynchronousQueue} gets from
 *     spinning on a second core before it parks.</li>
 * </ul>
 * One operation is all {@value #ROUND_TRIPS} round trips (including starting and ending the two tasks, and
 * for tractor the {@code Sc.run} around them). The mode is {@link Mode#SampleTime}: every operation is timed
 * on its own, and JMH reports the median ({@code p0.50}) besides the mean (the score). The same boxed value
 * travels in both, so neither allocates it.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class PingPongBench {
    static final int ROUND_TRIPS = 10_000;
    private static final Integer BALL = 42;

    @Benchmark
    public int tractorChannels() throws Exception {
        return tractor();
    }

    @Benchmark
    public int baselineSynchronousQueues() throws InterruptedException {
        return baseline();
    }

    /** {@link #tractorChannels} with the virtual-thread scheduler limited to one carrier thread. */
    @Benchmark
    @Fork(value = 1, jvmArgsAppend = "-Djdk.virtualThreadScheduler.parallelism=1")
    public int tractorChannelsOneCarrier() throws Exception {
        return tractor();
    }

    /** {@link #baselineSynchronousQueues} with the virtual-thread scheduler limited to one carrier thread. */
    @Benchmark
    @Fork(value = 1, jvmArgsAppend = "-Djdk.virtualThreadScheduler.parallelism=1")
    public int baselineSynchronousQueuesOneCarrier() throws InterruptedException {
        return baseline();
    }

    private static int tractor() throws Exception {
        int[] received = new int[1];
        Sc.run(() -> {
            MemoryChannel<Integer> ping = MemoryChannel.open(0);
            MemoryChannel<Integer> pong = MemoryChannel.open(0);
            Nursery.open(n -> {
                n.startSoon("pinger", () -> {
                    SendChannel<Integer> tx = ping.sender();
                    ReceiveChannel<Integer> rx = pong.receiver();
                    int got = 0;
                    for (int i = 0; i < ROUND_TRIPS; i++) {
                        tx.send(BALL);
                        got += rx.receive() == BALL ? 1 : 0;
                    }
                    received[0] = got;
                });
                n.startSoon("ponger", () -> {
                    ReceiveChannel<Integer> rx = ping.receiver();
                    SendChannel<Integer> tx = pong.sender();
                    for (int i = 0; i < ROUND_TRIPS; i++) {
                        tx.send(rx.receive());
                    }
                });
            });
        });
        return check(received[0]);
    }

    private static int baseline() throws InterruptedException {
        SynchronousQueue<Integer> ping = new SynchronousQueue<>();
        SynchronousQueue<Integer> pong = new SynchronousQueue<>();
        int[] received = new int[1];
        Thread pinger = Thread.ofVirtual().name("pinger").start(() -> {
            try {
                int got = 0;
                for (int i = 0; i < ROUND_TRIPS; i++) {
                    ping.put(BALL);
                    got += pong.take() == BALL ? 1 : 0;
                }
                received[0] = got;
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        Thread ponger = Thread.ofVirtual().name("ponger").start(() -> {
            try {
                for (int i = 0; i < ROUND_TRIPS; i++) {
                    pong.put(ping.take());
                }
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        pinger.join();
        ponger.join();
        return check(received[0]);
    }

    private static int check(int received) {
        if (received != ROUND_TRIPS) {
            throw new AssertionError("expected " + ROUND_TRIPS + " round trips, got " + received);
        }
        return received;
    }
}
