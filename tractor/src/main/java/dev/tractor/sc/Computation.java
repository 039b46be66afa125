package dev.tractor.sc;

/**
 * A block of code that computes a value, run by a scope: {@code () -> value}.
 *
 * <p>Like {@link Action}, the type parameter {@code X} lets the compiler infer the checked exception
 * the block throws, so the scope that runs it declares the same and nothing more.
 *
 * @param <T> the type of the value
 * @param <X> the checked exception the block may throw ({@code RuntimeException} when none)
 */
@FunctionalInterface
public interface Computation<T, X extends Exception> {
    /** Computes the value. */
    T compute() throws X;
}
