package dev.tractor.internal.spawn;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The processes one test started, children and grandchildren, so that the test can prove none outlives it
 * ({@link #leftovers}) and kill the ones that would ({@link #killAll}, from {@code @AfterEach}).
 *
 * <p>A process counts as gone once it has exited, even before its parent reaps it: an orphaned grandchild
 * is reaped by PID 1, which here may take a second or two, and meanwhile {@link ProcessHandle#isAlive()}
 * still says {@code true} for the zombie.
 */
final class TestProcesses {
    private final CopyOnWriteArrayList<ProcessHandle> started = new CopyOnWriteArrayList<>();

    /** Tracks a child; returns it. */
    ChildProcess add(ChildProcess child) {
        ProcessHandle.of(child.pid()).ifPresent(started::add);
        return child;
    }

    /** Tracks a process the test learned about (a grandchild); returns its handle. */
    ProcessHandle add(long pid) {
        ProcessHandle handle = ProcessHandle.of(pid)
                .orElseThrow(() -> new AssertionError("process " + pid + " is already gone"));
        started.add(handle);
        return handle;
    }

    /** Whether {@code process} is running: alive and not a zombie waiting to be reaped. */
    static boolean running(ProcessHandle process) {
        if (!process.isAlive()) {
            return false;
        }
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
            char state = stat.charAt(stat.lastIndexOf(')') + 2);
            return state != 'Z' && state != 'X';
        } catch (NoSuchFileException gone) {
            return false;
        } catch (IOException | RuntimeException notLinux) {
            return process.isAlive();
        }
    }

    /** Waits up to {@code timeout} for {@code process} to stop running; returns whether it did. */
    static boolean awaitGone(ProcessHandle process, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (running(process)) {
            if (System.nanoTime() - deadline >= 0) {
                return false;
            }
            Thread.sleep(10);
        }
        return true;
    }

    /**
     * The processes still running after waiting up to {@code grace} for each: the tracked ones, and any
     * actor process (one with a {@code -Dtractor.actor} option) below this JVM.
     */
    List<ProcessHandle> leftovers(Duration grace) throws InterruptedException {
        long deadline = System.nanoTime() + grace.toNanos();
        ProcessHandle.current().descendants().filter(TestProcesses::isActor).forEach(started::addIfAbsent);
        List<ProcessHandle> leftovers = new ArrayList<>();
        for (ProcessHandle process : started) {
            if (!awaitGone(process, Duration.ofNanos(Math.max(0, deadline - System.nanoTime())))) {
                leftovers.add(process);
            }
        }
        return leftovers;
    }

    private static boolean isActor(ProcessHandle process) {
        return process.info().arguments().stream().flatMap(Arrays::stream)
                .anyMatch(argument -> argument.startsWith("-D" + ChildJvm.ACTOR_PROPERTY + "="));
    }

    /** Kills every tracked process still running (SIGKILL, no wait). */
    void killAll() {
        started.forEach(ProcessHandle::destroyForcibly);
    }

    /**
     * A {@link ChildJvm} whose children write their standard output and error to {@code log} rather than to
     * this JVM's (which Surefire reads); their own children inherit that file.
     */
    static ChildJvm childJvmLoggingTo(Path log) {
        return new ChildJvm(ChildJvm.thisJava(), ProcessBuilder.Redirect.appendTo(log.toFile()));
    }

    /** The content of {@code log}, for failure messages. */
    static String contentOf(Path log) {
        try {
            return Files.exists(log) ? Files.readString(log) : "(no output)";
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    /** Waits up to {@code timeout} for {@code file} to exist; returns its content. */
    static String awaitFile(Path file, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                return Files.readString(file);
            } catch (NoSuchFileException notYet) {
                if (System.nanoTime() - deadline >= 0) {
                    throw new AssertionError("no " + file + " after " + timeout);
                }
                Thread.sleep(10);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Writes {@code content} to {@code file} all at once (through a temporary file), for {@link #awaitFile}. */
    static void publish(Path file, String content) throws IOException {
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(temporary, content);
        Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
    }
}
