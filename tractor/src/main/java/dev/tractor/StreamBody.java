package dev.tractor;

/**
 * The consumer of a one-way stream: what runs, in the opening task, while {@link Portal#openStreamFrom}
 * is open.
 *
 * @param <T> the type of the values the remote function emits
 * @param <R> the type of what the body returns (and {@code openStreamFrom} with it)
 * @param <X> the checked exception the body may throw (and {@code openStreamFrom} with it)
 */
@FunctionalInterface
public interface StreamBody<T, R, X extends Exception> {
    /**
     * Consumes the stream; it may stop early (the remote function is then cancelled, quietly).
     *
     * @param stream the values, in order; sending on it is refused
     * @return what {@link Portal#openStreamFrom} returns
     * @throws X anything; it cancels the remote function and comes out of {@code openStreamFrom}
     */
    R run(MsgStream<T, Void> stream) throws X;
}
