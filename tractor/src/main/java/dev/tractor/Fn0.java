package dev.tractor;

/**
 * A remote function of no arguments, named by a static method reference.
 *
 * <p>Only a reference to a {@code public static} method works, and only if the remote actor enabled the
 * method's class: {@code Primes::isPrime}. The caller sends the class and method names and the arguments
 * by parameter name; the callee binds them to the method's declared parameter types. A lambda
 * ({@code x -> ...}), a bound reference ({@code primes::isPrime}), a reference to an instance method,
 * a constructor or a method that is not public is refused in the caller, before anything is sent, with
 * an {@link IllegalArgumentException} that says to use a static method reference {@code Class::method}.
 * Nothing is sent with Java serialization: the interface is {@link java.io.Serializable} only so that
 * the compiler records which method a reference names.
 *
 * <p>A function is also a {@link Proc0} whose result is dropped: where a reference could be either (a
 * generic or an overloaded method), the compiler takes it as a function.
 *
 * @param <R> the type of the result
 */
@FunctionalInterface
public interface Fn0<R> extends Proc0 {
    /**
     * The method itself. The runtime never calls it in the caller's process: a remote call runs the
     * referenced method in the remote actor, synchronously on the thread that serves the call there, and
     * the method is not a checkpoint unless it makes one itself.
     */
    R call() throws Exception;

    /** Calls {@link #call} and drops its result; never called by the runtime. */
    @Override
    default void run() throws Exception {
        call();
    }
}
