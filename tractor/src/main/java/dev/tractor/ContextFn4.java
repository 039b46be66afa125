package dev.tractor;

/**
 * A context function of four arguments besides its {@link Context}, named by a static method reference such as
 * {@code Counter::count} for {@code public static int count(Context<Integer> ctx, A a, B b, C c, D d)}: what
 * {@link Portal#openContext} starts in a remote actor.
 *
 * <p>Only a reference to a {@code public static} method works, and only if the remote actor enabled the
 * method's class. As for {@link Fn1}, the caller sends the class and method names and the arguments by
 * parameter name; a lambda or any other kind of reference is refused in the caller with an
 * {@link IllegalArgumentException}.
 *
 * <p>A context function is also a {@link ContextProc4} whose result is dropped: where a reference could
 * be either (a generic or an overloaded method), the compiler takes it as a function.
 *
 * @param <S> the type of the value the function hands over with {@link Context#started}
 * @param <A> the type of argument 1
 * @param <B> the type of argument 2
 * @param <C> the type of argument 3
 * @param <D> the type of argument 4
 * @param <R> the type of the function's result
 */
@FunctionalInterface
public interface ContextFn4<S, A, B, C, D, R> extends ContextProc4<S, A, B, C, D> {
    /**
     * The method itself. The runtime never calls it in the opener's process: it runs in the remote actor,
     * in a task of its own, with the context of that side.
     */
    R call(Context<S> ctx, A a, B b, C c, D d) throws Exception;

    /** Calls {@link #call} and drops its result; never called by the runtime. */
    @Override
    default void run(Context<S> ctx, A a, B b, C c, D d) throws Exception {
        call(ctx, a, b, c, d);
    }
}
