package dev.tractor.bench;

import dev.tractor.sc.Nursery;
import dev.tractor.sc.Sc;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
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
 * Spawn and join {@value #TASKS} trivial tasks (each increments a {@link LongAdder}).
 *
 * <ul>
 * <li>{@link #tractorNursery}: one {@code Nursery.open} inside {@code Sc.run}, {@value #TASKS}
 *     {@code startSoon} calls; the nursery's close is the join.</li>
 * <li>{@link #tractorNurseryNamed}: the same with a fixed task name, which skips the generated
 *     {@code "task-N"} name (shows what naming costs).</li>
 * <li>{@link #baselineFromVirtualThread}: one virtual thread starts {@value #TASKS}
 *     {@code Thread.ofVirtual().start(r)}, then {@code join()}s each; the benchmark thread joins it. This
 *     is the like-for-like baseline: the body of {@code Sc.run} runs on a virtual thread too, and a
 *     virtual thread that starts another pushes it onto its carrier's local queue.</li>
 * <li>{@link #baselineFromPlatformThread}: the benchmark (platform) thread itself starts and joins the
 *     {@value #TASKS} virtual threads, which goes through the scheduler's external submission queue.</li>
 * </ul>
 * One operation is all {@value #TASKS} tasks. The mode is {@link Mode#SampleTime}: every operation is timed
 * on its own, so besides the mean (the score) JMH reports the median ({@code p0.50}), which is what
 * {@code bench/RESULTS.md} compares because it shrugs off the GC pauses and the noise of other processes
 * on a small shared machine. The heap is fixed at 2 GB so that heap resizing does not add to the noise.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class SpawnJoinBench {
    static final int TASKS = 100_000;

    private final LongAdder counter = new LongAdder();

    @Benchmark
    public long tractorNursery() throws Exception {
        counter.reset();
        Sc.run(() -> Nursery.open(n -> {
            for (int i = 0; i < TASKS; i++) {
                n.startSoon(counter::increment);
            }
        }));
        return check(counter.sum());
    }

    @Benchmark
    public long tractorNurseryNamed() throws Exception {
        counter.reset();
        Sc.run(() -> Nursery.open(n -> {
            for (int i = 0; i < TASKS; i++) {
                n.startSoon("t", counter::increment);
            }
        }));
        return check(counter.sum());
    }

    @Benchmark
    public long baselineFromVirtualThread() throws InterruptedException {
        counter.reset();
        Thread parent = Thread.ofVirtual().start(() -> {
            try {
                spawnAndJoin();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        parent.join();
        return check(counter.sum());
    }

    @Benchmark
    public long baselineFromPlatformThread() throws InterruptedException {
        counter.reset();
        spawnAndJoin();
        return check(counter.sum());
    }

    private void spawnAndJoin() throws InterruptedException {
        Runnable r = counter::increment;
        Thread[] threads = new Thread[TASKS];
        for (int i = 0; i < TASKS; i++) {
            threads[i] = Thread.ofVirtual().start(r);
        }
        for (Thread t : threads) {
            t.join();
        }
    }

    private static long check(long sum) {
        if (sum != TASKS) {
            throw new AssertionError("expected " + TASKS + " increments, got " + sum);
        }
        return sum;
    }
}
