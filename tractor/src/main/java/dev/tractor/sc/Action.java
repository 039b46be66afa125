package dev.tractor.sc;

/**
 * A block of code with no result, run by a scope or as a task: {@code () -> { ... }}.
 *
 * <p>The type parameter lets the compiler infer which checked exception the block throws, so a scope
 * that runs a block which throws nothing checked ({@link Timeouts#moveOnAfter(java.time.Duration, Action)},
 * {@link CancelScope#run(Action)}, {@link Sc#run(Action)}) declares nothing checked either.
 *
 * @param <X> the checked exception the block may throw ({@code RuntimeException} when none)
 */
@FunctionalInterface
public interface Action<X extends Exception> {
    /** Runs the block. */
    void run() throws X;
}
