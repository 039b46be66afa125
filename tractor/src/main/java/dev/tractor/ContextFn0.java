package dev.tractor;

/**
 * A context function of no arguments besides its {@link Context}, named by a static method reference such as
 * {@code Counter::count} for {@code public static int count(Context<Integer> ctx)}: what
 * {@link Portal#openContext} starts in a remote actor.
 *
 * <p>Only a reference to a {@code public static} method works, and only if the remote actor enabled the
 * method's class. As for {@link Fn1}, the caller sends the class and method names and the arguments by
 * parameter name; a lambda or any other kind of reference is refused in the caller with an
 * {@link IllegalArgumentException}.
 *
 * @param <S> the type of the value the function hands over with {@link Context#started}
 * @param <R> the type of the function's result
 */
@FunctionalInterface
public interface ContextFn0<S, R> extends java.io.Serializable {
    /**
     * The method itself. The runtime never calls it in the opener's process: it runs in the remote actor,
     * in a task of its own, with the context of that side.
     */
    R call(Context<S> ctx) throws Exception;
}
