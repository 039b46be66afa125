package dev.tractor.msg;

import java.io.Serial;

/**
 * Raised when a payload does not fit the type it is bound to, or a value cannot be encoded: the message
 * names where in the value it happened, what was expected and what was there, as in
 * {@code args.point.x: expected int, got string}. It fails that one value (one call, one stream item),
 * never the connection it came over.
 */
public final class PayloadMismatch extends RuntimeException {
    @Serial
    private static final long serialVersionUID = 1L;

    private final String path;

    /** Creates the exception for the value at {@code path}. */
    public PayloadMismatch(String path, String problem) {
        super(path + ": " + problem);
        this.path = path;
    }

    /** Where in the value the mismatch is, for example {@code args.point.x}. */
    public String path() {
        return path;
    }
}
