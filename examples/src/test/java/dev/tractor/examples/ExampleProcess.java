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
        List<String> command = new ArrayList<>();
        command.add(javaBinary());
        // First, before the long class path: see carries().
        String marker = "-D" + MARKER_PROPERTY + "=" + main.getSimpleName() + "-" + UUID.randomUUID();
        command.add(marker);
        // The build's discovery settings (a registrar of its own per tree, a test secret): see the pom.
        for (String property : List.of("tractor.registry", "tractor.cookie")) {
            String value = System.getProperty(property);
            if (value != null) {
                command.add("-D" + property + "=" + value);
            }
        }
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(main.getName());
        command.addAll(List.of(args));

        Path out = Files.createTempFile("example-" + main.getSimpleName(), ".out");
        Path err = Files.createTempFile("example-" + main.getSimpleName(), ".err");
        try {
            Set<Long> before = livingDescendants();
            long start = System.nanoTime();
            Process process = new ProcessBuilder(command)
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile())
                    .start();
            boolean exited;
            try {
                exited = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } finally {
                if (process.isAlive()) { // timed out, or this test was interrupted: leave nothing behind
                    process.descendants().forEach(ProcessHandle::destroyForcibly);
                    process.destroyForcibly();
                    process.waitFor(5, TimeUnit.SECONDS);
                }
            }
            assertNothingOutlived(main, before);
            assertNoProcessCarries(main, marker);
            Result result = new Result(main.getSimpleName(), exited ? process.exitValue() : -1,
                    Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8),
                    Duration.ofNanos(System.nanoTime() - start), marker);
            if (!exited) {
                fail(main.getSimpleName() + " did not finish within " + timeout + " and was killed\n" + result);
            }
            return result;
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
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
