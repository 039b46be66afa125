package dev.tractor.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What debug mode costs at spawn (issue 13), measured on whole processes: three roots ({@link DebugSpawnRoot}),
 * one per mode, run side by side, and the driver has them spawn in turn, sample after sample, so that the
 * three modes meet the same load: (a) debug mode off (no property), (b) {@code -Dtractor.debug=true} (every
 * child gets a JDWP agent and the tree's debugger actor attaches to it before the child runs user code) and (c)
 * {@code -Dtractor.debug=ide} (the agent only). Reports medians and ratios against (a). {@code --modes} picks
 * other sets, such as {@code true+aot-off}: a root whose children go without the AOT cache, which a JVM with
 * a JDWP agent cannot use. Sections:
 *
 * <ul>
 * <li><b>root</b>: a root's start-up, from just before {@code Tractor.run} to its body (in (b) it starts the
 *     debugger actor {@code tractor-debugger}), and from launching its JVM until then; roots started in turn;
 * <li><b>spawn</b>: {@code runInActor(one)} until its result, and until reaped, one child at a time and 8 at
 *     once (as {@link ActorBench}'s spawn section);
 * <li><b>check</b>: what each mode adds to a child and its root: the child's command line, the classes of
 *     {@code dev.tractor.internal.debug} loaded in the root and in the child ({@code jcmd VM.class_hierarchy}),
 *     the threads of the JDWP agent and of the debugger ({@code jcmd Thread.print}), and the root's child
 *     processes. With debug mode off there must be no JDWP option, no debugger thread, no debugger actor, and
 *     of the debug package only {@code DebugMode}, the property check.
 * </ul>
 *
 * <pre>
 *   java -cp bench/target/benchmarks.jar dev.tractor.bench.DebugBench [--sections check,root,spawn]
 *       [--root-samples N] [--spawn-samples N] [--parallel-rounds N] [--modes off,true,ide]
 * </pre>
 */
public final class DebugBench {
    /**
     * The modes compared, by label: {@code off}, {@code true} or {@code ide} (the value of {@code -Dtractor.debug},
     * none for off), with {@code +aot-off} for a root whose children go without the AOT cache
     * ({@code -Dtractor.spawn.aot=off}). The first is the reference of the ratios.
     */
    private static final List<String> MODES = new ArrayList<>(List.of("off", "true", "ide"));

    private static final Pattern DEBUG_CLASS = Pattern.compile("dev\\.tractor\\.internal\\.debug\\.[A-Za-z0-9_$]+");
    private static final long WAIT_SECONDS = 120;

    private DebugBench() {
    }

    public static void main(String[] args) throws Exception {
        Set<String> sections = new LinkedHashSet<>(List.of("check", "root", "spawn"));
        int rootSamples = 7;
        int spawnSamples = 20;
        int parallelRounds = 5;
        List<String> modes = null;
        for (int i = 0; i < args.length; i += 2) {
            String value = i + 1 < args.length ? args[i + 1] : "";
            switch (args[i]) {
                case "--sections" -> sections = new LinkedHashSet<>(Arrays.asList(value.split(",")));
                case "--root-samples" -> rootSamples = Integer.parseInt(value);
                case "--spawn-samples" -> spawnSamples = Integer.parseInt(value);
                case "--parallel-rounds" -> parallelRounds = Integer.parseInt(value);
                case "--modes" -> modes = Arrays.asList(value.split(","));
                default -> {
                    System.err.println("usage: DebugBench [--sections check,root,spawn] [--root-samples N]"
                            + " [--spawn-samples N] [--parallel-rounds N] [--modes off,true,ide,true+aot-off,...]");
                    System.exit(2);
                }
            }
        }
        if (modes != null) {
            MODES.clear();
            MODES.addAll(modes);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(DebugBench::killDescendants, "debugbench-kill"));
        System.out.printf(Locale.ROOT, "# DebugBench: %d cores, %s %s, load average %s%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.name"),
                System.getProperty("java.runtime.version"), loadAverage());
        System.out.println("# modes " + String.join(", ", MODES) + "; ratios against " + MODES.getFirst());
        long start = System.nanoTime();
        int exit = 0;
        try {
            if (sections.contains("check")) {
                check();
            }
            if (sections.contains("root")) {
                rootStartup(rootSamples);
            }
            if (sections.contains("spawn")) {
                spawn(spawnSamples, parallelRounds);
            }
        } catch (Exception e) {
            System.err.println("DebugBench failed: " + e);
            e.printStackTrace();
            exit = 1;
        } finally {
            int left = killDescendants();
            System.out.printf(Locale.ROOT, "# done in %.0f s, load average %s, leftover processes: %d%n",
                    (System.nanoTime() - start) / 1e9, loadAverage(), left);
        }
        System.exit(exit);
    }

    // ---- check: what each mode adds -------------------------------------------------------------------

    private static void check() throws Exception {
        System.out.println();
        System.out.println("## check: what each mode adds to a root and to its child (a daemon that ran one call)");
        for (String mode : MODES) {
            try (Root root = Root.start(mode)) {
                root.awaitReady();
                root.send("hold");
                long child = Long.parseLong(root.await("held ").substring("held ".length()).trim());
                List<String> childLine = commandLine(child);
                List<String> debugOptions = childLine.stream().filter(a -> a.contains("jdwp")
                        || a.contains("jdk.internal.vm") || a.contains("virtualThreadScheduler")
                        || a.startsWith("-Dtractor.debug")).toList();
                System.out.println("### " + mode);
                System.out.println("- child's command line: " + childLine.size() + " arguments; JDWP agent: "
                        + (childLine.stream().anyMatch(a -> a.contains("jdwp")) ? "yes" : "no")
                        + "; debug options: " + (debugOptions.isEmpty() ? "none" : debugOptions) + "; AOT: "
                        + aot(childLine));
                System.out.println("- the root's child processes: " + actorsUnder(root.pid));
                System.out.println("- classes of dev.tractor.internal.debug loaded in the root: "
                        + debugClasses(root.pid) + "; in the child: " + debugClasses(child));
                System.out.println("- JDWP and debugger threads in the root: " + debugThreads(root.pid)
                        + "; in the child: " + debugThreads(child));
                root.send("release");
                root.await("released");
            }
        }
    }

    /** A process's arguments, from {@code /proc} (whole, unlike {@code ProcessHandle.Info} past 4 KiB). */
    private static List<String> commandLine(long pid) throws IOException {
        byte[] raw = Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline"));
        return List.of(new String(raw, StandardCharsets.UTF_8).split("\0"));
    }

    /** What the AOT cache options of a command line do. */
    private static String aot(List<String> commandLine) {
        if (commandLine.stream().anyMatch(a -> a.startsWith("-XX:AOTCache="))) {
            return "uses a cache (-XX:AOTCache)";
        }
        return commandLine.contains("-XX:AOTMode=record") ? "records a cache (-XX:AOTMode=record)" : "none";
    }

    /** The actor names ({@code --name}) of the processes under {@code pid}, or their pids. */
    private static List<String> actorsUnder(long pid) {
        List<String> names = new ArrayList<>();
        ProcessHandle.of(pid).ifPresent(p -> p.descendants().forEach(d -> {
            try {
                List<String> line = commandLine(d.pid());
                int at = line.indexOf("--name");
                names.add(at >= 0 && at + 1 < line.size() ? line.get(at + 1) : "pid " + d.pid());
            } catch (IOException gone) {
                // it ended meanwhile
            }
        }));
        return names;
    }

    private static Set<String> debugClasses(long pid) throws Exception {
        Set<String> classes = new TreeSet<>();
        Matcher m = DEBUG_CLASS.matcher(jcmd(pid, "VM.class_hierarchy"));
        while (m.find()) {
            classes.add(m.group().substring("dev.tractor.internal.debug.".length()));
        }
        return classes;
    }

    private static Set<String> debugThreads(long pid) throws Exception {
        Set<String> threads = new TreeSet<>();
        for (String line : jcmd(pid, "Thread.print").split("\n")) {
            if (line.startsWith("\"") && (line.contains("JDWP") || line.contains("tractor-debug"))) {
                threads.add(line.substring(1, line.indexOf('"', 1)));
            }
        }
        return threads;
    }

    private static String jcmd(long pid, String command) throws Exception {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        Process p = new ProcessBuilder(jcmd.toString(), Long.toString(pid), command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("jcmd " + pid + " " + command + " failed: " + out);
        }
        return out;
    }

    // ---- root: start-up --------------------------------------------------------------------------------

    private static void rootStartup(int samples) throws Exception {
        System.out.println();
        System.out.println("## root: Tractor.run -> body, and launch -> body (" + samples + " roots per mode, in turn)");
        Map<String, List<Double>> inRoot = series();
        Map<String, List<Double>> fromLaunch = series();
        List<String> labels = List.copyOf(MODES);
        for (int i = 0; i < samples + 1; i++) { // the first round warms the page cache
            for (String label : rotated(labels, i)) {
                long t0 = System.nanoTime();
                try (Root root = Root.start(label)) {
                    long startup = root.awaitReady();
                    long launch = System.nanoTime() - t0;
                    if (i > 0) {
                        inRoot.get(label).add(startup / 1e6);
                        fromLaunch.get(label).add(launch / 1e6);
                    }
                }
            }
        }
        System.out.println("| mode | Tractor.run -> body | ratio | launch -> body | ratio |");
        System.out.println("|---|---:|---:|---:|---:|");
        for (String label : labels) {
            System.out.printf(Locale.ROOT, "| %s | %.1f ms | %.2fx | %.1f ms | %.2fx |%n", label,
                    median(inRoot.get(label)), median(inRoot.get(label)) / median(inRoot.get(labels.getFirst())),
                    median(fromLaunch.get(label)),
                    median(fromLaunch.get(label)) / median(fromLaunch.get(labels.getFirst())));
        }
    }

    // ---- spawn -----------------------------------------------------------------------------------------

    private static void spawn(int samples, int parallelRounds) throws Exception {
        System.out.println();
        System.out.println("## spawn: runInActor(one) -> result() (and -> reaped), the roots in turn");
        List<String> labels = List.copyOf(MODES);
        Map<String, Root> roots = new LinkedHashMap<>();
        try {
            for (String label : labels) {
                Root root = Root.start(label);
                roots.put(label, root);
                root.awaitReady();
            }
            for (int i = 0; i < 2; i++) { // warm up each root's spawn code and the page cache
                for (Root root : roots.values()) {
                    root.spawn(1);
                    root.spawn(8);
                }
            }
            Map<String, List<Double>> one = series();
            Map<String, List<Double>> oneReaped = series();
            for (int i = 0; i < samples; i++) {
                for (String label : rotated(labels, i)) {
                    double[] t = roots.get(label).spawn(1);
                    one.get(label).add(t[0]);
                    oneReaped.get(label).add(t[1]);
                }
            }
            Map<String, List<Double>> eight = series();
            Map<String, List<Double>> eightReaped = series();
            for (int i = 0; i < parallelRounds; i++) {
                for (String label : rotated(labels, i)) {
                    double[] t = roots.get(label).spawn(8);
                    eight.get(label).add(t[0]);
                    eightReaped.get(label).add(t[1]);
                }
            }
            System.out.println("| mode | 1 child (" + samples + " samples): -> result() | ratio | -> reaped | ratio "
                    + "| 8 at once (" + parallelRounds + " rounds): -> result() | ratio | -> reaped | ratio |");
            System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
            String off = labels.getFirst();
            for (String label : labels) {
                System.out.printf(Locale.ROOT, "| %s | %s | %s | %s | %s |%n", label, cell(one, label, off),
                        cell(oneReaped, label, off), cell(eight, label, off), cell(eightReaped, label, off));
            }
        } finally {
            for (Root root : roots.values()) {
                root.close();
            }
        }
    }

    private static String cell(Map<String, List<Double>> series, String label, String off) {
        double m = median(series.get(label));
        return String.format(Locale.ROOT, "%.1f ms | %.2fx", m, m / median(series.get(off)));
    }

    private static Map<String, List<Double>> series() {
        Map<String, List<Double>> s = new LinkedHashMap<>();
        MODES.forEach(l -> s.put(l, new ArrayList<>()));
        return s;
    }

    /** The modes in the order of round {@code i}: each mode takes each place in turn. */
    private static List<String> rotated(List<String> labels, int i) {
        List<String> order = new ArrayList<>(labels);
        Collections.rotate(order, -(i % labels.size()));
        return order;
    }

    // ---- a root in one mode ----------------------------------------------------------------------------

    /** A {@link DebugSpawnRoot} in one debug mode, and its output lines. */
    private static final class Root implements AutoCloseable {
        private final String label;
        private final Process process;
        private final OutputStream input;
        private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        private long pid;

        private Root(String label, Process process) {
            this.label = label;
            this.process = process;
            this.input = process.getOutputStream();
            this.pid = process.pid();
            Thread.ofPlatform().daemon().name("output of " + label).start(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(),
                        StandardCharsets.UTF_8))) {
                    for (String line; (line = r.readLine()) != null;) {
                        lines.add(line);
                    }
                } catch (IOException gone) {
                    // the root is gone
                }
            });
        }

        /** Starts a root in mode {@code label} (see {@link #MODES}). */
        static Root start(String label) throws IOException {
            String debug = label.replace("+aot-off", "");
            String java = ProcessHandle.current().info().command()
                    .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            List<String> command = new ArrayList<>(List.of(java, "-Dtractor.registry=tcp://127.0.0.1:0"));
            if (!debug.equals("off")) {
                command.add("-Dtractor.debug=" + debug);
            }
            if (label.endsWith("+aot-off")) {
                command.add("-Dtractor.spawn.aot=off");
            }
            command.addAll(List.of("-cp", System.getProperty("java.class.path"), DebugSpawnRoot.class.getName()));
            return new Root(label, new ProcessBuilder(command).redirectErrorStream(true).start());
        }

        /** Waits for {@code ready}; the root's start-up in nanoseconds. */
        long awaitReady() throws Exception {
            String[] f = await("ready ").split(" ");
            pid = Long.parseLong(f[2]);
            return Long.parseLong(f[1]);
        }

        /** Spawns {@code n} children at once; milliseconds until their results and until reaped. */
        double[] spawn(int n) throws Exception {
            send("spawn " + n);
            String[] f = await("spawned ").split(" ");
            return new double[] {Long.parseLong(f[1]) / 1e6, Long.parseLong(f[2]) / 1e6};
        }

        void send(String line) throws IOException {
            input.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            input.flush();
        }

        /** The next line that starts with {@code prefix}; other lines are shown on standard error. */
        String await(String prefix) throws Exception {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
            while (true) {
                String line = lines.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                if (line == null) {
                    throw new IllegalStateException(label + ": no '" + prefix.trim() + "' within " + WAIT_SECONDS
                            + " s (alive: " + process.isAlive() + ")");
                }
                if (line.startsWith(prefix)) {
                    return line;
                }
                System.err.println("# " + label + ": " + line);
            }
        }

        @Override
        public void close() throws Exception {
            if (process.isAlive()) {
                try {
                    send("quit");
                    input.close();
                } catch (IOException gone) {
                    // it ended meanwhile
                }
            }
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                System.err.println("# " + label + ": the root did not end; killing it");
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
        }
    }

    // ---- shared with DebugPauseBench ---------------------------------------------------------------------

    /** The {@code p}th percentile (0 to 100) of {@code values}, interpolated between ranks. */
    static double percentile(List<Double> values, double p) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        double at = p / 100 * (sorted.size() - 1);
        int below = (int) Math.floor(at);
        int above = (int) Math.ceil(at);
        return sorted.get(below) + (sorted.get(above) - sorted.get(below)) * (at - below);
    }

    static double median(List<Double> values) {
        return percentile(values, 50);
    }

    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException | RuntimeException e) {
            return "?";
        }
    }

    /** Kills every process this JVM started that is still alive (after a failure); how many there were. */
    static int killDescendants() {
        List<ProcessHandle> left = ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).toList();
        for (ProcessHandle p : left) {
            System.err.println("# killing a leftover process " + p.pid() + " " + p.info().command().orElse("?"));
            p.destroyForcibly();
        }
        return left.size();
    }
}
