package dev.tractor.sc;

import java.io.Serial;

/**
 * Base of the unchecked exceptions of the structured-concurrency layer that signal a condition a program
 * may handle ({@link TooSlow}, {@link EndOfChannel}, {@link BrokenResource}, {@link ClosedResource}).
 * Misuse of the API (calling a checkpoint outside {@link Sc#run(Action)}, starting a task in a closed
 * nursery) raises the JDK's {@link IllegalStateException} or {@link IllegalArgumentException} instead.
 */
public class ScException extends RuntimeException {
    @Serial
    private static final long serialVersionUID = 1L;

    /** Creates an exception with a message saying what happened. */
    public ScException(String message) {
        super(message);
    }
}
