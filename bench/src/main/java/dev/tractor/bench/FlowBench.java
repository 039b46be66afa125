package dev.tractor.bench;

import dev.tractor.ActorOptions;
import dev.tractor.Context;
import dev.tractor.Flows;
import dev.tractor.MsgStream;
import dev.tractor.Overruns;
import dev.tractor.Portal;
import dev.tractor.StreamOverrun;
import dev.tractor.Tractor;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.SubmissionPublisher;
import java.util.concurrent.TimeUnit;

/**
 * The {@code Flow} bridge into a stream ({@code Flows.send}) against the plain stream it wraps (issue 15):
 * N small ints from the root to one daemon child, which reads them as fast as it can, timed from
 * {@code openContext} until the child's result (the count it read) is back. The ways of sending alternate
 * sample by sample on the same child:
 *
 * <ul>
 * <li>{@code PLAIN}: a loop of {@code stream.send(i)}; the child's stream is opened with
 *     {@link Overruns#ALLOW} (without it the sender overruns the reader: row {@code PLAIN_FAIL_SENDER});</li>
 * <li>{@code AWAIT_ROOM}: the same loop with {@code stream.awaitRoom()} before each send, the child with the
 *     default {@link Overruns#FAIL_SENDER};</li>
 * <li>{@code FLOW_SYNC}: {@code Flows.send} of a publisher that emits in {@code request()} itself, in the
 *     calling task: the bridge's own cost; the child with {@code FAIL_SENDER};</li>
 * <li>{@code FLOW_SUBMISSION}: {@code Flows.send} of a {@link SubmissionPublisher} (its own executor thread)
 *     that a platform thread feeds: a hand-off between threads per batch; the child with
 *     {@code FAIL_SENDER}.</li>
 * </ul>
 *
 * <p>{@code java -Dtractor.registry=tcp://127.0.0.1:0 -cp bench/target/benchmarks.jar dev.tractor.bench.FlowBench
 * [values] [samples] [ways]} (100,000, 9 and every way by default, e.g. {@code 1000000 7 PLAIN,FLOW_SYNC_ALLOW};
 * the first 2 samples of each way are warm-up).
 */
public final class FlowBench {
    private FlowBench() {
    }

    enum Way {
        PLAIN(true), PLAIN_FAIL_SENDER(false), AWAIT_ROOM(false), FLOW_SYNC(false), FLOW_SUBMISSION(false),
        AWAIT_ROOM_ALLOW(true), FLOW_SYNC_ALLOW(true), FLOW_SUBMISSION_ALLOW(true);

        final boolean allow; // the child reads with Overruns.ALLOW

        Way(boolean allow) {
            this.allow = allow;
        }
    }

    private static final int WARMUP = 2;

    /** Runs in the child. */
    public static final class Reader {
        private Reader() {
        }

        /** Reads its stream to the end, as fast as it can; returns how many values it read. */
        public static int read(Context<Void> ctx, boolean allow) {
            ctx.started(null);
            int read = 0;
            try (MsgStream<Integer, Void> stream = ctx.openStream(Integer.class, Void.class,
                    allow ? Overruns.ALLOW : Overruns.FAIL_SENDER)) {
                for (int ignored : stream) {
                    read++;
                }
            }
            return read;
        }
    }

