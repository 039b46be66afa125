package dev.tractor.bench;

import dev.tractor.ActorOptions;
import dev.tractor.MsgStream;
import dev.tractor.Overruns;
import dev.tractor.Portal;
import dev.tractor.RemoteActorError;
import dev.tractor.Tractor;
import dev.tractor.internal.msg.Msg;
import dev.tractor.internal.msg.MsgCodec;
import dev.tractor.internal.msg.Payload;
import dev.tractor.sc.ExceptionGroup;
import dev.tractor.sc.Nursery;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A whole-process benchmark of actors (issues 4 and 5): what a child actor costs to start, to call, to cancel
 * and to keep, and how fast a context's stream to it goes, each against a floor measured in the same run,
 * alternating, as {@link InterleavedRatios} and {@link WireBench} do. Every actor is a JVM process, so the
 * spawn, cancel and memory figures include starting or ending JVMs.
 *
 * <pre>
 *   java -cp bench/target/benchmarks.jar dev.tractor.bench.ActorBench
 *       [--sections spawn,flags,calls,cancel,memory,streams] [--spawn-samples N] [--parallel-rounds N]
 *       [--flag-samples N] [--flag-parallel-rounds N] [--calls N] [--call-samples N] [--cancel-rounds N]
 *       [--memory-rounds N] [--stream-values N] [--stream-samples N] [--stream-round-trips N] [--no-aot]
 * </pre>
 *
 * <ul>
 * <li><b>spawn</b>: {@code runInActor} of a trivial function until its {@code result()}, one child at a time and
 *     8 at once (from 8 tasks), against the floor: a bare child JVM ({@link SpawnFloor}: same {@code java},
 *     same class path) from {@code ProcessBuilder.start} until the one message it sends back over a
 *     Unix-domain socket has arrived. Also how long until the nursery has reaped the child (tractor) or the
 *     process has exited (floor).</li>
 * <li><b>flags</b>: the same with JVM options for the children: default; {@code -Xshare:off} (for reference:
 *     what the JDK's default CDS archive already gives); C1 and SerialGC; a dynamic CDS archive that the first
 *     child writes as it exits ({@code -XX:+AutoCreateSharedArchive}, JDK 19+); a JDK 25 AOT cache
 *     ({@code -XX:AOTCache}, JEP 483/514/515, trained here first with {@code -XX:AOTMode=record} and created
 *     with {@code -XX:AOTMode=create}); the AOT cache with C1 and SerialGC. {@code runInActor} takes no
 *     options, so tractor's side is {@code startActor(name, options.withJvmOptions(...))} and one
 *     {@code portal.run} of the trivial function; the floor gets the same options (and archives of its own).</li>
 * <li><b>calls</b>: {@code portal.run(BenchFunctions::echo, i)} on a running daemon, one call at a time, against
 *     raw round trips of a 32-byte frame over a Unix-domain socket to the same child JVM (its echo loop is
 *     started by {@link BenchFunctions#rawEcho}), on platform threads at both ends (the floor) and on virtual
 *     threads (for reference). Tractor's calls run on virtual threads at both ends (actor tasks). A second
 *     daemon with C1 and SerialGC shows what those options cost a running actor.</li>
 * <li><b>cancel</b>: 8 one-shot children, 7 sleeping in a checkpoint and the 8th throwing 300 ms after it
 *     started (when all 8 are up): the time from the throw (wall clock, in the child) until the failing
 *     child's process exited, until the last of the others exited, and until {@code openNursery} raised, and
 *     whether all 8 processes were gone then. The floor: 8 idle bare JVMs whose connections are closed at
 *     once, until all 8 have exited.</li>
 * <li><b>memory</b>: the resident set ({@code VmRSS} of {@code /proc/PID/status}) of an idle daemon child that
 *     has served one call, with several sets of JVM options, and of an idle bare JVM.</li>
 * <li><b>streams</b>: contexts ({@code Portal.openContext}) with one daemon child. Throughput: the child's
 *     {@link BenchFunctions#streamInts} sends {@code --stream-values} ints on its stream as fast as it can,
 *     and the root's task reads them all (its stream opened with {@code Overruns.ALLOW}); timed from
 *     {@code openContext} until the last value was read. Also with the default {@code Overruns.FAIL_SENDER}
 *     (reporting every overrun and any value lost) and through {@code openStreamFrom}
 *     ({@link BenchFunctions#emitInts}). The floor: raw one-way frames between the same two JVMs over a
 *     Unix-domain socket ({@link BenchFunctions#rawStream}), each frame the bytes of one of tractor's stream
 *     values, written back to back through a 64 KiB {@code BufferedOutputStream} by a platform thread in the
 *     child and read through a {@code BufferedInputStream}, each into a new array, by a platform thread here
 *     (as {@link WireBench}'s throughput test); raw on virtual threads for reference. Round trip: on a
 *     two-way stream ({@link BenchFunctions#increment}) the root sends {@code i} and receives {@code i + 1},
 *     {@code --stream-round-trips} per sample, against the raw ping-pong of the calls section (platform
 *     threads, the floor; virtual threads for reference) and {@code portal.run(echo)} on the same child.
 *     Samples alternate; the first of each kind is a warm-up.</li>
 * </ul>
 *
 * <p>No process is left behind: floors are tracked and killed on any failure, a shutdown hook kills every
 * descendant of this JVM on Ctrl-C, and the run ends by checking for (and killing) leftover descendants,
 * after waiting (at most 60 s) for the library's background AOT cache creation if a new jar's first child
 * started one.
 */
public final class ActorBench {
    /** The options of the C1-and-SerialGC configuration. */
    static final List<String> C1_SERIAL = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");

    private static final Set<Process> FLOORS = ConcurrentHashMap.newKeySet();
    private static final Msg SMALL = new Msg.Yield("c1", Payload.of(42));
    /** Samples of each kind that the streams section runs first and leaves out (the JIT is still at work). */
    private static final int STREAM_WARMUP = 2;
    /** What the streams section's overrunning contexts failed with, oldest first, for the report. */
    private static final Queue<String> OVERRUN_ERRORS = new ConcurrentLinkedQueue<>();

    private static String java;
    private static String classPath;
    private static volatile Path work;
    private static ServerSocketChannel floorServer;
    private static Selector floorSelector;

    private ActorBench() {
    }

    /** What to run; see the class comment. */
    private record Options(Set<String> sections, int spawnSamples, int parallelRounds, int flagSamples,
                           int flagParallelRounds, int calls, int callSamples, int cancelRounds, int memoryRounds,
                           int streamValues, int streamSamples, int streamRoundTrips, boolean aot) {
    }

    /** A set of JVM options, for tractor's children and for the floor's. */
    private record Config(String label, List<String> tractor, List<String> floor) {
        static Config same(String label, List<String> options) {
            return new Config(label, options, options);
        }
    }

    /** One measured operation that returns nanoseconds (or several figures). */
    @FunctionalInterface
    private interface Measure {
        long[] run() throws Exception;
    }

    public static void main(String[] args) throws Exception {
        Options options = parse(args);
        Runtime.getRuntime().addShutdownHook(new Thread(ActorBench::killDescendants, "actorbench-kill"));
        java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        classPath = System.getProperty("java.class.path");
        work = Files.createTempDirectory("tractor-actorbench-");
        System.out.printf(Locale.ROOT, "# ActorBench: %d cores, %s %s, load average %s%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.name"),
                System.getProperty("java.runtime.version"), loadAverage());
        System.out.printf(Locale.ROOT, "# sections %s; samples alternate tractor and floor; medians%n",
                String.join(",", options.sections()));
        long start = System.nanoTime();
        int exit = 0;
        try {
            floorServer = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            floorServer.bind(UnixDomainSocketAddress.of(work.resolve("floor.sock")), 64);
            floorServer.configureBlocking(false);
            floorSelector = Selector.open();
            floorServer.register(floorSelector, SelectionKey.OP_ACCEPT);
            Tractor.run(() -> {
                Map<String, Config> aot = Map.of();
                if (options.sections().contains("spawn")) {
                    spawn(options);
                }
                if (options.aot() && (options.sections().contains("flags") || options.sections().contains("memory"))) {
                    aot = trainAot();
                }
                if (options.sections().contains("flags")) {
                    flags(options, aot);
                }
                if (options.sections().contains("calls")) {
                    calls(options);
                }
                if (options.sections().contains("cancel")) {
                    cancel(options);
                }
                if (options.sections().contains("memory")) {
                    memory(options, aot);
                }
                if (options.sections().contains("streams")) {
                    streams(options);
                }
                return null;
            });
        } catch (Throwable e) {
            System.err.println("ActorBench failed: " + e);
            e.printStackTrace();
            exit = 1;
        } finally {
            for (Process p : FLOORS) {
                p.destroyForcibly();
            }
            awaitAotCreation();
            List<ProcessHandle> left = ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).toList();
            for (ProcessHandle p : left) {
                System.err.println("ActorBench: killing a leftover process " + p.pid() + " "
                        + p.info().commandLine().orElse("?"));
                p.destroyForcibly();
            }
            System.out.printf(Locale.ROOT, "# done in %.0f s, load average %s, leftover processes: %d%n",
                    (System.nanoTime() - start) / 1e9, loadAverage(), left.size());
            closeQuietly(floorSelector);
            closeQuietly(floorServer);
            deleteTree(work);
        }
        System.exit(exit);
    }

    // ---- 1. spawn, default options -------------------------------------------------------------------

    private static void spawn(Options o) throws Exception {
        System.out.println();
        System.out.println("## 1. Spawn: runInActor(one) -> result() vs bare JVM start -> first message (default options)");
        List<String> none = List.of();
        // warm up this JVM's side (spawn code, JIT) and the page cache
        tractorOneShot(1);
        floor(none, 1);
        tractorOneShot(8);
        floor(none, 8);
        List<long[]> t1 = new ArrayList<>();
        List<long[]> f1 = new ArrayList<>();
        for (int i = 0; i < o.spawnSamples(); i++) {
            t1.add(tractorOneShot(1));
            f1.add(floor(none, 1));
        }
        List<long[]> t8 = new ArrayList<>();
        List<long[]> f8 = new ArrayList<>();
        for (int i = 0; i < o.parallelRounds(); i++) {
            t8.add(tractorOneShot(8));
            f8.add(floor(none, 8));
        }
        System.out.println("| children | tractor: runInActor -> result() | (until reaped) | floor: start -> message "
                + "| (until exited) | ratio | goal <= 1.5x |");
        System.out.println("|---|---:|---:|---:|---:|---:|---|");
        spawnRow("1 (" + o.spawnSamples() + " samples)", t1, f1);
        spawnRow("8 at once (" + o.parallelRounds() + " rounds)", t8, f8);
    }

    private static void spawnRow(String what, List<long[]> tractor, List<long[]> floor) {
        double t = medianOf(tractor, 0);
        double f = medianOf(floor, 0);
        System.out.printf(Locale.ROOT, "| %s | %.1f ms | %.1f ms | %.1f ms | %.1f ms | %.2fx | %s |%n", what, t / 1e6,
                medianOf(tractor, 1) / 1e6, f / 1e6, medianOf(floor, 1) / 1e6, t / f, t / f <= 1.5 ? "met" : "missed");
    }

    /**
     * {@code n} one-shot children of {@code one()}, started from {@code n} tasks at once; returns the
     * nanoseconds until every result was in, and until the nursery had reaped them all.
     */
    private static long[] tractorOneShot(int n) throws Exception {
        long[] results = new long[1];
        long t0 = System.nanoTime();
        Tractor.openNursery(an -> {
            if (n == 1) {
                check(an.runInActor("spawn", BenchFunctions::one).<Integer>result() == 1);
            } else {
                Nursery.open(tasks -> {
                    for (int i = 0; i < n; i++) {
                        String name = "spawn-" + i;
                        tasks.startSoon(name, () -> check(an.runInActor(name, BenchFunctions::one).<Integer>result() == 1));
                    }
                });
            }
            results[0] = System.nanoTime() - t0;
            return null;
        });
        return new long[] {results[0], System.nanoTime() - t0};
    }

    // ---- 1b. spawn with JVM options ------------------------------------------------------------------

    private static void flags(Options o, Map<String, Config> aot) throws Exception {
        System.out.println();
        System.out.println("## 1b. Spawn with JVM options for the children: startActor(options) + run(one) vs bare JVM "
                + "start -> first message");
        List<Config> configs = new ArrayList<>();
        configs.add(Config.same("(a) default", List.of()));
        configs.add(Config.same("(-) -Xshare:off (reference: without the JDK's default CDS archive)",
                List.of("-Xshare:off")));
        configs.add(Config.same("(b) " + String.join(" ", C1_SERIAL), C1_SERIAL));
        Path tractorJsa = work.resolve("tractor-dynamic.jsa");
        Path floorJsa = work.resolve("floor-dynamic.jsa");
        Config dynamic = new Config("(c) -XX:+AutoCreateSharedArchive -XX:SharedArchiveFile=F",
                List.of("-XX:+AutoCreateSharedArchive", "-XX:SharedArchiveFile=" + tractorJsa),
                List.of("-XX:+AutoCreateSharedArchive", "-XX:SharedArchiveFile=" + floorJsa));
        configs.add(dynamic);
        configs.addAll(aot.values());
        // Warm-up. The first children with (c) write its archives as they exit (JDK 19+ dynamic CDS); the
        // AOT caches are proven usable: -XX:AOTMode=on refuses to start without its cache.
        for (Config c : configs) {
            List<String> tractor = new ArrayList<>(c.tractor());
            List<String> floor = new ArrayList<>(c.floor());
            if (c.label().contains("AOT")) {
                tractor.add("-XX:AOTMode=on");
                floor.add("-XX:AOTMode=on");
            }
            if (c == dynamic) { // the dump's warnings (classes it skips) are not wanted here
                tractor.add("-Xlog:cds*=error,aot*=error");
                floor.add("-Xlog:cds*=error,aot*=error");
                long[] t = tractorDaemons(tractor, 1);
                long[] f = floor(floor, 1);
                System.out.printf(Locale.ROOT, "# (c) the first child, which writes the archive as it exits: tractor "
                                + "%.0f ms to start, %.0f ms until reaped; floor %.0f ms to start, %.0f ms until exited%n",
                        t[0] / 1e6, t[1] / 1e6, f[0] / 1e6, f[1] / 1e6);
            }
            tractorDaemons(tractor, 1);
            floor(floor, 1);
        }
        long[] archived = {mtime(tractorJsa), mtime(floorJsa)};
        if (archived[0] == 0 || archived[1] == 0) {
            System.out.println("# the dynamic CDS archives were not written: (c) measures nothing but the attempt");
        }
        Map<Config, List<long[]>> t1 = new LinkedHashMap<>();
        Map<Config, List<long[]>> f1 = new LinkedHashMap<>();
        Map<Config, List<long[]>> t8 = new LinkedHashMap<>();
        Map<Config, List<long[]>> f8 = new LinkedHashMap<>();
        for (Config c : configs) {
            t1.put(c, new ArrayList<>());
            f1.put(c, new ArrayList<>());
            t8.put(c, new ArrayList<>());
            f8.put(c, new ArrayList<>());
        }
        for (int i = 0; i < o.flagSamples(); i++) {
            for (Config c : configs) {
                t1.get(c).add(tractorDaemons(c.tractor(), 1));
                f1.get(c).add(floor(c.floor(), 1));
            }
        }
        for (int i = 0; i < o.flagParallelRounds(); i++) {
            for (Config c : configs) {
                t8.get(c).add(tractorDaemons(c.tractor(), 8));
                f8.get(c).add(floor(c.floor(), 8));
            }
        }
        System.out.printf(Locale.ROOT, "(1 child: %d samples; 8 at once: %d rounds; every configuration in every round; "
                        + "dynamic CDS archives %.1f MB (tractor) and %.1f MB (floor)%s)%n", o.flagSamples(),
                o.flagParallelRounds(), size(tractorJsa) / 1e6, size(floorJsa) / 1e6,
                mtime(tractorJsa) != archived[0] || mtime(floorJsa) != archived[1]
                        ? ", REWRITTEN during the measurement" : ", not rewritten during the measurement");
        System.out.println("| child JVM options | tractor, 1 | floor, 1 | ratio | tractor, 8 at once | floor, 8 at once "
                + "| ratio |");
        System.out.println("|---|---:|---:|---:|---:|---:|---:|");
        double base1 = medianOf(t1.get(configs.get(0)), 0);
        double baseF1 = medianOf(f1.get(configs.get(0)), 0);
        double base8 = medianOf(t8.get(configs.get(0)), 0);
        double baseF8 = medianOf(f8.get(configs.get(0)), 0);
        for (Config c : configs) {
            double a = medianOf(t1.get(c), 0);
            double b = medianOf(f1.get(c), 0);
            double d = medianOf(t8.get(c), 0);
            double e = medianOf(f8.get(c), 0);
            System.out.printf(Locale.ROOT, "| %s | %.1f ms (%s) | %.1f ms (%s) | %.2fx | %.1f ms (%s) | %.1f ms (%s) | %.2fx |%n",
                    c.label(), a / 1e6, gain(a, base1), b / 1e6, gain(b, baseF1), a / b, d / 1e6, gain(d, base8),
                    e / 1e6, gain(e, baseF8), d / e);
        }
    }

    private static long mtime(Path file) throws IOException {
        return Files.exists(file) ? Files.getLastModifiedTime(file).toMillis() : 0;
    }

    private static long size(Path file) throws IOException {
        return Files.exists(file) ? Files.size(file) : 0;
    }

    private static String gain(double value, double base) {
        if (value == base) {
            return "base";
        }
        return String.format(Locale.ROOT, "%+.0f%%", (value / base - 1) * 100);
    }

    /**
     * {@code n} daemon children started with {@code jvmOptions}, from {@code n} tasks at once, each called
     * once with {@code one()}; returns the nanoseconds until every call had returned, and until the nursery
     * had reaped them all.
     */
    private static long[] tractorDaemons(List<String> jvmOptions, int n) throws Exception {
        ActorOptions options = ActorOptions.enable(BenchFunctions.class).withJvmOptions(jvmOptions.toArray(String[]::new));
        long[] results = new long[1];
        long t0 = System.nanoTime();
        Tractor.openNursery(an -> {
            Nursery.open(tasks -> {
                for (int i = 0; i < n; i++) {
                    String name = "spawn-" + i;
                    tasks.startSoon(name, () -> check(an.startActor(name, options).run(BenchFunctions::one) == 1));
                }
            });
            results[0] = System.nanoTime() - t0;
            return null;
        });
        return new long[] {results[0], System.nanoTime() - t0};
    }

    // ---- the floor: bare child JVMs ------------------------------------------------------------------

    /**
     * Starts {@code n} {@link SpawnFloor} JVMs with {@code jvmOptions} at once; returns the nanoseconds until
     * each had sent its message, and until each had exited. On a platform thread (it blocks in a selector).
     */
    private static long[] floor(List<String> jvmOptions, int n) throws Exception {
        return onPlatformThread(() -> {
            long t0 = System.nanoTime();
            List<Process> started = new ArrayList<>();
            try {
                for (int i = 0; i < n; i++) {
                    started.add(startFloor(jvmOptions, false));
                }
                for (SocketChannel c : acceptFloors(started)) {
                    c.close();
                }
                long arrived = System.nanoTime() - t0;
                for (Process p : started) {
                    if (!p.waitFor(30, TimeUnit.SECONDS)) {
                        throw new IllegalStateException("a floor JVM did not exit: pid " + p.pid());
                    }
                }
                return new long[] {arrived, System.nanoTime() - t0};
            } finally {
                reapFloors(started);
            }
        });
    }

    /** Starts one bare JVM: same java, same class path, {@code jvmOptions}; output shown here, a stdin pipe. */
    private static Process startFloor(List<String> jvmOptions, boolean hold) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(java);
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", classPath, SpawnFloor.class.getName(), work.resolve("floor.sock").toString()));
        if (hold) {
            command.add("hold");
        }
        Process p = new ProcessBuilder(command).redirectInput(Redirect.PIPE).redirectOutput(Redirect.INHERIT)
                .redirectError(Redirect.INHERIT).start();
        FLOORS.add(p);
        return p;
    }

    /**
     * Accepts one connection from each of {@code started} and reads the pid it sends; returns the
     * connections (open). Fails if one of them exits first, or after 60 s.
     */
    private static List<SocketChannel> acceptFloors(List<Process> started) throws IOException {
        Map<Long, Process> waiting = new HashMap<>();
        for (Process p : started) {
            waiting.put(p.pid(), p);
        }
        List<SocketChannel> connections = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        ByteBuffer pid = ByteBuffer.allocate(Long.BYTES);
        try {
            while (!waiting.isEmpty()) {
                SocketChannel c = floorServer.accept();
                if (c == null) {
                    for (Process p : waiting.values()) {
                        if (!p.isAlive()) {
                            throw new IllegalStateException("a floor JVM exited with status " + p.exitValue()
                                    + " before it connected");
                        }
                    }
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException(waiting.size() + " floor JVMs did not connect in 60 s");
                    }
                    floorSelector.select(20);
                    floorSelector.selectedKeys().clear();
                    continue;
                }
                connections.add(c);
                c.configureBlocking(true);
                pid.clear();
                while (pid.hasRemaining()) {
                    if (c.read(pid) < 0) {
                        throw new EOFException("a floor JVM closed its connection before sending its pid");
                    }
                }
                if (waiting.remove(pid.flip().getLong()) == null) {
                    throw new IllegalStateException("a connection from an unknown process");
                }
            }
            return connections;
        } catch (IOException | RuntimeException e) {
            for (SocketChannel c : connections) {
                closeQuietly(c);
            }
            throw e;
        }
    }

    /** Makes sure every one of {@code started} is gone (killing what is not), and forgets them. */
    private static void reapFloors(List<Process> started) throws InterruptedException {
        for (Process p : started) {
            if (p.isAlive()) {
                p.destroyForcibly();
            }
            p.waitFor();
            closeQuietly(p.getOutputStream());
            FLOORS.remove(p);
        }
    }

    // ---- AOT caches ----------------------------------------------------------------------------------

    /**
     * Trains and creates one JDK 25 AOT cache for tractor's children (a daemon that starts, serves calls and
     * is cancelled) and one for the floor, with the two-step workflow of JEP 483 (record a configuration,
     * then create the cache in a separate JVM); returns the configurations that use them, or none if either
     * step failed.
     */
    private static Map<String, Config> trainAot() throws Exception {
        System.out.println();
        Path tractorConf = work.resolve("tractor.aotconf");
        Path tractorCache = work.resolve("tractor.aot");
        Path floorConf = work.resolve("floor.aotconf");
        Path floorCache = work.resolve("floor.aot");
        long t0 = System.nanoTime();
        Tractor.openNursery(an -> {
            Portal p = an.startActor("aot-training", ActorOptions.enable(BenchFunctions.class)
                    .withJvmOptions("-XX:AOTMode=record", "-XX:AOTConfiguration=" + tractorConf, "-Xlog:cds*=error,aot*=error"));
            for (int i = 0; i < 2_000; i++) {
                check(p.run(BenchFunctions::echo, i) == i);
            }
            check(p.run(BenchFunctions::one) == 1);
            return null; // the nursery cancels the daemon, whose JVM writes the configuration as it exits
        });
        long trained = System.nanoTime() - t0;
        onPlatformThread(() -> {
            List<Process> started = List.of(startFloor(List.of("-XX:AOTMode=record", "-XX:AOTConfiguration=" + floorConf,
                    "-Xlog:cds*=error,aot*=error"), false));
            try {
                for (SocketChannel c : acceptFloors(started)) {
                    c.close();
                }
                started.get(0).waitFor(30, TimeUnit.SECONDS);
            } finally {
                reapFloors(started);
            }
            return new long[0];
        });
        long tc = System.nanoTime();
        boolean ok = createAot(tractorConf, tractorCache) && createAot(floorConf, floorCache);
        long created = (System.nanoTime() - tc) / 2;
        if (!ok) {
            System.out.println("# AOT caches could not be created: the AOT configurations are left out");
            return Map.of();
        }
        System.out.printf(Locale.ROOT, "# AOT caches: tractor child %.1f MB (training run %.1f s, creation %.1f s), "
                        + "floor %.1f MB; -XX:AOTMode=record + -XX:AOTConfiguration, then -XX:AOTMode=create%n",
                Files.size(tractorCache) / 1e6, trained / 1e9, created / 1e9, Files.size(floorCache) / 1e6);
        List<String> tractorAot = List.of("-XX:AOTCache=" + tractorCache);
        List<String> floorAot = List.of("-XX:AOTCache=" + floorCache);
        Map<String, Config> configs = new LinkedHashMap<>();
        configs.put("aot", new Config("(d) -XX:AOTCache", tractorAot, floorAot));
        configs.put("aot+c1serial", new Config("(e) -XX:AOTCache " + String.join(" ", C1_SERIAL),
                concat(tractorAot, C1_SERIAL), concat(floorAot, C1_SERIAL)));
        return configs;
    }

    /** {@code java -XX:AOTMode=create ...} with the class path of the children; whether it worked. */
    private static boolean createAot(Path conf, Path cache) throws Exception {
        if (!Files.exists(conf)) {
            System.out.println("# no AOT configuration was recorded at " + conf);
            return false;
        }
        Path log = work.resolve(cache.getFileName() + ".log");
        Process p = new ProcessBuilder(java, "-XX:AOTMode=create", "-XX:AOTConfiguration=" + conf,
                "-XX:AOTCache=" + cache, "-cp", classPath)
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            if (!p.waitFor(180, TimeUnit.SECONDS) || p.exitValue() != 0 || !Files.exists(cache)) {
                System.out.println("# creating " + cache + " failed:");
                Files.readAllLines(log).forEach(l -> System.out.println("#   " + l));
                return false;
            }
            return true;
        } finally {
            p.destroyForcibly();
            p.waitFor();
        }
    }

    // ---- 2. calls ------------------------------------------------------------------------------------

    private static void calls(Options o) throws Exception {
        System.out.println();
        System.out.println("## 2. Call round trip: portal.run(echo, i) on a daemon vs raw 32-byte frames over UDS to the "
                + "same child JVM");
        Path rawPath = work.resolve("raw.sock");
        List<long[]> tractor = new ArrayList<>();
        List<long[]> tractorC1 = new ArrayList<>();
        List<long[]> rawPlatform = new ArrayList<>();
        List<long[]> rawVirtual = new ArrayList<>();
        Tractor.openNursery(an -> {
            Portal p = an.startActor("echo", ActorOptions.enable(BenchFunctions.class));
            Portal c1 = an.startActor("echo-c1", ActorOptions.enable(BenchFunctions.class)
                    .withJvmOptions(C1_SERIAL.toArray(String[]::new)));
            SocketChannel platform;
            SocketChannel virtual;
            try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
                server.bind(UnixDomainSocketAddress.of(rawPath));
                check(p.run(BenchFunctions::rawEcho, rawPath.toString(), "platform").equals("platform"));
                platform = server.accept();
                check(p.run(BenchFunctions::rawEcho, rawPath.toString(), "virtual").equals("virtual"));
                virtual = server.accept();
            } finally {
                Files.deleteIfExists(rawPath);
            }
            try (platform; virtual) {
                RawPingPong rawP = new RawPingPong(platform);
                RawPingPong rawV = new RawPingPong(virtual);
                for (int s = 0; s < 1 + o.callSamples(); s++) { // the first sample of each is a warm-up
                    long[] t = tractorCalls(p, o.calls());
                    long[] rp = inThread(Thread.ofPlatform(), () -> rawP.run(o.calls()));
                    long[] tc = tractorCalls(c1, o.calls());
                    long[] rv = inThread(Thread.ofVirtual(), () -> rawV.run(o.calls()));
                    if (s > 0) {
                        tractor.add(t);
                        tractorC1.add(tc);
                        rawPlatform.add(rp);
                        rawVirtual.add(rv);
                    }
                }
            }
            return null;
        });
        long[] t = pool(tractor);
        long[] tc = pool(tractorC1);
        long[] rp = pool(rawPlatform);
        long[] rv = pool(rawVirtual);
        System.out.printf(Locale.ROOT, "(%d calls per sample, %d samples after 1 warm-up sample, pooled: %d round trips "
                + "each; tractor's channel loops: %s threads)%n", o.calls(), o.callSamples(), t.length,
                System.getProperty("tractor.ipc.threads", "virtual"));
        System.out.println("| round trip | threads (this side / child) | median | p99 | median ratio | p99 ratio |");
        System.out.println("|---|---|---:|---:|---:|---:|");
        System.out.printf(Locale.ROOT, "| tractor `portal.run(echo)` | virtual / virtual (tasks) | %.1f us | %.1f us | "
                        + "%.2fx (goal <= 2x: %s) | %.2fx |%n", pct(t, 50) / 1e3, pct(t, 99) / 1e3,
                pct(t, 50) / pct(rp, 50), pct(t, 50) / pct(rp, 50) <= 2 ? "met" : "missed", pct(t, 99) / pct(rp, 99));
        System.out.printf(Locale.ROOT, "| tractor, child with %s | virtual / virtual (tasks) | %.1f us | %.1f us | "
                        + "%.2fx | %.2fx |%n", String.join(" ", C1_SERIAL), pct(tc, 50) / 1e3, pct(tc, 99) / 1e3,
                pct(tc, 50) / pct(rp, 50), pct(tc, 99) / pct(rp, 99));
        System.out.printf(Locale.ROOT, "| raw UDS frames (the floor) | platform / platform | %.1f us | %.1f us | 1.00x | "
                + "1.00x |%n", pct(rp, 50) / 1e3, pct(rp, 99) / 1e3);
        System.out.printf(Locale.ROOT, "| raw UDS frames | virtual / virtual | %.1f us | %.1f us | %.2fx | %.2fx |%n",
                pct(rv, 50) / 1e3, pct(rv, 99) / 1e3, pct(rv, 50) / pct(rp, 50), pct(rv, 99) / pct(rp, 99));
        System.out.printf(Locale.ROOT, "(tractor against raw on virtual threads: median %.2fx, p99 %.2fx)%n",
                pct(t, 50) / pct(rv, 50), pct(t, 99) / pct(rv, 99));
    }

    /** {@code calls} calls of {@code echo(i)}, one at a time; the nanoseconds of each. */
    private static long[] tractorCalls(Portal p, int calls) {
        long[] nanos = new long[calls];
        for (int i = 0; i < calls; i++) {
            long t0 = System.nanoTime();
            int back = p.run(BenchFunctions::echo, i);
            nanos[i] = System.nanoTime() - t0;
            if (back != i) {
                throw new IllegalStateException("echo(" + i + ") returned " + back);
            }
        }
        return nanos;
    }

    /** Raw round trips of one frame of {@link #SMALL}'s size, as {@link WireBench}'s latency test. */
    private static final class RawPingPong {
        private final SocketChannel socket;
        private final ByteBuffer frame;
        private final ByteBuffer in = ByteBuffer.allocateDirect(64 * 1024).order(ByteOrder.LITTLE_ENDIAN);

        RawPingPong(SocketChannel socket) {
            this.socket = socket;
            byte[] body = MsgCodec.encode(SMALL);
            frame = ByteBuffer.allocateDirect(4 + body.length).order(ByteOrder.LITTLE_ENDIAN);
            frame.putInt(body.length).put(body).flip();
        }

        long[] run(int roundTrips) throws IOException {
            long[] nanos = new long[roundTrips];
            for (int i = 0; i < roundTrips; i++) {
                long t0 = System.nanoTime();
                frame.rewind();
                while (frame.hasRemaining()) {
                    socket.write(frame);
                }
                in.clear();
                if (!WireBench.readFrame(socket, in)) {
                    throw new EOFException("the child closed the raw connection");
                }
                nanos[i] = System.nanoTime() - t0;
            }
            return nanos;
        }
    }

    // ---- 3. cancel -----------------------------------------------------------------------------------

    private static final Pattern FAILED_AT = Pattern.compile(Pattern.quote(BenchFunctions.FAILED_AT) + "(\\d+)");

    private static void cancel(Options o) throws Exception {
        System.out.println();
        System.out.println("## 3. Cancel: an error in 1 of 8 one-shot children -> openNursery raises, all 8 reaped");
        List<double[]> tractor = new ArrayList<>();
        List<Double> floor = new ArrayList<>();
        int alive = 0;
        for (int r = 0; r < 1 + o.cancelRounds(); r++) { // the first round is a warm-up
            double[] t = cancelRound();
            long f = floorReap(8);
            if (r > 0) {
                tractor.add(t);
                alive += (int) t[3];
                floor.add((double) f);
            }
        }
        System.out.printf(Locale.ROOT, "(%d rounds after 1 warm-up round; 7 children sleep in Sc.sleep, the 8th throws "
                + "300 ms after it started; times from the throw, wall clock)%n", o.cancelRounds());
        System.out.println("| | median | min | max |");
        System.out.println("|---|---:|---:|---:|");
        cancelRow("tractor: throw -> the failing child's process exited", tractor, 1);
        cancelRow("tractor: throw -> the last of the 7 others exited", tractor, 2);
        cancelRow("tractor: throw -> openNursery raised", tractor, 0);
        System.out.printf(Locale.ROOT, "| floor: 8 idle bare JVMs, connections closed -> all 8 exited | %.1f ms | %.1f ms "
                + "| %.1f ms |%n", median(floor) / 1e6, Collections.min(floor) / 1e6, Collections.max(floor) / 1e6);
        System.out.printf(Locale.ROOT, "(child processes still alive when openNursery raised, over all rounds: %d)%n", alive);
    }

    private static void cancelRow(String what, List<double[]> rounds, int index) {
        List<Double> values = rounds.stream().map(r -> r[index]).toList();
        System.out.printf(Locale.ROOT, "| %s | %.1f ms | %.1f ms | %.1f ms |%n", what, median(values) / 1e6,
                Collections.min(values) / 1e6, Collections.max(values) / 1e6);
    }

    /**
     * One round; returns the nanoseconds from the throw until openNursery raised, until the failing child
     * exited, until the last other child exited, and how many children were alive when it raised.
     */
    private static double[] cancelRound() throws Exception {
        List<Long> pids = new CopyOnWriteArrayList<>();
        Map<Long, Long> exits = new ConcurrentHashMap<>();
        List<CompletableFuture<?>> exited = new CopyOnWriteArrayList<>();
        long[] failer = new long[1];
        Throwable failure = null;
        long raised = 0;
        try {
            Tractor.openNursery(an -> {
                Nursery.open(tasks -> {
                    for (int i = 0; i < 7; i++) {
                        String name = "sleeper-" + i;
                        tasks.startSoon(name, () -> watchExit(an.runInActor(name, BenchFunctions::sleepMillis, 600_000)
                                .pid(), pids, exits, exited));
                    }
                });
                // all 7 are up (connected): now the one that fails
                failer[0] = an.runInActor("failer", BenchFunctions::failAfter, 300).pid();
                watchExit(failer[0], pids, exits, exited);
                return null;
            });
        } catch (Exception e) {
            raised = BenchFunctions.epochNanos(Instant.now());
            failure = e;
        }
        if (failure == null) {
            throw new IllegalStateException("the nursery did not fail");
        }
        Long thrown = thrownAt(failure);
        if (thrown == null) {
            throw new IllegalStateException("the nursery failed with something else", failure);
        }
        long alive = pids.stream().filter(pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).count();
        check(pids.size() == 8);
        for (CompletableFuture<?> f : exited) { // should all be done: make sure before the next round
            f.orTimeout(10, TimeUnit.SECONDS).exceptionally(x -> null).join();
        }
        long lastOther = pids.stream().filter(pid -> pid != failer[0]).mapToLong(pid -> exits.getOrDefault(pid, 0L))
                .max().orElse(0);
        return new double[] {raised - thrown, exits.getOrDefault(failer[0], 0L) - thrown, lastOther - thrown, alive};
    }

    /** Records {@code pid} and, when its process exits, the wall-clock time (epoch nanoseconds). */
    private static void watchExit(long pid, List<Long> pids, Map<Long, Long> exits,
                                  List<CompletableFuture<?>> exited) {
        pids.add(pid);
        ProcessHandle.of(pid).ifPresentOrElse(
                h -> exited.add(h.onExit().thenRun(() -> exits.put(pid, BenchFunctions.epochNanos(Instant.now())))),
                () -> exits.put(pid, BenchFunctions.epochNanos(Instant.now())));
    }

    /** The epoch nanoseconds in {@link BenchFunctions#failAfter}'s message, anywhere in {@code t}'s tree. */
    private static Long thrownAt(Throwable t) {
        if (t == null) {
            return null;
        }
        String message = t instanceof RemoteActorError r ? r.remoteMessage() : t.getMessage();
        if (message != null) {
            Matcher m = FAILED_AT.matcher(message);
            if (m.find()) {
                return Long.parseLong(m.group(1));
            }
        }
        List<Throwable> more = new ArrayList<>();
        more.add(t.getCause());
        more.addAll(Arrays.asList(t.getSuppressed()));
        if (t instanceof ExceptionGroup g) {
            more.addAll(g.exceptions());
        }
        for (Throwable x : more) {
            Long found = x == t ? null : thrownAt(x);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    /** {@code n} idle bare JVMs; the nanoseconds from closing their connections until all have exited. */
    private static long floorReap(int n) throws Exception {
        return onPlatformThread(() -> {
            List<Process> started = new ArrayList<>();
            try {
                for (int i = 0; i < n; i++) {
                    started.add(startFloor(List.of(), true));
                }
                List<SocketChannel> connections = acceptFloors(started);
                long t0 = System.nanoTime();
                for (SocketChannel c : connections) {
                    c.close();
                }
                for (Process p : started) {
                    if (!p.waitFor(30, TimeUnit.SECONDS)) {
                        throw new IllegalStateException("a floor JVM did not exit: pid " + p.pid());
                    }
                }
                return new long[] {System.nanoTime() - t0};
            } finally {
                reapFloors(started);
            }
        })[0];
    }

    // ---- 4. memory -----------------------------------------------------------------------------------

    private static void memory(Options o, Map<String, Config> aot) throws Exception {
        System.out.println();
        System.out.println("## 4. Memory: resident set of an idle child actor that has served one call");
        List<Config> configs = new ArrayList<>();
        configs.add(Config.same("default", List.of()));
        configs.add(Config.same("-Xmx64m", List.of("-Xmx64m")));
        configs.add(Config.same("-XX:+UseSerialGC", List.of("-XX:+UseSerialGC")));
        configs.add(Config.same("-Xss256k", List.of("-Xss256k")));
        configs.add(Config.same("-XX:TieredStopAtLevel=1", List.of("-XX:TieredStopAtLevel=1")));
        configs.add(Config.same(String.join(" ", C1_SERIAL), C1_SERIAL));
        List<String> all = concat(C1_SERIAL, List.of("-Xmx64m", "-Xss256k"));
        configs.add(Config.same(String.join(" ", all), all));
        for (Config c : aot.values()) {
            configs.add(new Config(c.label().replaceFirst("^\\(.\\) ", ""), c.tractor(), c.floor()));
        }
        Map<String, List<long[]>> rss = new LinkedHashMap<>();
        for (Config c : configs) {
            rss.put(c.label(), new ArrayList<>());
        }
        rss.put("floor: idle bare JVM, default", new ArrayList<>());
        rss.put("floor: idle bare JVM, " + String.join(" ", C1_SERIAL), new ArrayList<>());
        for (int r = 0; r < o.memoryRounds(); r++) {
            Tractor.openNursery(an -> {
                List<Portal> portals = new ArrayList<>();
                for (Config c : configs) {
                    Portal p = an.startActor("idle", ActorOptions.enable(BenchFunctions.class)
                            .withJvmOptions(c.tractor().toArray(String[]::new)));
                    check(p.run(BenchFunctions::echo, 7) == 7);
                    portals.add(p);
                }
                onPlatformThread(() -> {
                    List<Process> started = new ArrayList<>();
                    List<SocketChannel> connections = List.of();
                    try {
                        started.add(startFloor(List.of(), true));
                        started.add(startFloor(C1_SERIAL, true));
                        connections = acceptFloors(started);
                        Thread.sleep(1_500); // idle
                        for (int i = 0; i < configs.size(); i++) {
                            rss.get(configs.get(i).label()).add(rss(portals.get(i).pid()));
                        }
                        rss.get("floor: idle bare JVM, default").add(rss(started.get(0).pid()));
                        rss.get("floor: idle bare JVM, " + String.join(" ", C1_SERIAL)).add(rss(started.get(1).pid()));
                        return new long[0];
                    } finally {
                        for (SocketChannel c : connections) {
                            closeQuietly(c);
                        }
                        reapFloors(started);
                    }
                });
                return null;
            });
        }
        System.out.printf(Locale.ROOT, "(%d rounds; every child started one after the other, called once, then 1.5 s idle; "
                + "medians; anon = RssAnon, file = RssFile)%n", o.memoryRounds());
        System.out.println("| child JVM options | VmRSS | anon | file | goal < 64 MiB |");
        System.out.println("|---|---:|---:|---:|---|");
        for (Map.Entry<String, List<long[]>> e : rss.entrySet()) {
            double total = medianOf(e.getValue(), 0);
            System.out.printf(Locale.ROOT, "| %s | %.1f MiB | %.1f MiB | %.1f MiB | %s |%n", e.getKey(), total / 1024,
                    medianOf(e.getValue(), 1) / 1024, medianOf(e.getValue(), 2) / 1024,
                    e.getKey().startsWith("floor") ? "" : total < 64 * 1024 ? "met" : "missed");
        }
    }

    /** VmRSS, RssAnon and RssFile of {@code pid}, in KiB. */
    private static long[] rss(long pid) throws IOException {
        long[] out = new long[3];
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            String[] f = line.split("\\s+");
            switch (f[0]) {
                case "VmRSS:" -> out[0] = Long.parseLong(f[1]);
                case "RssAnon:" -> out[1] = Long.parseLong(f[1]);
                case "RssFile:" -> out[2] = Long.parseLong(f[1]);
                default -> {
                }
            }
        }
        return out;
    }

    // ---- 5. streams ----------------------------------------------------------------------------------

    private static void streams(Options o) throws Exception {
        System.out.println();
        System.out.println("## 5. Streams: a context's stream with a daemon child vs raw UDS frames between the same two JVMs");
        int n = o.streamValues();
        int roundTrips = o.streamRoundTrips();
        Path rawPath = work.resolve("raw-streams.sock");
        List<long[]> allow = new ArrayList<>();
        List<long[]> failSender = new ArrayList<>();
        List<long[]> emitter = new ArrayList<>();
        List<long[]> rawStreamP = new ArrayList<>();
        List<long[]> rawStreamV = new ArrayList<>();
        List<long[]> streamTrips = new ArrayList<>();
        List<long[]> runTrips = new ArrayList<>();
        List<long[]> rawTripsP = new ArrayList<>();
        List<long[]> rawTripsV = new ArrayList<>();
        List<String> overruns = new ArrayList<>();
        int[] sizes = new int[3]; // raw frame, tractor frame of a small value, tractor frame of value n - 1
        Tractor.openNursery(an -> {
            Portal p = an.startActor("streamer", ActorOptions.enable(BenchFunctions.class));
            // a first context, to see what cid (and so what frame size) this side's contexts get
            String cid = p.openContext(BenchFunctions::streamInts, 1, (ctx, first) -> {
                try (MsgStream<Integer, Void> stream = ctx.openStream(Integer.class, Void.class, Overruns.ALLOW)) {
                    check(stream.receive() == 0);
                }
                return ctx.cid();
            });
            sizes[1] = 4 + MsgCodec.encode(new Msg.Yield(cid, Payload.of(42))).length;
            sizes[2] = 4 + MsgCodec.encode(new Msg.Yield(cid, Payload.of(n - 1))).length;
            SocketChannel echoP;
            SocketChannel echoV;
            SocketChannel streamP;
            SocketChannel streamV;
            try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
                server.bind(UnixDomainSocketAddress.of(rawPath));
                String path = rawPath.toString();
                check(p.run(BenchFunctions::rawEcho, path, "platform").equals("platform"));
                echoP = server.accept();
                check(p.run(BenchFunctions::rawEcho, path, "virtual").equals("virtual"));
                echoV = server.accept();
                sizes[0] = p.run(BenchFunctions::rawStream, path, "platform", cid, n - 1);
                streamP = server.accept();
                check(p.run(BenchFunctions::rawStream, path, "virtual", cid, n - 1) == sizes[0]);
                streamV = server.accept();
            } finally {
                Files.deleteIfExists(rawPath);
            }
            try (echoP; echoV; streamP; streamV) {
                RawStreamReader readerP = new RawStreamReader(streamP);
                RawStreamReader readerV = new RawStreamReader(streamV);
                for (int s = 0; s < STREAM_WARMUP + o.streamSamples(); s++) { // the first samples of each kind are warm-ups
                    long[] a = tractorStream(p, n, Overruns.ALLOW);
                    long[] rp = inThread(Thread.ofPlatform(), () -> readerP.run(n));
                    long[] e = tractorEmitter(p, n);
                    long[] f = tractorStream(p, n, Overruns.FAIL_SENDER);
                    long[] rv = inThread(Thread.ofVirtual(), () -> readerV.run(n));
                    if (f[2] != n) {
                        overruns.add(String.format(Locale.ROOT, "sample %d: %d of %d values arrived, first gap at %d, "
                                + "%s", s, f[2], n, f[3], f[4] == 1 ? "the child failed with " + OVERRUN_ERRORS.poll()
                                : "the context ended normally (no error on either side)"));
                    }
                    if (s >= STREAM_WARMUP) {
                        allow.add(a);
                        rawStreamP.add(rp);
                        failSender.add(f);
                        emitter.add(e);
                        rawStreamV.add(rv);
                    }
                }
                RawPingPong pingP = new RawPingPong(echoP);
                RawPingPong pingV = new RawPingPong(echoV);
                for (int s = 0; s < STREAM_WARMUP + o.streamSamples(); s++) {
                    long[] t = tractorStreamRoundTrips(p, roundTrips);
                    long[] rp = inThread(Thread.ofPlatform(), () -> pingP.run(roundTrips));
                    long[] c = tractorCalls(p, roundTrips);
                    long[] rv = inThread(Thread.ofVirtual(), () -> pingV.run(roundTrips));
                    if (s >= STREAM_WARMUP) {
                        streamTrips.add(t);
                        rawTripsP.add(rp);
                        runTrips.add(c);
                        rawTripsV.add(rv);
                    }
                }
            }
            return null;
        });

        System.out.println();
        System.out.printf(Locale.ROOT, "### 5a. Stream throughput: %,d ints from the child, read by a task of the root "
                        + "(%d samples after %d warm-up samples, alternating; medians, min-max in brackets)%n", n,
                o.streamSamples(), STREAM_WARMUP);
        System.out.printf(Locale.ROOT, "(tractor's frames: %d bytes for a value below 128, %d bytes for %d, with this "
                        + "run's cid; raw frames: %d bytes, the encoding of Yield(cid, %d), same bytes every time)%n",
                sizes[1], sizes[2], n - 1, sizes[0], n - 1);
        System.out.println("| stream | threads (root / child) | messages/s (min-max, M) | ratio to the floor | child's sends alone |");
        System.out.println("|---|---|---:|---:|---:|");
        double floor = rateMedian(rawStreamP, n);
        double allowRate = rateMedian(allow, n);
        System.out.printf(Locale.ROOT, "| tractor context stream, root reads with `Overruns.ALLOW` | virtual / virtual "
                        + "(tasks) | %s | %.3fx (goal >= 0.15x: %s) | %s |%n", mpsRange(allow, n), allowRate / floor,
                allowRate / floor >= 0.15 ? "met" : "missed", mps(sendRateMedian(allow, n)));
        List<long[]> clean = failSender.stream().filter(f -> f[2] == n).toList();
        if (clean.isEmpty()) {
            System.out.println("| tractor context stream, default `Overruns.FAIL_SENDER` | virtual / virtual (tasks) "
                    + "| overran in every sample | | |");
        } else {
            double rate = rateMedian(clean, n);
            System.out.printf(Locale.ROOT, "| tractor context stream, default `Overruns.FAIL_SENDER` (%d of %d samples "
                            + "without overrun) | virtual / virtual (tasks) | %s | %.3fx | %s |%n", clean.size(),
                    failSender.size(), mpsRange(clean, n), rate / floor, mps(sendRateMedian(clean, n)));
        }
        double emitRate = rateMedian(emitter, n);
        System.out.printf(Locale.ROOT, "| tractor `openStreamFrom(emitInts)` (one-way, ALLOW) | virtual / virtual (tasks) "
                + "| %s | %.3fx | |%n", mpsRange(emitter, n), emitRate / floor);
        System.out.printf(Locale.ROOT, "| raw UDS frames, 64 KiB BufferedOutputStream (the floor) | platform / platform "
                + "| %s | 1.000x | |%n", mpsRange(rawStreamP, n));
        double rawV = rateMedian(rawStreamV, n);
        System.out.printf(Locale.ROOT, "| raw UDS frames, 64 KiB BufferedOutputStream | virtual / virtual | %s | %.3fx | |%n",
                mpsRange(rawStreamV, n), rawV / floor);
        List<Double> pairs = new ArrayList<>();
        for (int i = 0; i < allow.size(); i++) { // the raw sample right after each tractor sample
            pairs.add((double) rawStreamP.get(i)[0] / allow.get(i)[0]);
        }
        System.out.printf(Locale.ROOT, "(tractor with ALLOW against the floor, sample by sample: median %.3fx, %.3fx-%.3fx; "
                        + "against raw on virtual threads: %.3fx)%n", median(pairs), Collections.min(pairs),
                Collections.max(pairs), allowRate / rawV);
        System.out.printf(Locale.ROOT, "(default FAIL_SENDER: %d of %d attempts overran, warm-up included)%n",
                overruns.size(), STREAM_WARMUP + o.streamSamples());
        for (String line : overruns) {
            System.out.println("#   " + line);
        }

        long[] t = pool(streamTrips);
        long[] c = pool(runTrips);
        long[] rp = pool(rawTripsP);
        long[] rv = pool(rawTripsV);
        System.out.println();
        System.out.printf(Locale.ROOT, "### 5b. Stream round trip: send(i) then receive() == i + 1 on a two-way stream "
                + "(%d round trips per sample, %d samples after %d warm-up samples, pooled: %d each)%n", roundTrips,
                o.streamSamples(), STREAM_WARMUP, t.length);
        System.out.println("| round trip | threads (root / child) | median | p99 | median ratio | p99 ratio |");
        System.out.println("|---|---|---:|---:|---:|---:|");
        System.out.printf(Locale.ROOT, "| tractor stream `send` + `receive` | virtual / virtual (tasks) | %.1f us | %.1f us "
                        + "| %.2fx (goal <= 2x: %s) | %.2fx |%n", pct(t, 50) / 1e3, pct(t, 99) / 1e3,
                pct(t, 50) / pct(rp, 50), pct(t, 50) / pct(rp, 50) <= 2 ? "met" : "missed", pct(t, 99) / pct(rp, 99));
        System.out.printf(Locale.ROOT, "| tractor `portal.run(echo)`, same child (reference) | virtual / virtual (tasks) "
                        + "| %.1f us | %.1f us | %.2fx | %.2fx |%n", pct(c, 50) / 1e3, pct(c, 99) / 1e3,
                pct(c, 50) / pct(rp, 50), pct(c, 99) / pct(rp, 99));
        System.out.printf(Locale.ROOT, "| raw UDS frames (the floor) | platform / platform | %.1f us | %.1f us | 1.00x | "
                + "1.00x |%n", pct(rp, 50) / 1e3, pct(rp, 99) / 1e3);
        System.out.printf(Locale.ROOT, "| raw UDS frames | virtual / virtual | %.1f us | %.1f us | %.2fx | %.2fx |%n",
                pct(rv, 50) / 1e3, pct(rv, 99) / 1e3, pct(rv, 50) / pct(rp, 50), pct(rv, 99) / pct(rp, 99));
        System.out.printf(Locale.ROOT, "(tractor's stream against raw on virtual threads: median %.2fx, p99 %.2fx; "
                        + "against portal.run: median %.2fx)%n", pct(t, 50) / pct(rv, 50), pct(t, 99) / pct(rv, 99),
                pct(t, 50) / pct(c, 50));
    }

    /**
     * One context of {@link BenchFunctions#streamInts}, read to its end by this task with {@code overruns};
     * returns the nanoseconds from {@code openContext} until the last value was read, the child's own
     * sending nanoseconds, how many values arrived, the first value missing ({@code -1} if none) and 1 if
     * the context failed (an overrun).
     */
    private static long[] tractorStream(Portal p, int n, Overruns overruns) {
        long[] out = {0, 0, 0, -1, 0};
        long t0 = System.nanoTime();
        try {
            out[1] = p.openContext(BenchFunctions::streamInts, n, (ctx, first) -> {
                try (MsgStream<Integer, Void> stream = ctx.openStream(Integer.class, Void.class, overruns)) {
                    int expected = 0;
                    for (int v : stream) {
                        if (v != expected && out[3] < 0) {
                            out[3] = expected;
                        }
                        expected = v + 1;
                        out[2]++;
                    }
                    out[0] = System.nanoTime() - t0;
                }
                return ctx.<Long>result();
            });
        } catch (RemoteActorError e) {
            if (overruns == Overruns.ALLOW) {
                throw e;
            }
            out[0] = System.nanoTime() - t0;
            out[4] = 1;
            OVERRUN_ERRORS.add(e.remoteType() + " (" + e.getClass().getSimpleName() + ")");
        }
        if (out[3] < 0 && out[2] != n) {
            out[3] = out[2];
        }
        if (overruns == Overruns.ALLOW && out[2] != n) {
            throw new IllegalStateException(out[2] + " of " + n + " values arrived with Overruns.ALLOW");
        }
        return out;
    }

    /** One {@code openStreamFrom(emitInts, n)} read to its end; the same figures as {@link #tractorStream}. */
    private static long[] tractorEmitter(Portal p, int n) {
        long t0 = System.nanoTime();
        long count = p.openStreamFrom(BenchFunctions::emitInts, n, stream -> {
            long got = 0;
            int expected = 0;
            for (int v : stream) {
                check(v == expected);
                expected++;
                got++;
            }
            return got;
        });
        check(count == n);
        return new long[] {System.nanoTime() - t0, 0, count, -1, 0};
    }

    /**
     * One context of {@link BenchFunctions#increment}: {@code roundTrips} times {@code send(i)} then
     * {@code receive()}, one at a time; the nanoseconds of each.
     */
    private static long[] tractorStreamRoundTrips(Portal p, int roundTrips) {
        long[] nanos = new long[roundTrips];
        int answered = p.openContext(BenchFunctions::increment, (ctx, first) -> {
            try (MsgStream<Integer, Integer> stream = ctx.openStream(Integer.class, Integer.class)) {
                for (int i = 0; i < roundTrips; i++) {
                    long t0 = System.nanoTime();
                    stream.send(i);
                    int back = stream.receive();
                    nanos[i] = System.nanoTime() - t0;
                    if (back != i + 1) {
                        throw new IllegalStateException("sent " + i + ", got back " + back);
                    }
                }
            }
            return ctx.<Integer>result();
        });
        check(answered == roundTrips);
        return nanos;
    }

    /**
     * The raw floor of the stream throughput test, this side: asks the child's {@link BenchFunctions#rawStream}
     * loop for {@code n} frames and reads them through a {@link BufferedInputStream}, each into a new array
     * (as {@link WirePeer} reads in {@link WireBench}'s throughput test), until the empty frame.
     */
    private static final class RawStreamReader {
        private final SocketChannel socket;
        private final DataInputStream in;

        RawStreamReader(SocketChannel socket) {
            this.socket = socket;
            in = new DataInputStream(new BufferedInputStream(Channels.newInputStream(socket), 64 * 1024));
        }

        /** Returns the nanoseconds from the request until the empty frame arrived, and the frames read. */
        long[] run(int n) throws IOException {
            ByteBuffer request = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(n).flip();
            long t0 = System.nanoTime();
            while (request.hasRemaining()) {
                socket.write(request);
            }
            long count = 0;
            while (true) {
                int length = Integer.reverseBytes(in.readInt());
                if (length == 0) {
                    break;
                }
                byte[] body = new byte[length]; // a new array per frame, as a real reader hands each one on
                in.readFully(body);
                count++;
            }
            long nanos = System.nanoTime() - t0;
            if (count != n) {
                throw new IllegalStateException("read " + count + " raw frames, asked for " + n);
            }
            return new long[] {nanos, 0, count, -1, 0};
        }
    }

    /** The median rate, in messages per second, of samples whose first figure is the nanoseconds for {@code n}. */
    private static double rateMedian(List<long[]> samples, int n) {
        return n / (medianOf(samples, 0) / 1e9);
    }

    /** The same for the child's own sending time (the second figure). */
    private static double sendRateMedian(List<long[]> samples, int n) {
        return n / (medianOf(samples, 1) / 1e9);
    }

    private static String mps(double rate) {
        return String.format(Locale.ROOT, "%.3f M", rate / 1e6);
    }

    /** The median rate of {@code samples} (first figure: nanoseconds for {@code n}) and its range. */
    private static String mpsRange(List<long[]> samples, int n) {
        long[] nanos = samples.stream().mapToLong(x -> x[0]).sorted().toArray();
        return String.format(Locale.ROOT, "%s (%.2f-%.2f)", mps(rateMedian(samples, n)), n / (nanos[nanos.length - 1] / 1e9)
                / 1e6, n / (nanos[0] / 1e9) / 1e6);
    }

    // ---- helpers -------------------------------------------------------------------------------------

    private static void check(boolean ok) {
        if (!ok) {
            throw new IllegalStateException("a remote function returned something unexpected");
        }
    }

    /** Runs {@code body} on a new platform thread and waits for it (this thread may be virtual). */
    private static long[] onPlatformThread(Callable<long[]> body) throws Exception {
        return inThread(Thread.ofPlatform(), body);
    }

    private static long[] inThread(Thread.Builder builder, Callable<long[]> body) throws Exception {
        Object[] result = new Object[1];
        Thread thread = builder.start(() -> {
            try {
                result[0] = body.call();
            } catch (Throwable e) {
                result[0] = e;
            }
        });
        thread.join();
        if (result[0] instanceof Exception e) {
            throw e;
        }
        if (result[0] instanceof Error e) {
            throw e;
        }
        return (long[]) result[0];
    }

    private static long[] pool(List<long[]> samples) {
        long[] all = samples.stream().flatMapToLong(Arrays::stream).toArray();
        Arrays.sort(all);
        return all;
    }

    /** The {@code p}th percentile of sorted {@code values} (nearest rank). */
    private static double pct(long[] sorted, int p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }

    private static double medianOf(List<long[]> samples, int index) {
        List<Double> values = new ArrayList<>();
        for (long[] s : samples) {
            values.add((double) s[index]);
        }
        return median(values);
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2.0;
    }

    private static List<String> concat(List<String> a, List<String> b) {
        return Stream.concat(a.stream(), b.stream()).toList();
    }

    /**
     * Waits (at most 60 s) for the background {@code java -XX:AOTMode=create} JVM that the library starts
     * after a new jar's first child (its automatic AOT cache), so that the cache is there for the next run
     * instead of being killed below as a leftover process (which would make the next run record again).
     */
    private static void awaitAotCreation() {
        List<ProcessHandle> creations = ProcessHandle.current().children().filter(ProcessHandle::isAlive)
                .filter(p -> p.info().commandLine().orElse("").contains("-XX:AOTMode=create")).toList();
        for (ProcessHandle p : creations) {
            long t0 = System.nanoTime();
            try {
                p.onExit().get(60, TimeUnit.SECONDS);
            } catch (Exception e) {
                // killed below as a leftover
            }
            System.out.printf(Locale.ROOT, "# waited %.1f s for the library's background AOT cache creation "
                    + "(pid %d)%n", (System.nanoTime() - t0) / 1e9, p.pid());
        }
    }

    private static void killDescendants() {
        for (Process p : FLOORS) {
            p.destroyForcibly();
        }
        ProcessHandle.current().descendants().forEach(ProcessHandle::destroyForcibly);
        deleteTree(work); // on a signal no finally block runs
    }

    private static void closeQuietly(AutoCloseable c) {
        if (c != null) {
            try {
                c.close();
            } catch (Exception ignored) {
                // best effort
            }
        }
    }

    private static void deleteTree(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            System.err.println("cannot delete " + dir + ": " + e);
        }
    }

    private static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
            return String.join(" ", Arrays.asList(fields).subList(0, 3));
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private static final String USAGE = "usage: ActorBench [--sections spawn,flags,calls,cancel,memory,streams]"
            + " [--spawn-samples N] [--parallel-rounds N] [--flag-samples N] [--flag-parallel-rounds N] [--calls N]"
            + " [--call-samples N] [--cancel-rounds N] [--memory-rounds N] [--stream-values N] [--stream-samples N]"
            + " [--stream-round-trips N] [--no-aot]";

    private static Options parse(String[] args) {
        Set<String> sections = new LinkedHashSet<>(List.of("spawn", "flags", "calls", "cancel", "memory", "streams"));
        int spawnSamples = 20;
        int parallelRounds = 5;
        int flagSamples = 10;
        int flagParallelRounds = 3;
        int calls = 10_000;
        int callSamples = 5;
        int cancelRounds = 5;
        int memoryRounds = 3;
        int streamValues = 1_000_000;
        int streamSamples = 7;
        int streamRoundTrips = 10_000;
        boolean aot = true;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "-h", "--help" -> {
                    System.out.println(USAGE);
                    System.exit(0);
                }
                case "--no-aot" -> {
                    aot = false;
                    continue;
                }
                default -> {
                }
            }
            if (i + 1 >= args.length) {
                fail(args[i] + " needs a value");
            }
            String value = args[++i];
            switch (args[i - 1]) {
                case "--sections" -> {
                    Set<String> chosen = new LinkedHashSet<>();
                    for (String s : value.split(",")) {
                        if (!sections.contains(s)) {
                            fail("unknown section " + s);
                        }
                        chosen.add(s);
                    }
                    sections = chosen;
                }
                case "--spawn-samples" -> spawnSamples = positive(value);
                case "--parallel-rounds" -> parallelRounds = positive(value);
                case "--flag-samples" -> flagSamples = positive(value);
                case "--flag-parallel-rounds" -> flagParallelRounds = positive(value);
                case "--calls" -> calls = positive(value);
                case "--call-samples" -> callSamples = positive(value);
                case "--cancel-rounds" -> cancelRounds = positive(value);
                case "--memory-rounds" -> memoryRounds = positive(value);
                case "--stream-values" -> streamValues = positive(value);
                case "--stream-samples" -> streamSamples = positive(value);
                case "--stream-round-trips" -> streamRoundTrips = positive(value);
                default -> fail("unknown option " + args[i - 1]);
            }
        }
        return new Options(sections, spawnSamples, parallelRounds, flagSamples, flagParallelRounds, calls, callSamples,
                cancelRounds, memoryRounds, streamValues, streamSamples, streamRoundTrips, aot);
    }

    private static int positive(String value) {
        try {
            int n = Integer.parseInt(value);
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        fail("'" + value + "' is not a positive number");
        return 0;
    }

    private static void fail(String message) {
        System.err.println("ActorBench: " + message);
        System.err.println(USAGE);
        System.exit(2);
    }
}
