package dev.tractor.sc;

import java.io.Serial;
import java.util.concurrent.CancellationException;

/**
 * Raised by {@link Sc#await} when the future it waits for was cancelled by its other side: the foreign
 * code gave up (its {@code cancel} was called by someone else, or a stage it depends on was cancelled), not
 * this task. The counterpart of Python tractor's {@code AsyncioCancelled}: it tells "the other side gave up"
 * apart from "we were cancelled", which is {@link Cancelled} and ends a cancel scope instead.
 *
 * <p>It is an ordinary failure of the waiting task: a nursery reports it like any other. The
 * {@link CancellationException} the future completed with is its cause.
 */
public final class ForeignCancelled extends ScException {
    @Serial
    private static final long serialVersionUID = 1L;

    /** Creates the exception; {@code cause} is the future's own cancellation. */
    public ForeignCancelled(String message, CancellationException cause) {
        super(message);
        initCause(cause);
    }
}
