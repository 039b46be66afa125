package dev.tractor.bench;

import dev.tractor.sc.CancelScope;
import dev.tractor.sc.Nursery;
import dev.tractor.sc.Sc;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.runner.IterationType;

/**
 * Latency from waking a parked task to that task running its {@code finally} block.
 *
 * <ul>
 * <li>{@link #tractorCancel}: a nursery task sits in {@code Sc.sleepForever()} inside a fresh
 *     {@link CancelScope}; the benchmark thread calls {@code cancel()} on that scope.</li>
 * <li>{@link #baselinePark}: a plain virtual thread sits in {@code LockSupport.park()} waiting for a
 *     volatile flag; the benchmark thread sets the flag and calls {@code LockSupport.unpark}.</li>
 * <li>{@link #baselineLatch}: a plain virtual thread sits in {@code CountDownLatch.await()}; the
 *     benchmark thread calls {@code countDown()}.</li>
 * </ul>
 *
 * <p>Each waiting task lives for the whole trial and loops: enter a new wait, publish a sequence number,
 * block. Before every operation ({@code @Setup(Level.Invocation)}, not timed) the benchmark thread waits
 * until the task has published the next number <em>and</em> its virtual thread reports
 * {@link Thread.State#WAITING}, that is, it is really parked (unmounted), not just about to park. The
 * operation then reads {@code System.nanoTime()}, wakes the task (cancel / unpark / countDown) and spins
 * until the task's {@code finally} block has published its own {@code System.nanoTime()}. The parameter
 * {@code idleMicros} leaves the parked task alone for a while before waking it (see {@link
 * Waiting#idleMicros}).
 *
 * <p>Two figures come out: JMH's {@link Mode#SampleTime} distribution of the whole operation (wake call
 * plus spin, read its {@code p0.50}), and the exact latency {@code t(finally) - t(before wake)} recorded by
 * hand during the measurement iterations, whose median and percentiles are printed at the end of the
 * trial as a line starting with {@code [latency]}, together with the median time the wake call itself
 * took in the waking thread. The task runs on another thread, so its {@code finally} block can run
 * before the wake call has returned; the JMH score is roughly the larger of the two.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class CancelLatencyBench {
    private static final long READY_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(10);

    /** What every variant shares: the hand-shake with the waiting task and the latency recording. */
    @State(Scope.Benchmark)
    public abstract static class Waiting {
        /**
         * How long the benchmark thread leaves the task parked before waking it. At 0 the scheduler's
         * carrier thread that just unmounted the task is often still awake looking for work, so the wake-up
         * is cheap; at 100 (plus timer slack) the carrier has gone to sleep in the OS too and the latency
         * includes waking it, which is the usual situation for a cancellation that comes out of the blue.
         */
        @Param({"0", "100"})
        public int idleMicros;

        volatile Thread taskThread;
        /** Sequence number of the wait the task has entered (set just before it blocks). */
        volatile long readySeq;
        /** Sequence number of the wait whose finally block has run, and when it ran. */
        volatile long doneSeq;
        volatile long finallyNanos;
        volatile Throwable taskFailure;

        long nextSeq = 1;
        long[] samples = new long[1 << 21];
        long[] callSamples = new long[1 << 21];
        int count;
        boolean recording;

        /** Waits (untimed) until the task is parked in wait number {@link #nextSeq}. */
        void awaitParked() {
            long seq = nextSeq;
            long start = System.nanoTime();
            for (;;) {
                Thread t = taskThread;
                if (readySeq == seq && t != null && t.getState() == Thread.State.WAITING) {
                    if (idleMicros > 0) {
                        LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(idleMicros));
                        if (readySeq != seq || t.getState() != Thread.State.WAITING) {
                            continue; // cannot happen unless the task woke up by itself: check again
                        }
                    }
                    return;
                }
                Throwable failure = taskFailure;
                if (failure != null) {
                    throw new IllegalStateException("the waiting task failed", failure);
                }
                if (System.nanoTime() - start > READY_TIMEOUT_NANOS) {
                    throw new IllegalStateException("the waiting task did not park within 10 s for wait " + seq
                            + " (readySeq=" + readySeq + ", doneSeq=" + doneSeq + ", state="
                            + (t == null ? "not started" : t.getState()) + ")");
                }
                Thread.onSpinWait();
            }
        }

        /**
         * Spins until the finally block of the current wait has run; records its latency (from
         * {@code wakeStart}, read just before the wake call) and how long the wake call itself took (until
         * {@code wakeEnd}, read just after it returned).
         */
        long awaitFinally(long wakeStart, long wakeEnd) {
            long seq = nextSeq;
            while (doneSeq != seq) {
                Thread.onSpinWait();
            }
            long latency = finallyNanos - wakeStart;
            nextSeq = seq + 1;
            if (recording && count < samples.length) {
                samples[count] = latency;
                callSamples[count] = wakeEnd - wakeStart;
                count++;
            }
            return latency;
        }

        @Setup(Level.Iteration)
        public void iteration(IterationParams params) {
            recording = params.getType() == IterationType.MEASUREMENT;
        }

        /** Prints the hand-recorded latencies of the measurement iterations. */
        void report(BenchmarkParams params) {
            if (count == 0) {
                System.out.println("[latency] " + params.getBenchmark() + ": no samples");
                return;
            }
            long[] s = Arrays.copyOf(samples, count);
            Arrays.sort(s);
            long[] c = Arrays.copyOf(callSamples, count);
            Arrays.sort(c);
            double mean = Arrays.stream(s).average().orElse(0);
            System.out.printf("%n[latency] %s idleMicros=%d: n=%d median=%.2f us p90=%.2f us p99=%.2f us mean=%.2f us "
                            + "min=%.2f us (wake call -> finally block, measurement iterations only); "
                            + "the wake call itself: median=%.2f us p90=%.2f us%n",
                    params.getBenchmark(), idleMicros, count, us(pct(s, 0.50)), us(pct(s, 0.90)), us(pct(s, 0.99)),
                    mean / 1e3, us(s[0]), us(pct(c, 0.50)), us(pct(c, 0.90)));
        }

        private static long pct(long[] sorted, double p) {
            return sorted[(int) Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
        }

        private static double us(long nanos) {
            return nanos / 1e3;
        }
    }

    // ---- tractor: CancelScope.cancel() on a task in Sc.sleepForever() ------------------------------

    @State(Scope.Benchmark)
    public static class TractorState extends Waiting {
        volatile CancelScope currentScope;
        final AtomicReference<Nursery> nursery = new AtomicReference<>();
        Thread runThread;
        volatile Throwable runFailure;

        @Setup(Level.Trial)
        public void start() {
            runThread = Thread.ofPlatform().daemon().name("sc-run").start(() -> {
                try {
                    Sc.run(() -> Nursery.open(n -> {
                        nursery.set(n);
                        n.startSoon("sleeper", this::sleeperLoop);
                    }));
                } catch (Throwable t) {
                    runFailure = t;
                }
            });
        }

        private void sleeperLoop() {
            taskThread = Thread.currentThread();
            try {
                for (long seq = 1; ; seq++) {
                    long mySeq = seq;
                    CancelScope scope = new CancelScope();
                    scope.run(() -> {
                        try {
                            currentScope = scope;
                            readySeq = mySeq;
                            Sc.sleepForever();
                        } finally {
                            finallyNanos = System.nanoTime();
                            doneSeq = mySeq;
                        }
                    });
                    if (!scope.cancelledCaught()) {
                        throw new IllegalStateException("scope " + mySeq + " ended without catching Cancelled");
                    }
                }
            } catch (RuntimeException e) {
                taskFailure = e;
                throw e;
            }
        }

        @Setup(Level.Invocation)
        public void park() {
            awaitParked();
        }

        @TearDown(Level.Trial)
        public void stop(BenchmarkParams params) throws InterruptedException {
            report(params);
            Nursery n = nursery.get();
            if (n != null) {
                n.cancelScope().cancel();
            }
            runThread.join(TimeUnit.SECONDS.toMillis(10));
            if (runThread.isAlive()) {
                throw new IllegalStateException("Sc.run did not return within 10 s of cancelling its nursery");
            }
            if (runFailure != null) {
                throw new IllegalStateException("Sc.run failed", runFailure);
            }
        }
    }

    @Benchmark
    public long tractorCancel(TractorState s) {
        long t0 = System.nanoTime();
        s.currentScope.cancel();
        return s.awaitFinally(t0, System.nanoTime());
    }

    // ---- baseline: LockSupport.unpark of a virtual thread in LockSupport.park() --------------------

    @State(Scope.Benchmark)
    public static class ParkState extends Waiting {
        volatile long releasedSeq;
        volatile boolean stopping;

        @Setup(Level.Trial)
        public void start() {
            Thread.ofVirtual().name("parker").start(() -> {
                taskThread = Thread.currentThread();
                for (long seq = 1; !stopping; seq++) {
                    try {
                        readySeq = seq;
                        while (releasedSeq != seq && !stopping) {
                            LockSupport.park(this);
                        }
                    } finally {
                        finallyNanos = System.nanoTime();
                        doneSeq = seq;
                    }
                }
            });
        }

        @Setup(Level.Invocation)
        public void park() {
            awaitParked();
        }

        @TearDown(Level.Trial)
        public void stop(BenchmarkParams params) throws InterruptedException {
            report(params);
            stopping = true;
            Thread t = taskThread;
            LockSupport.unpark(t);
            t.join(TimeUnit.SECONDS.toMillis(10));
        }
    }

    @Benchmark
    public long baselinePark(ParkState s) {
        long t0 = System.nanoTime();
        s.releasedSeq = s.nextSeq;
        LockSupport.unpark(s.taskThread);
        return s.awaitFinally(t0, System.nanoTime());
    }

    // ---- baseline: CountDownLatch.countDown() for a virtual thread in await() ---------------------

    @State(Scope.Benchmark)
    public static class LatchState extends Waiting {
        volatile CountDownLatch currentLatch;
        volatile boolean stopping;

        @Setup(Level.Trial)
        public void start() {
            Thread.ofVirtual().name("latch-waiter").start(() -> {
                taskThread = Thread.currentThread();
                for (long seq = 1; !stopping; seq++) {
                    CountDownLatch latch = new CountDownLatch(1);
                    try {
                        currentLatch = latch;
                        readySeq = seq;
                        latch.await();
                    } catch (InterruptedException e) {
                        taskFailure = e;
                        return;
                    } finally {
                        finallyNanos = System.nanoTime();
                        doneSeq = seq;
                    }
                }
            });
        }

        @Setup(Level.Invocation)
        public void park() {
            awaitParked();
        }

        @TearDown(Level.Trial)
        public void stop(BenchmarkParams params) throws InterruptedException {
            report(params);
            stopping = true;
            Thread t = taskThread;
            // The waiter may be in await() on the latch of the next round (or about to enter it).
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (t.isAlive() && System.nanoTime() < deadline) {
                CountDownLatch l = currentLatch;
                if (l != null) {
                    l.countDown();
                }
                t.join(10);
            }
        }
    }

    @Benchmark
    public long baselineLatch(LatchState s) {
        long t0 = System.nanoTime();
        s.currentLatch.countDown();
        return s.awaitFinally(t0, System.nanoTime());
    }
}
