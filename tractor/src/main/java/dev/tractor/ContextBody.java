package dev.tractor;

/**
 * The opener's side of a context: what runs, in the opening task, between the remote function's
 * {@link Context#started} and the end of {@link Portal#openContext}.
 *
 * @param <S> the type of the started value
 * @param <T> the type of what the body returns (and {@code openContext} with it)
 * @param <X> the checked exception the body may throw (and {@code openContext} with it)
 */
@FunctionalInterface
public interface ContextBody<S, T, X extends Exception> {
    /**
     * Talks to the remote task.
     *
     * @param ctx the opener's side of the context
     * @param first the value the remote function passed to {@link Context#started}
     * @return what {@link Portal#openContext} returns
     * @throws X anything; it cancels the remote task and comes out of {@code openContext}
     */
    T run(Context<S> ctx, S first) throws X;
}
