package dev.tractor;

import java.util.List;

/**
 * What runs once every context of {@link Tractor#gatherContexts} is open.
 *
 * @param <S> the type of the started values
 * @param <T> the type of what the body returns
 */
@FunctionalInterface
public interface GatheredBody<S, T> {
    /**
     * Talks to the remote tasks.
     *
     * @param contexts the opener's side of each context, in the order of the calls
     * @param firsts the started value of each, in the same order
     * @return what {@code gatherContexts} returns
     * @throws Exception anything; it cancels every remote task and comes out of {@code gatherContexts}
     */
    T run(List<Context<S>> contexts, List<S> firsts) throws Exception;
}