    public static void main(String[] args) throws Exception {
        int values = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int samples = args.length > 1 ? Integer.parseInt(args[1]) : 9;
        List<Way> ways = args.length > 2
                ? java.util.Arrays.stream(args[2].split(",")).map(Way::valueOf).toList()
                : List.of(Way.values());
        System.out.printf(Locale.ROOT, "# FlowBench: %,d ints root -> child, %d samples per way (%d warm-up), "
                + "load average %s%n", values, samples, WARMUP, loadAverage());
        Map<Way, List<Double>> rates = new EnumMap<>(Way.class);
        Map<Way, Integer> overruns = new EnumMap<>(Way.class);
        for (Way w : Way.values()) {
            rates.put(w, new ArrayList<>());
            overruns.put(w, 0);
        }
        long start = System.nanoTime();
        Tractor.run(() -> {
            Tractor.openNursery(an -> {
                Portal p = an.startActor("reader", ActorOptions.enable(Reader.class));
                for (int s = 0; s < samples; s++) {
                    for (Way w : ways) {
                        long t0 = System.nanoTime();
                        int read;
                        try {
                            read = p.openContext(Reader::read, w.allow, (ctx, started) -> {
                                try (MsgStream<Void, Integer> stream = ctx.openStream(Void.class, Integer.class)) {
                                    send(w, stream, values);
                                }
                                return ctx.result();
                            });
                        } catch (StreamOverrun e) {
                            overruns.merge(w, 1, Integer::sum);
                            continue;
                        }
                        long took = System.nanoTime() - t0;
                        if (read != values) {
                            throw new IllegalStateException(w + ": the child read " + read + " of " + values);
                        }
                        if (s >= WARMUP) {
                            rates.get(w).add(values / (took / 1e9));
                        }
                    }
                }
                an.cancel();
                return null;
            });
            return null;
        });
        double plain = median(rates.get(Way.PLAIN));
        System.out.println("| way | median (min-max), values/s | ratio to PLAIN |");
        System.out.println("|---|---:|---:|");
        for (Way w : ways) {
            List<Double> r = rates.get(w);
            if (r.isEmpty()) {
                System.out.printf(Locale.ROOT, "| %s | overran %d of %d | |%n", w, overruns.get(w), samples);
                continue;
            }
            System.out.printf(Locale.ROOT, "| %s | %.2f M (%.2f-%.2f)%s | %.3fx |%n", w, median(r) / 1e6,
                    r.stream().mapToDouble(Double::doubleValue).min().orElse(0) / 1e6,
                    r.stream().mapToDouble(Double::doubleValue).max().orElse(0) / 1e6,
                    overruns.get(w) > 0 ? ", overran " + overruns.get(w) : "", median(r) / plain);
        }
        // The library's background AOT cache creation after a new jar's first child: let it finish.
        for (ProcessHandle p : ProcessHandle.current().children().filter(ProcessHandle::isAlive)
                .filter(p -> p.info().commandLine().orElse("").contains("-XX:AOTMode=create")).toList()) {
            p.onExit().get(60, TimeUnit.SECONDS);
        }
        List<ProcessHandle> left = ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).toList();
        left.forEach(ProcessHandle::destroyForcibly);
        System.out.printf(Locale.ROOT, "# done in %.0f s, load average %s, leftover processes: %d%n",
                (System.nanoTime() - start) / 1e9, loadAverage(), left.size());
        System.exit(0);
    }

    private static void send(Way way, MsgStream<Void, Integer> stream, int values) throws Exception {
        switch (way) {
            case PLAIN, PLAIN_FAIL_SENDER -> {
                for (int i = 0; i < values; i++) {
                    stream.send(i);
                }
            }
            case AWAIT_ROOM, AWAIT_ROOM_ALLOW -> {
                for (int i = 0; i < values; i++) {
                    stream.awaitRoom();
                    stream.send(i);
                }
            }
            case FLOW_SYNC, FLOW_SYNC_ALLOW -> Flows.send(new IntsPublisher(values), stream);
            case FLOW_SUBMISSION, FLOW_SUBMISSION_ALLOW -> {
                ExecutorService executor = Executors.newSingleThreadExecutor();
                try (SubmissionPublisher<Integer> publisher = new SubmissionPublisher<>(executor, 256)) {
                    Thread feeder = Thread.ofPlatform().start(() -> {
                        while (!publisher.hasSubscribers()) {
                            Thread.onSpinWait();
                        }
                        for (int i = 0; i < values; i++) {
                            publisher.submit(i);
                        }
                        publisher.close();
                    });
                    Flows.send(publisher, stream);
                    feeder.join();
                } finally {
                    executor.shutdown();
                    executor.awaitTermination(10, TimeUnit.SECONDS);
                }
            }
            default -> throw new AssertionError(way);
        }
    }

    /** Emits 0 .. count-1 in {@code request()} itself, as many as requested, then completes. */
    private static final class IntsPublisher implements Flow.Publisher<Integer> {
        private final int count;

        IntsPublisher(int count) {
            this.count = count;
        }

        @Override
        public void subscribe(Flow.Subscriber<? super Integer> subscriber) {
            subscriber.onSubscribe(new Flow.Subscription() {
                private int next;
                private boolean cancelled;

                @Override
                public void request(long n) {
                    for (long i = 0; i < n && next < count && !cancelled; i++) {
                        subscriber.onNext(next++);
                    }
                    if (next == count && !cancelled) {
                        cancelled = true;
                        subscriber.onComplete();
                    }
                }

                @Override
                public void cancel() {
                    cancelled = true;
                }
            });
        }
    }

    private static double median(List<Double> values) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static String loadAverage() {
        try {
            return String.join(" ", java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg"))
                    .split(" ", 4)).substring(0, 14).trim();
        } catch (Exception e) {
            return "?";
        }
    }
}
