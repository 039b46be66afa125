package dev.tractor.internal.debug;

import java.io.Serial;

/**
 * The user quit the debugger while this thread was stopped: it ends the paused task with an error that
 * reaches the actor's parent like any remote error.
 */
public final class DebuggerQuit extends RuntimeException {
    @Serial
    private static final long serialVersionUID = 1L;

    DebuggerQuit(String message) {
        super(message);
    }
}
