package dev.tractor.internal.spawn;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A {@link ChildProcess} that is a {@link Process} of this JVM.
 *
 * <p>The parent's end of the child's stdin pipe stays open for as long as the child runs: the JDK holds
 * the {@code Process} (and with it the pipe) until it has reaped the child, and then closes the pipe.
 */
public final class LocalChildProcess implements ChildProcess {
    /** How long {@link #terminate} waits for the kernel to reap the child after SIGKILL. */
    static final Duration KILL_WAIT = Duration.ofSeconds(5);

    private final String name;
    private final Process process;
    private final boolean recordsStartupCache;
    /** Serializes {@link #terminate} calls, so that a second caller sees the first one's ending. */
    private final ReentrantLock terminating = new ReentrantLock();
    /** How the first completed {@link #terminate} found or left the process; guarded by terminating. */
    private Ending ending;

    LocalChildProcess(String name, Process process) {
        this(name, process, false);
    }

    LocalChildProcess(String name, Process process, boolean recordsStartupCache) {
        this.name = name;
        this.process = process;
        this.recordsStartupCache = recordsStartupCache;
    }

    @Override
    public boolean recordsStartupCache() {
        return recordsStartupCache;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public long pid() {
        return process.pid();
    }

    @Override
    public boolean isAlive() {
        return process.isAlive();
    }

    @Override
    public boolean awaitExit(Duration timeout) throws InterruptedException {
        return process.waitFor(nanos(timeout), TimeUnit.NANOSECONDS);
    }

    @Override
    public int exitCode() {
        try {
            return process.exitValue();
        } catch (IllegalThreadStateException e) {
            throw new IllegalStateException("actor " + name + " (pid " + pid() + ") is still running", e);
        }
    }

    @Override
    public Ending terminate(Duration termGrace) throws InterruptedException {
        long grace = nanos(termGrace);
        terminating.lockInterruptibly();
        try {
            if (ending == null) {
                ending = stop(grace);
            }
            return ending;
        } finally {
            terminating.unlock();
        }
    }

    private Ending stop(long graceNanos) throws InterruptedException {
        if (!process.isAlive()) {
            return Ending.EXITED_BEFORE;
        }
        try {
            process.destroy();
            if (process.waitFor(graceNanos, TimeUnit.NANOSECONDS)) {
                return Ending.EXITED_AFTER_SIGTERM;
            }
        } catch (InterruptedException e) {
            // An interrupted teardown must not leave the child running.
            process.destroyForcibly();
            throw e;
        }
        process.destroyForcibly();
        // SIGKILL cannot be caught, so the wait is for the kernel only; it is bounded all the same (a process
        // stuck in uninterruptible I/O dies only when that I/O ends).
        process.waitFor(KILL_WAIT.toNanos(), TimeUnit.NANOSECONDS);
        return Ending.KILLED;
    }

    @Override
    public void kill() {
        process.destroyForcibly();
    }

    /** For tests: closes the parent's end of the child's stdin pipe, as the kernel does when the parent dies. */
    void closeWatchPipe() throws IOException {
        process.getOutputStream().close();
    }

    @Override
    public String toString() {
        return "actor " + name + " (pid " + pid() + (process.isAlive() ? ", alive)" : ", exited)");
    }

    /** The duration in nanoseconds, saturated for durations too long for a long; negative ones count as 0. */
    static long nanos(Duration duration) {
        if (duration.isNegative()) {
            return 0;
        }
        try {
            return duration.toNanos();
        } catch (ArithmeticException tooLong) {
            return Long.MAX_VALUE;
        }
    }
}
