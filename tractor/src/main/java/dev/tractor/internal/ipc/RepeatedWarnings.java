package dev.tractor.internal.ipc;

import java.lang.System.Logger.Level;
import java.time.Duration;

/**
 * Warnings of one kind about one peer, at most one per window: a peer that sends thousands of bad frames
 * must not flood the log (20,000 malformed frames once printed 19,532 lines). What is held back is counted and
 * said with the next warning, or by {@link #flush} when the connection ends. Thread-safe.
 */
final class RepeatedWarnings {
    /** At most one warning per window, per peer and kind. */
    static final Duration WINDOW = Duration.ofSeconds(10);

    private final System.Logger log;
    private final String kind;
    private long lastLogged; // System.nanoTime() of the last warning logged; guarded by this
    private boolean any; // guarded by this
    private long heldBack; // guarded by this

    /** @param kind what is warned about, plural, for the count: {@code "malformed frames from worker@..."} */
    RepeatedWarnings(System.Logger log, String kind) {
        this.log = log;
        this.kind = kind;
    }

    /** Logs {@code message} unless one was logged less than a window ago; then it only counts. */
    void warn(String message, Throwable thrown) {
        String line;
        synchronized (this) {
            long now = System.nanoTime();
            if (any && now - lastLogged < WINDOW.toNanos()) {
                heldBack++;
                return;
            }
            line = heldBack == 0 ? message : message + " (" + heldBack + " more " + kind + " not logged since the last)";
            any = true;
            lastLogged = now;
            heldBack = 0;
        }
        if (thrown == null) {
            log.log(Level.WARNING, "{0}", line); // a parameter: a formatter must not take its quotes for syntax
        } else {
            log.log(Level.WARNING, line, thrown);
        }
    }

    /** Says how many were held back since the last warning, if any. */
    void flush() {
        long count;
        synchronized (this) {
            count = heldBack;
            heldBack = 0;
        }
        if (count > 0) {
            log.log(Level.WARNING, count + " more " + kind + " were not logged");
        }
    }
}
