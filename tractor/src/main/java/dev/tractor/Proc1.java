package dev.tractor;

/**
 * A remote procedure (a {@code void} method) of one argument, named by a static method reference
 * such as {@code Audit::record} for {@code public static void record(A a)}: what
 * {@link Portal#run(Proc1, Object)} and {@link ActorNursery#runInActor(String, Proc1, Object)} call.
 *
 * <p>Only a reference to a {@code public static} method works, and only if the remote actor enabled the
 * method's class. The caller sends the class and method names and the arguments by parameter name; the
 * callee binds them to the method's declared parameter types. A lambda ({@code x -> ...}), a bound
 * reference ({@code inventory::restock}), a reference to an instance method, a constructor or a method
 * that is not public is refused in the caller, before anything is sent, with an
 * {@link IllegalArgumentException} that says to use a static method reference {@code Class::method}.
 * Nothing is sent with Java serialization: the interface is {@link java.io.Serializable} only so that
 * the compiler records which method a reference names.
 *
 * <p>Every {@link Fn1} is a {@code Proc1} too (it runs the function and drops its result), so that a
 * reference that could be either, to a generic or an overloaded method, is taken as a function: an
 * exact reference to a {@code void} method is a {@code Proc1}; for a generic or overloaded {@code void}
 * method, cast it ({@code (Proc1<String>) Audit::record}) or give the method's type arguments.
 *
 * @param <A> the type of the first argument
 */
@FunctionalInterface
public interface Proc1<A> extends java.io.Serializable {
    /**
     * The method itself. The runtime never calls it in the caller's process: a remote call runs the
     * referenced method in the remote actor, synchronously on the thread that serves the call there, and
     * the method is not a checkpoint unless it makes one itself.
     */
    void run(A a) throws Exception;
}
