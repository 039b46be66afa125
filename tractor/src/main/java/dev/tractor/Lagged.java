package dev.tractor;

import java.io.Serial;

/**
 * A {@link BroadcastReceiver} fell so far behind the other subscribers of its stream that values it had not
 * read yet were dropped (trio's broadcast {@code Lagged}). The receiver goes on from the oldest value still
 * kept at its next receive.
 */
public final class Lagged extends TractorException {
    @Serial
    private static final long serialVersionUID = 1L;

    private final long missed;

    public Lagged(long missed) {
        super("this subscriber fell behind and missed " + missed + " value" + (missed == 1 ? "" : "s")
                + "; it goes on from the oldest value still kept");
        this.missed = missed;
    }

    /** How many values this subscriber missed. */
    public long missed() {
        return missed;
    }
}
