package dev.tractor.bench;

import dev.tractor.sc.Sc;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedTransferQueue;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cost of {@code Sc.await(future)} against {@code CompletableFuture.join()} from a virtual thread, in the
 * same run (issue 15).
 *
 * <ul>
 * <li>{@code *Completed}: the future has completed already; a task awaits it {@value #COMPLETED_OPS} times
 *     ({@link #awaitCompleted}), a virtual thread joins it as often ({@link #joinCompleted}).</li>
 * <li>{@code *FromAnotherThread}: each time a fresh future, handed to a platform thread that completes it;
 *     the waiter parks until it does ({@value #HANDOFF_OPS} per invocation).</li>
 * </ul>
 *
 * <p>Each invocation pays one run ({@code Sc.run}) or one virtual thread start, spread over its operations.
 * Read the ratio of each {@code await*} score to its {@code join*} baseline.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class AwaitBench {
    static final int COMPLETED_OPS = 10_000;
    static final int HANDOFF_OPS = 2_000;

    /** A platform thread that completes every future handed to it. */
    @State(Scope.Benchmark)
    public static class Completer {
        final BlockingQueue<CompletableFuture<Integer>> queue = new LinkedTransferQueue<>();
        final CompletableFuture<Integer> done = CompletableFuture.completedFuture(1);
        private Thread thread;

        @Setup(Level.Trial)
        public void start() {
            thread = Thread.ofPlatform().daemon().name("completer").start(() -> {
                try {
                    for (;;) {
                        queue.take().complete(1);
                    }
                } catch (InterruptedException stop) {
                    // the trial is over
                }
            });
        }

        @TearDown(Level.Trial)
        public void stop() throws InterruptedException {
            thread.interrupt();
            thread.join();
        }
    }

    @Benchmark
    @OperationsPerInvocation(COMPLETED_OPS)
    public long awaitCompleted(Completer c) throws Exception {
        return Sc.run(() -> {
            long sum = 0;
            for (int i = 0; i < COMPLETED_OPS; i++) {
                sum += Sc.await(c.done);
            }
            return sum;
        });
    }

    @Benchmark
    @OperationsPerInvocation(COMPLETED_OPS)
    public long joinCompleted(Completer c) throws InterruptedException {
        long[] sum = new long[1];
        Thread.ofVirtual().start(() -> {
            for (int i = 0; i < COMPLETED_OPS; i++) {
                sum[0] += c.done.join();
            }
        }).join();
        return sum[0];
    }

    @Benchmark
    @OperationsPerInvocation(HANDOFF_OPS)
    public long awaitFromAnotherThread(Completer c) throws Exception {
        return Sc.run(() -> {
            long sum = 0;
            for (int i = 0; i < HANDOFF_OPS; i++) {
                CompletableFuture<Integer> f = new CompletableFuture<>();
                c.queue.add(f);
                sum += Sc.await(f);
            }
            return sum;
        });
    }

    @Benchmark
    @OperationsPerInvocation(HANDOFF_OPS)
    public long joinFromAnotherThread(Completer c) throws InterruptedException {
        long[] sum = new long[1];
        Thread.ofVirtual().start(() -> {
            for (int i = 0; i < HANDOFF_OPS; i++) {
                CompletableFuture<Integer> f = new CompletableFuture<>();
                c.queue.add(f);
                sum[0] += f.join();
            }
        }).join();
        return sum[0];
    }
}
