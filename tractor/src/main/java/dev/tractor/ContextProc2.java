package dev.tractor;

/**
 * A context procedure (a {@code void} context function) of two arguments besides its {@link Context}, named by
 * a static method reference such as {@code Session::serve} for
 * {@code public static void serve(Context<String> ctx, A a, B b)}: what {@link Portal#openContext} and
 * {@link Portal#context} start in a remote actor when the function has no result (the opener's
 * {@link Context#result()} is then {@code null}).
 *
 * <p>Only a reference to a {@code public static} method works, and only if the remote actor enabled the
 * method's class. As for {@link Fn1}, the caller sends the class and method names and the arguments by
 * parameter name; a lambda or any other kind of reference is refused in the caller with an
 * {@link IllegalArgumentException}.
 *
 * <p>Every {@link ContextFn2} is a {@code ContextProc2} too, so that a reference that could be either (to
 * a generic or an overloaded method) is taken as a function; see {@link Proc1}.
 *
 * @param <S> the type of the value the function hands over with {@link Context#started}
 * @param <A> the type of argument 1
 * @param <B> the type of argument 2
 */
@FunctionalInterface
public interface ContextProc2<S, A, B> extends java.io.Serializable {
    /**
     * The method itself. The runtime never calls it in the opener's process: it runs in the remote actor,
     * in a task of its own, with the context of that side.
     */
    void run(Context<S> ctx, A a, B b) throws Exception;
}
