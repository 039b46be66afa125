package dev.tractor.sc;

import java.io.Serial;

/**
 * What the foreign side of a {@link ForeignChannel} gets when the structured side has left the channel's
 * block (it returned, failed or was cancelled) while the foreign task still runs: every pending and later
 * {@link ForeignEnd#receive()} and {@link ForeignEnd#send} future completes exceptionally with it, and
 * {@link ForeignEnd#trySend} throws it. The foreign task is expected to end on it (its future may complete
 * with this very exception: that is taken as the orderly echo, not as a failure). The counterpart of
 * Python tractor's {@code TrioTaskExited}.
 */
public final class StructuredTaskExited extends ScException {
    @Serial
    private static final long serialVersionUID = 1L;

    /** Creates the exception with a message saying how the structured side left. */
    public StructuredTaskExited(String message) {
        super(message);
    }
}
