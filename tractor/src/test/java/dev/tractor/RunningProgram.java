package dev.tractor;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A separate JVM program that a test started (standard error merged into standard output): its output
 * lines as they come, its standard input, and ways to end it. {@link #kill} is safe to call in any state.
 */
final class RunningProgram implements AutoCloseable {
    private final String label;
    private final Process process;
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final Thread reader;

    private RunningProgram(String label, Process process) {
        this.label = label;
        this.process = process;
        this.reader = Thread.ofVirtual().name("output of " + label).start(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null;) {
                    lines.add(line);
                }
            } catch (IOException gone) {
                // the process is gone
            }
        });
    }

    /**
     * {@code -Dtractor.registry=...} and {@code -Dtractor.cookie=...} as this test JVM has them (see the pom):
     * a program given them runs its tree with a registrar of its own and the build's secret, so that it never
     * meets another program's tree on the default registry port.
     */
    static List<String> treeProperties() {
        List<String> options = new ArrayList<>();
        for (String p : List.of("tractor.registry", "tractor.cookie")) {
            if (System.getProperty(p) != null) {
                options.add("-D" + p + "=" + System.getProperty(p));
            }
        }
        return options;
    }

    /** The {@code java} command line that runs {@code main} with this JVM's class path and {@code args}. */
    static List<String> javaCommand(List<String> jvmOptions, Class<?> main, String... args) {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElseThrow());
        command.add("-XX:TieredStopAtLevel=1"); // starts faster; these programs do little
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(main.getName());
        command.addAll(List.of(args));
        return command;
    }

    /** Starts {@code command}. */
    static RunningProgram start(String label, List<String> command) throws IOException {
        return new RunningProgram(label, new ProcessBuilder(command).redirectErrorStream(true).start());
    }

    /** The process the test started (with {@code ip netns exec}, the program itself: it execs). */
    Process process() {
        return process;
    }

    /** Every line printed so far. */
    List<String> lines() {
        return List.copyOf(lines);
    }

    /** Waits for the first line that {@code matches}; fails (with the output so far) if none comes in time. */
    String awaitLine(Predicate<String> matches, Duration timeout, String what) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            for (String line : lines) {
                if (matches.test(line)) {
                    return line;
                }
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(label + " did not print " + what + " within " + timeout + " (alive: "
                        + process.isAlive() + "); its output: " + lines());
            }
            if (!process.isAlive()) {
                reader.join(2_000); // all it printed has been read
                for (String line : lines) {
                    if (matches.test(line)) {
                        return line;
                    }
                }
                throw new AssertionError(label + " exited (" + process.exitValue() + ") without printing " + what
                        + "; its output: " + lines());
            }
            Thread.sleep(20);
        }
    }

    /** The line that starts with {@code prefix}, waited for, without the prefix. */
    String awaitValue(String prefix, Duration timeout) throws InterruptedException {
        return awaitLine(l -> l.startsWith(prefix), timeout, "'" + prefix + "...'").substring(prefix.length());
    }

    /** The program's standard input. */
    java.io.OutputStream input() {
        return process.getOutputStream();
    }

    /** Closes the program's standard input (the programs here take that as the sign to end). */
    void closeInput() throws IOException {
        process.getOutputStream().close();
    }

    /** Waits for the program to exit and returns its status; fails (with its output) if it does not in time. */
    int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError(label + " did not exit within " + timeout + "; its output: " + lines());
        }
        reader.join(2_000);
        return process.exitValue();
    }

    /** SIGKILL, and waits (briefly) for the process to be gone. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(5, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        kill();
    }

    @Override
    public String toString() {
        return label + " (pid " + process.pid() + ")";
    }
}
