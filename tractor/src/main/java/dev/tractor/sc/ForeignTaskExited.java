package dev.tractor.sc;

import java.io.Serial;

/**
 * Raised on the structured side of a {@link ForeignChannel} when the foreign task ended while this side
 * still expected values: its future completed without it having closed its end
 * ({@link ForeignEnd#close()}), which would have been an orderly {@link EndOfChannel}. Raised by
 * {@link ForeignChannel#receive()} once the values it had sent are read, and by
 * {@link ForeignChannel#open} when the foreign task ended before it called {@link ForeignEnd#started}.
 * The counterpart of Python tractor's {@code AsyncioTaskExited}.
 *
 * <p>A foreign task that failed does not raise this: its own exception comes out of
 * {@link ForeignChannel#open}.
 */
public final class ForeignTaskExited extends ScException {
    @Serial
    private static final long serialVersionUID = 1L;

    /** Creates the exception with a message saying what the foreign task did. */
    public ForeignTaskExited(String message) {
        super(message);
    }
}
