package dev.tractor.internal.spawn;

import java.time.Duration;

/**
 * A started child process, as seen by its parent.
 *
 * <p>None of these methods is a structured-concurrency checkpoint: the ones that wait block the calling
 * thread (an ordinary platform or virtual thread) for a bounded time and answer to
 * {@link Thread#interrupt()}, not to cancel scopes. Implementations are safe to use from several threads.
 */
public interface ChildProcess {
    /** The name of the actor this process runs, from its {@link ChildSpec}. Does not block. */
    String name();

    /** The operating system's process id. Does not block. */
    long pid();

    /** Whether the process is still running. Does not block. */
    boolean isAlive();

    /**
     * Waits up to {@code timeout} for the process to exit. Blocks the caller; not a checkpoint.
     *
     * @return whether it has exited
     * @throws InterruptedException if the caller is interrupted while waiting
     */
    boolean awaitExit(Duration timeout) throws InterruptedException;

    /**
     * The exit code: 0 for success; 128 + the signal number when a signal ended it (143 for SIGTERM, 137
     * for SIGKILL); {@link ParentWatch#EXIT_CODE} when it halted after losing its parent. Does not block.
     *
     * @throws IllegalStateException while the process is alive
     */
    int exitCode();

    /**
     * The process steps of the teardown ladder: if the process is alive, asks it to stop (SIGTERM, so its
     * shutdown hooks run), waits up to {@code termGrace} for it to exit, and if it has not, kills it
     * (SIGKILL) and waits for the kernel to reap it (a few seconds at most).
     *
     * <p>Blocks the caller for at most {@code termGrace} plus a few seconds; never hangs. Idempotent: a
     * later call returns what the first one that finished returned. If the caller is interrupted while
     * waiting, the process is killed before {@code InterruptedException} is thrown, so an interrupted
     * teardown does not leave the child running.
     *
     * @return how the process ended
     * @throws InterruptedException if the caller is interrupted while waiting
     */
    Ending terminate(Duration termGrace) throws InterruptedException;

    /**
     * Whether this child records the start-up of its JVM for an AOT cache (see {@link ChildJvm}), which
     * HotSpot writes as the JVM exits: such a child should be given a moment (a second or two, rather than
     * milliseconds) to exit by itself before it is killed, or there is nothing to make the cache from.
     * Does not block. By default false.
     */
    default boolean recordsStartupCache() {
        return false;
    }

    /** Kills the process (SIGKILL) now, without waiting for it to go. Does not block; idempotent. */
    void kill();

    /** How {@link #terminate} found or left the process. */
    enum Ending {
        /** It had already exited when {@code terminate} was called. */
        EXITED_BEFORE,
        /** It exited within the grace period after SIGTERM. */
        EXITED_AFTER_SIGTERM,
        /** It was still running when the grace period ended (or the wait was interrupted) and got SIGKILL. */
        KILLED
    }
}
