package dev.tractor;

/**
 * A context of a remote function, not opened yet: made by {@link Portal#context}, opened by
 * {@link #open} (which is what {@link Portal#openContext} does) or, several at once, by
 * {@link Tractor#gatherContexts}. Immutable; each {@code open} starts a new remote task.
 *
 * @param <S> the type of the started value
 * @param <R> the type of the remote function's result
 */
public interface ContextCall<S, R> {

    /** The portal it opens on. */
    Portal portal();

    /**
     * Opens the context: see {@link Portal#openContext(ContextFn0, ContextBody)}. A checkpoint throughout.
     *
     * @return what the body returned
     */
    <T, X extends Exception> T open(ContextBody<S, T, X> body) throws X;
}

