package dev.tractor.internal.spawn;

import java.io.Serial;

/**
 * Raised by {@link SpawnMethod#spawn} when a child process cannot be started at all: the executable is
 * missing or not executable, the system is out of processes or memory. The message says what was being
 * started (the actor and its main class) and why it failed.
 *
 * <p>A child that starts and then fails (a main class that does not exist, a crash during startup) is not a
 * spawn failure: it is a process that exits, with its own exit code, and its error shows on its standard
 * error.
 */
public class SpawnFailed extends RuntimeException {
    @Serial
    private static final long serialVersionUID = 1L;

    /** Creates the exception. */
    public SpawnFailed(String message) {
        super(message);
    }

    /** Creates the exception with its cause. */
    public SpawnFailed(String message, Throwable cause) {
        super(message, cause);
    }
}
