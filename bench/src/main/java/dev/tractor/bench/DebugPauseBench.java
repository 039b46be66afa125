package dev.tractor.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * How long from {@code Tractor.pause()} in a grandchild to the REPL's prompt in the root's terminal (issue 13):
 * runs {@link DebugPauseProgram} (root, daemon {@code middle}, grandchild {@code leaf} pausing {@code N} times)
 * with its standard input and output on pipes, answers {@code continue} at each prompt, and reports medians
 * and the 90th percentile of:
 *
 * <ul>
 * <li><b>pause -> heading</b> and <b>pause -> prompt</b>: from the leaf's time stamp just before
 *     {@code Tractor.pause()} to the moment this driver read the heading line {@code [leaf (pid ...)]} and the
 *     prompt {@code (tractor leaf) } on the root's output. Two processes' readings of the real-time clock
 *     ({@link Instant#now()}, microseconds): one kernel clock on one machine, so comparable, unless the clock
 *     is stepped meanwhile. It includes the leaf's own {@code println} of its time stamp (microseconds) and
 *     this driver's reading of the pipe;
 * <li><b>continue -> resumed</b>: from writing {@code continue} to the leaf's time stamp after the pause;
 * <li><b>continue -> next prompt</b>: this driver's clock alone, from writing {@code continue} to the next
 *     prompt: the round of the loop as a user sees it (the resume, the gate's poll of up to 5 ms, the leaf's
 *     next time stamp, and the next stop), an upper bound of pause -> prompt with no second clock involved.
 * </ul>
 *
 * The first stop is reported apart: it loads and breakpoints the gate's class in the leaf.
 *
 * <pre>
 *   java -cp bench/target/benchmarks.jar dev.tractor.bench.DebugPauseBench [N]
 * </pre>
 */
public final class DebugPauseBench {
    private static final String HEADING = "[leaf (pid ";
    private static final String PROMPT = "(tractor leaf) ";

    private DebugPauseBench() {
    }

    /** A line, or a prompt (a line not ended yet), of the root's output, and when this driver read it. */
    private record Seen(String text, boolean prompt, long nanos, long micros) {
    }

    public static void main(String[] args) throws Exception {
        int pauses = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> command = new ArrayList<>(List.of(java, "-Dtractor.registry=tcp://127.0.0.1:0"));
        if (Files.isDirectory(Path.of("bench/src/main/java"))) {
            command.add("-Dtractor.debug.sourcePath=bench/src/main/java"); // the REPL lists the source, as for a user
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), DebugPauseProgram.class.getName(),
                Integer.toString(pauses)));
        System.out.printf(Locale.ROOT, "# DebugPauseBench: %d cores, %s %s, load average %s, %d pauses%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.name"),
                System.getProperty("java.runtime.version"), DebugBench.loadAverage(), pauses);
        Process root = new ProcessBuilder(command).redirectErrorStream(true).start();
        BlockingQueue<Seen> seen = new LinkedBlockingQueue<>();
        Thread.ofPlatform().daemon().name("root output").start(() -> read(root.getInputStream(), seen));
        Map<Integer, Long> pauseAt = new HashMap<>();
        Map<Integer, Long> resumedAt = new HashMap<>();
        long[] headingAt = new long[pauses];
        long[] promptAt = new long[pauses];
        long[] promptNanos = new long[pauses];
        long[] continuedNanos = new long[pauses];
        long[] continuedMicros = new long[pauses];
        int exit = 0;
        try (OutputStream in = root.getOutputStream()) {
            int stop = -1;
            boolean done = false;
            while (!done) {
                Seen s = seen.poll(120, TimeUnit.SECONDS);
                if (s == null) {
                    throw new IllegalStateException("no output for 120 s; stop " + stop);
                }
                if (s.prompt()) {
                    if (stop < 0 || promptAt[stop] != 0) {
                        throw new IllegalStateException("a prompt with no heading before it: " + s.text());
                    }
                    promptAt[stop] = s.micros();
                    promptNanos[stop] = s.nanos();
                    continuedMicros[stop] = DebugPauseProgram.micros(Instant.now());
                    continuedNanos[stop] = System.nanoTime();
                    in.write("continue\n".getBytes(StandardCharsets.UTF_8));
                    in.flush();
                    continue;
                }
                // the leaf's lines come from another process: one may follow the prompt on its line
                String text = s.text().startsWith(PROMPT) ? s.text().substring(PROMPT.length()) : s.text();
                if (text.startsWith(HEADING)) {
                    stop++;
                    headingAt[stop] = s.micros();
                } else if (text.startsWith("pause-at ")) {
                    String[] f = text.split(" ");
                    pauseAt.put(Integer.parseInt(f[1]), Long.parseLong(f[2]));
                } else if (text.startsWith("resumed-at ")) {
                    String[] f = text.split(" ");
                    resumedAt.put(Integer.parseInt(f[1]), Long.parseLong(f[2]));
                } else if (text.startsWith("result ")) {
                    done = true;
                }
            }
            if (stop != pauses - 1) {
                throw new IllegalStateException((stop + 1) + " stops for " + pauses + " pauses");
            }
            if (!root.waitFor(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the root did not end");
            }
        } catch (Exception e) {
            System.err.println("DebugPauseBench failed: " + e);
            exit = 1;
        } finally {
            DebugBench.killDescendants();
        }
        if (exit == 0) {
            report(pauses, pauseAt, resumedAt, headingAt, promptAt, promptNanos, continuedNanos, continuedMicros);
        }
        System.exit(exit);
    }

    private static void report(int pauses, Map<Integer, Long> pauseAt, Map<Integer, Long> resumedAt, long[] headingAt,
            long[] promptAt, long[] promptNanos, long[] continuedNanos, long[] continuedMicros) {
        List<Double> toHeading = new ArrayList<>();
        List<Double> toPrompt = new ArrayList<>();
        List<Double> toResumed = new ArrayList<>();
        List<Double> round = new ArrayList<>();
        for (int i = 1; i < pauses; i++) { // the first stop apart
            toHeading.add((headingAt[i] - pauseAt.get(i)) / 1e3);
            toPrompt.add((promptAt[i] - pauseAt.get(i)) / 1e3);
            toResumed.add((resumedAt.get(i - 1) - continuedMicros[i - 1]) / 1e3);
            round.add((promptNanos[i] - continuedNanos[i - 1]) / 1e6);
        }
        System.out.printf(Locale.ROOT, "first stop: pause -> heading %.1f ms, pause -> prompt %.1f ms%n",
                (headingAt[0] - pauseAt.get(0)) / 1e3, (promptAt[0] - pauseAt.get(0)) / 1e3);
        System.out.printf(Locale.ROOT, "stops 2..%d (%d samples), ms:        median     p90     min     max%n",
                pauses, pauses - 1);
        row("pause -> heading [leaf (pid ...)]", toHeading);
        row("pause -> prompt (tractor leaf)", toPrompt);
        row("continue -> resumed (leaf)", toResumed);
        row("continue -> next prompt (driver clock)", round);
        System.out.printf(Locale.ROOT, "# load average %s%n", DebugBench.loadAverage());
    }

    private static void row(String what, List<Double> ms) {
        System.out.printf(Locale.ROOT, "  %-40s %7.1f %7.1f %7.1f %7.1f%n", what, DebugBench.percentile(ms, 50),
                DebugBench.percentile(ms, 90), DebugBench.percentile(ms, 0), DebugBench.percentile(ms, 100));
    }

    /**
     * Reads the root's output as it comes: each line, and a prompt as soon as it is printed (it ends no line),
     * each stamped with when it was read.
     */
    private static void read(InputStream out, BlockingQueue<Seen> seen) {
        StringBuilder line = new StringBuilder();
        byte[] buffer = new byte[8192];
        boolean prompted = false; // the current line's prompt has been reported
        try {
            for (int n; (n = out.read(buffer)) >= 0;) {
                long nanos = System.nanoTime();
                long micros = DebugPauseProgram.micros(Instant.now());
                for (int i = 0; i < n; i++) {
                    char c = (char) (buffer[i] & 0xff); // the lines that matter are ASCII
                    if (c == '\n') {
                        seen.add(new Seen(line.toString(), false, nanos, micros));
                        line.setLength(0);
                        prompted = false;
                    } else {
                        line.append(c);
                    }
                }
                if (!prompted && line.toString().equals(PROMPT)) {
                    seen.add(new Seen(line.toString(), true, nanos, micros));
                    prompted = true;
                }
            }
        } catch (IOException gone) {
            // the root is gone
        }
    }
}
