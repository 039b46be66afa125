package dev.tractor;

/**
 * What a context does when values arrive faster than its side reads them: its receive buffer holds
 * {@value Context#BUFFER} values.
 */
public enum Overruns {
    /**
     * The default: a value that finds the buffer full is dropped and its sender fails with
     * {@link StreamOverrun} (at its next send). The connection's reader never waits for a slow
     * reader, so other contexts on the same connection are not held up.
     */
    FAIL_SENDER,
    /**
     * The buffer grows without bound: nothing is dropped and the sender never fails for being fast. Use it
     * when the reader is briefly slower than the sender but keeps up overall; a reader that never catches
     * up makes the buffer grow until memory runs out.
     */
    ALLOW
}
