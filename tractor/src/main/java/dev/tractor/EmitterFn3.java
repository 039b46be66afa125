package dev.tractor;

/**
 * A one-way streaming function of three arguments besides its {@link Emitter}, named by a static method
 * reference such as {@code Ticker::ticks} for {@code public static void ticks(Emitter<Long> out, A a, B b, C c)}:
 * what {@link Portal#openStreamFrom} starts in a remote actor (a remote generator).
 *
 * <p>Only a reference to a {@code public static} method works, and only if the remote actor enabled the
 * method's class. As for {@link Fn1}, the caller sends the class and method names and the arguments by
 * parameter name; a lambda or any other kind of reference is refused in the caller with an
 * {@link IllegalArgumentException}.
 *
 * @param <T> the type of the values the function emits
 * @param <A> the type of argument 1
 * @param <B> the type of argument 2
 * @param <C> the type of argument 3
 */
@FunctionalInterface
public interface EmitterFn3<T, A, B, C> extends java.io.Serializable {
    /**
     * The method itself. The runtime never calls it in the opener's process: it runs in the remote actor,
     * in a task of its own, and each {@link Emitter#emit} sends one value.
     */
    void call(Emitter<T> out, A a, B b, C c) throws Exception;
}
