package dev.tractor.sc;

import java.io.Serial;

/**
 * Raised by {@link ReceiveChannel#receive()} when every sending handle of the channel has been closed and
 * the buffer is empty: the normal end of a stream of values. Iterating a {@link ReceiveChannel} with
 * {@code for (T v : channel)} stops at it instead of raising it.
 */
public final class EndOfChannel extends ScException {
    @Serial
    private static final long serialVersionUID = 1L;

    /** Creates the exception. */
    public EndOfChannel(String message) {
        super(message);
    }
}
