package dev.tractor;

import java.io.Serial;
import java.util.Optional;

/**
 * A root actor ({@link Tractor#run}, {@link Tractor#openNursery} outside an actor) was cancelled before
 * its body returned: by a shutdown signal (Ctrl-C, SIGTERM), whose name the message and {@link #signal()}
 * give, or by a cancel request from another actor. The tree has been torn down in order by the time this
 * is raised; after a signal the JVM exits with 128 + the signal's number (130 for SIGINT, 143 for SIGTERM)
 * once {@code main} ends.
 */
public final class RootCancelled extends TractorException {
    @Serial
    private static final long serialVersionUID = 1L;

    private final String signal;

    RootCancelled(String message, Optional<String> signal) {
        super(message);
        this.signal = signal.orElse(null);
    }

    /** The signal that cancelled the root ({@code SIGINT} or {@code SIGTERM}), if a signal did. */
    public Optional<String> signal() {
        return Optional.ofNullable(signal);
    }
}
