package dev.tractor;

/**
 * The body of {@link Tractor#openNursery}: what to do with the open {@link ActorNursery}, and the value
 * the block returns.
 *
 * @param <T> what the body returns ({@code Void} and {@code null} for nothing)
 */
@FunctionalInterface
public interface ActorNurseryBody<T> {
    /** Runs with the open nursery; may throw anything, which then cancels the nursery's children. */
    T run(ActorNursery nursery) throws Exception;
}
