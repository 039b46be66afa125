package dev.tractor.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Runs an example's {@code main} in a JVM of its own, the way a user would, and captures what it printed.
 *
 * <p>A separate process, not a call to {@code main} in the test JVM, so that {@code System.exit}, stray
 * threads and global state of one example cannot affect another test, and a hung example can be killed.
 * The child uses the test JVM's own {@code java} binary and class path. Output goes to files rather than
 * pipes, so a chatty child never blocks on a full pipe.
 *
 * <p>Nothing may outlive a run. Processes the example started are not this JVM's descendants any more once
 * the example has exited (an orphan is re-parented to init), so each run also carries a unique marker, the
 * system property {@value #MARKER_PROPERTY}: actors inherit every {@code tractor.*} property, so the
 * marker is on the command line of every process of the example's tree, however deep, and a scan of all
 * processes finds any that is left.
 */
final class ExampleProcess {
    /** The system property that marks every process of one run's tree (inherited by actors). */
    static final String MARKER_PROPERTY = "tractor.example.run";

    private ExampleProcess() {
    }

    /**
     * What one run produced.
     *
     * @param marker the {@code -D} option on the command line of every process of this run's tree
     */
    record Result(String name, int exitCode, String stdout, String stderr, Duration took, String marker) {

        List<String> lines() {
            return stdout.lines().toList();
        }

        /** Asserts a clean run: exit code 0 and nothing on stderr but JVM notices. */
        Result assertSucceeded() {
            assertEquals(0, exitCode, () -> name + " exited with " + exitCode + "\n" + this);
            List<String> errors = stderr.lines().filter(l -> !l.startsWith("Picked up ")).toList();
            assertTrue(errors.isEmpty(), () -> name + " wrote to stderr\n" + this);
            return this;
        }

        /** Asserts that some line equals {@code expected}, and returns its index. */
        int assertLine(String expected) {
            int i = lines().indexOf(expected);
            assertTrue(i >= 0, () -> "no line '" + expected + "' in the output of " + name + "\n" + this);
            return i;
        }

        /** Asserts that the lines appear in this order (not necessarily next to each other). */
        void assertInOrder(String... expected) {
            List<String> lines = lines();
            int from = 0;
            for (String e : expected) {
                int i = lines.subList(from, lines.size()).indexOf(e);
                int after = from;
                assertTrue(i >= 0, () -> "no line '" + e + "' at or after line " + after + " of the output of "
                        + name + "\n" + this);
                from += i + 1;
            }
        }

        /** Asserts that some line matches {@code regex} and returns the match, for reading numbers out of it. */
        Matcher assertMatch(String regex) {
            Pattern p = Pattern.compile(regex);
            for (String line : lines()) {
                Matcher m = p.matcher(line);
                if (m.matches()) {
                    return m;
                }
            }
            return fail("no line matches /" + regex + "/ in the output of " + name + "\n" + this);
        }

        /**
         * Asserts that the process {@code pid}, which the example reported as one of its own, is not running:
         * gone, or (should the pid have been reused already) a process that is not of this run.
         */
        void assertNotRunning(long pid) {
            assertTrue(ProcessHandle.of(pid).filter(p -> carries(p, marker)).isEmpty(),
                    () -> name + ": process " + pid + " is still running\n" + this);
        }

        @Override
        public String toString() {
            return "--- exit code " + exitCode + ", " + took.toMillis() + " ms\n--- stdout\n" + stdout
                    + "--- stderr\n" + stderr + "---";
        }
    }

    /** Runs {@code dev.tractor.examples.<main>} with {@code args}, killing it if it takes over {@code timeout}. */
    static Result run(Class<?> main, Duration timeout, String... args) throws IOException, InterruptedException {
        return run(main, timeout, List.of(), args);
    }

    /**
     * Like {@link #run(Class, Duration, String...)}, with extra options for the example's JVM (such as
     * {@code -Dtractor.registry=tcp://127.0.0.1:41234}); a {@code -D} option given here replaces the build's
     * setting of that property.
     */
    static Result run(Class<?> main, Duration timeout, List<String> jvmOptions, String... args)
            throws IOException, InterruptedException {
        try (Background example = start(main, jvmOptions, args)) {
            return example.awaitExit(timeout);
        }
    }

    /**
     * Starts {@code dev.tractor.examples.<main>} with {@code args} and returns at once, for an example that
     * runs alongside others (a daemon, say): read its output as it comes with
     * {@link Background#awaitLine}, then {@link Background#awaitExit} checks how it ended and that nothing
     * of it is left. Use it in try-with-resources: closing it kills whatever of it still runs.
     */
    static Background start(Class<?> main, List<String> jvmOptions, String... args) throws IOException {
        return start(main, jvmOptions, false, args);
    }

    /** Like {@link #start}, with a standard input the test writes to ({@link Background#input}). */
    static Background startInteractive(Class<?> main, List<String> jvmOptions, String... args) throws IOException {
        return start(main, jvmOptions, true, args);
    }

    private static Background start(Class<?> main, List<String> jvmOptions, boolean interactive, String... args)
            throws IOException {
        List<String> command = new ArrayList<>();
        command.add(javaBinary());
        // First, before the long class path: see carries().
        String marker = "-D" + MARKER_PROPERTY + "=" + main.getSimpleName() + "-" + UUID.randomUUID();
        command.add(marker);
        // The build's discovery settings (a registrar of its own per tree, a test secret): see the pom.
        for (String property : List.of("tractor.registry", "tractor.cookie")) {
            String value = System.getProperty(property);
            boolean overridden = jvmOptions.stream().anyMatch(o -> o.startsWith("-D" + property + "="));
            if (value != null && !overridden) {
                command.add("-D" + property + "=" + value);
            }
        }
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(main.getName());
        command.addAll(List.of(args));

        Path out = Files.createTempFile("example-" + main.getSimpleName(), ".out");
        Path err = Files.createTempFile("example-" + main.getSimpleName(), ".err");
        Set<Long> before = livingDescendants();
        try {
            Process process = new ProcessBuilder(command)
                    .redirectInput(interactive ? ProcessBuilder.Redirect.PIPE
                            : ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile())
                    .start();
            return new Background(main, process, out, err, marker, before, System.nanoTime());
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
            throw e;
        }
    }

    /**
     * An example that runs in the background ({@link #start}). Its output goes to files, read as it grows;
     * only whole lines count.
     */
    static final class Background implements AutoCloseable {
        private final Class<?> main;
        private final Process process;
        private final Path out;
        private final Path err;
        private final String marker;
        private final Set<Long> before;
        private final long start;
        private Result result;

        private Background(Class<?> main, Process process, Path out, Path err, String marker, Set<Long> before,
                long start) {
            this.main = main;
            this.process = process;
            this.out = out;
            this.err = err;
            this.marker = marker;
            this.before = before;
            this.start = start;
        }

        /** The example's standard input (for one started with {@link #startInteractive}). */
        java.io.OutputStream input() {
            return process.getOutputStream();
        }

        /** The example's process id. */
        long pid() {
            return process.pid();
        }

        /** Whether the example's process is still running. */
        boolean isAlive() {
            return process.isAlive();
        }

        /** The whole lines it has printed so far. */
        List<String> linesSoFar() throws IOException {
            String text = Files.readString(out, StandardCharsets.UTF_8);
            int end = text.lastIndexOf('\n');
            return end < 0 ? List.of() : text.substring(0, end + 1).lines().toList();
        }

        /**
         * Waits until a line it printed matches {@code regex} and returns the match. Fails if it exits
         * without printing one, or {@code timeout} passes first (the example then keeps running: close it).
         */
        Matcher awaitLine(String regex, Duration timeout) throws IOException, InterruptedException {
            Pattern p = Pattern.compile(regex);
            long deadline = System.nanoTime() + timeout.toNanos();
            for (;;) {
                boolean exited = !process.isAlive(); // before reading: all it printed is then in the file
                for (String line : linesSoFar()) {
                    Matcher m = p.matcher(line);
                    if (m.matches()) {
                        return m;
                    }
                }
                if (exited || System.nanoTime() > deadline) {
                    return fail("no line matches /" + regex + "/ in the output of " + main.getSimpleName()
                            + (exited ? ", which exited with " + process.exitValue() : " within " + timeout)
                            + "\n" + snapshot(exited ? process.exitValue() : -1));
                }
                Thread.sleep(20);
            }
        }

        /**
         * Waits until the example has printed {@code n + 1} lines that match {@code regex} (a prompt's
         * output may come first on the line: the match may start anywhere) and returns the last of them.
         */
        String awaitNthLine(String regex, Duration timeout, int n) throws IOException, InterruptedException {
            Pattern p = Pattern.compile(regex);
            long deadline = System.nanoTime() + timeout.toNanos();
            for (;;) {
                boolean exited = !process.isAlive();
                List<String> matching = linesSoFar().stream().filter(l -> p.matcher(l).find()).toList();
                if (matching.size() > n) {
                    return matching.get(n);
                }
                if (exited || System.nanoTime() > deadline) {
                    return fail("no " + (n + 1) + " lines match /" + regex + "/ in the output of "
                            + main.getSimpleName() + (exited ? ", which exited with " + process.exitValue()
                            : " within " + timeout) + "\n" + snapshot(exited ? process.exitValue() : -1));
                }
                Thread.sleep(20);
            }
        }

        /**
         * Waits for the example to exit, killing it (and failing) if it takes over {@code timeout}, and
         * checks that nothing of its tree is left running. Returns what it printed and how it ended. Every
         * other process this test started after this one (another example run alongside) must have ended
         * by then: the check counts it as left over.
         */
        Result awaitExit(Duration timeout) throws IOException, InterruptedException {
            if (result != null) {
                return result;
            }
            boolean exited;
            try {
                exited = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } finally {
                if (process.isAlive()) { // timed out, or this test was interrupted: leave nothing behind
                    kill();
                }
            }
            assertNothingOutlived(main, before);
            assertNoProcessCarries(main, marker);
            result = snapshot(exited ? process.exitValue() : -1);
            if (!exited) {
                fail(main.getSimpleName() + " did not finish within " + timeout + " and was killed\n" + result);
            }
            return result;
        }

        private Result snapshot(int exitCode) throws IOException {
            return new Result(main.getSimpleName(), exitCode, Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8), Duration.ofNanos(System.nanoTime() - start),
                    marker);
        }

        private void kill() throws InterruptedException {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            process.waitFor(5, TimeUnit.SECONDS);
        }

        /** Kills whatever of the example still runs (its whole tree, orphans included) and deletes its output. */
        @Override
        public void close() throws IOException, InterruptedException {
            try {
                if (process.isAlive()) {
                    kill();
                }
                ProcessHandle.allProcesses().filter(p -> carries(p, marker)).forEach(ProcessHandle::destroyForcibly);
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        }
    }

    /** The pids of the processes below this test JVM that are alive now. */
    private static Set<Long> livingDescendants() {
        return ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)
                .map(ProcessHandle::pid).collect(Collectors.toSet());
    }

    /** Fails (and kills them) if processes started during the run are still alive after it. */
    private static void assertNothingOutlived(Class<?> main, Set<Long> before) {
        List<ProcessHandle> leftovers = ProcessHandle.current().descendants()
                .filter(p -> p.isAlive() && !before.contains(p.pid())).toList();
        if (!leftovers.isEmpty()) {
            leftovers.forEach(ProcessHandle::destroyForcibly);
            fail(main.getSimpleName() + " left processes behind: " + leftovers.stream()
                    .map(p -> p.pid() + " " + p.info().commandLine().orElse("?")).toList());
        }
    }

    /**
     * Fails (and kills them) if processes of the run's tree are alive anywhere, orphans included. No grace
     * period: an actor nursery reaps its children before it returns, so none may be left when the example
     * has exited.
     */
    private static void assertNoProcessCarries(Class<?> main, String marker) {
        List<ProcessHandle> leftovers = ProcessHandle.allProcesses().filter(p -> carries(p, marker)).toList();
        if (!leftovers.isEmpty()) {
            leftovers.forEach(ProcessHandle::destroyForcibly);
            fail(main.getSimpleName() + " left processes of its tree running: " + leftovers.stream()
                    .map(p -> p.pid() + " " + p.info().commandLine().orElse("?")).toList());
        }
    }

    /**
     * Whether {@code p} is alive and has {@code marker} on its command line. The JDK reads only the first
     * 4 KiB of a Linux command line (and then gives no {@code arguments()} at all), so the marker must come
     * early: the example's is its first option, and a child JVM gets the inherited {@code tractor.*}
     * properties right after the executable.
     */
    private static boolean carries(ProcessHandle p, String marker) {
        return p.isAlive() && p.info().commandLine().map(c -> c.contains(marker)).orElse(false);
    }

    private static String javaBinary() {
        return ProcessHandle.current().info().command()
                .orElseGet(() -> Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }
}
