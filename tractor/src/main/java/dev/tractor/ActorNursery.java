package dev.tractor;

import dev.tractor.sc.Nursery;

/**
 * Spawns and supervises child actors, the way a {@link Nursery} does tasks (tractor's
 * {@code ActorNursery}). Open one with {@link Tractor#openNursery}.
 *
 * <ul>
 * <li>{@link #startActor} starts a <b>daemon</b> actor that serves calls through its {@link Portal} until
 *     it is cancelled or the nursery ends.</li>
 * <li>{@link #runInActor} starts a <b>one-shot</b> actor that runs one function; the portal's
 *     {@link Portal#result()} returns its result ({@code null} for a {@code void} method), and the actor is
 *     ended as soon as it has one.</li>
 * <li><b>One cancels all</b>: an error in any one-shot actor's function, or in the nursery's body, cancels
 *     the body and every other child; the error comes out of {@code openNursery} (several errors together
 *     as an {@link dev.tractor.sc.ExceptionGroup}).</li>
 * <li>A child whose process dies without being asked to (a crash, a {@code kill -9}) fails the nursery
 *     with {@link ActorDied}, which cancels the rest as any failure does.</li>
 * <li>The block ends only when every child's process has been reaped: when the body and all one-shot
 *     functions are done, remaining daemons are cancelled (a daemon serves forever, so waiting for it
 *     would never end); each child goes down the teardown ladder (cancel request and ack, then SIGTERM,
 *     then SIGKILL), every step bounded, all children at once.</li>
 * <li>Children are taken only while the block runs: afterwards {@code startActor} and {@code runInActor}
 *     raise {@link ActorNurseryClosed}; a start under way when the block ends is aborted and its process
 *     ended before the block returns.</li>
 * </ul>
 */
public interface ActorNursery {

    /**
     * Starts a daemon actor named {@code name} and returns its portal once it has connected back. A
     * checkpoint (while the child starts).
     *
     * @throws ActorStartFailed if it cannot be started; nothing is left behind
     * @throws ActorNurseryClosed if the nursery has closed, or closes while the actor starts
     */
    Portal startActor(String name, ActorOptions options);

    /** Starts a one-shot actor running {@code fn()}; see {@link #runInActor(String, Fn1, Object)}. A checkpoint. */
    <R> Portal runInActor(String name, Fn0<R> fn);

    /**
     * Starts a one-shot actor named {@code name} that runs {@code fn(a)} (its class is enabled there) and
     * returns its portal, whose {@link Portal#result()} gives the result. The actor is reaped once the
     * function has returned or failed; a failure cancels the whole nursery (one cancels all). A
     * checkpoint (while the child starts, and before the function's call goes out); once it has returned,
     * the function has been started. Cancelling the nursery cancels the function like any call.
     *
     * @throws ActorStartFailed if it cannot be started
     * @throws ActorNurseryClosed if the nursery has closed, or closes while the actor starts
     * @throws dev.tractor.ipc.FrameTooLarge if an argument makes the call's message larger than the limit
     *     (see {@link Portal}): checked before the actor is started, so no actor is started and nothing is
     *     sent
     */
    <A, R> Portal runInActor(String name, Fn1<A, R> fn, A a);

    /**
     * Starts a one-shot actor running {@code fn(a, b)}; see {@link #runInActor(String, Fn1, Object)}. A
     * checkpoint.
     */
    <A, B, R> Portal runInActor(String name, Fn2<A, B, R> fn, A a, B b);

    /**
     * Starts a one-shot actor running {@code fn(a, b, c)}; see {@link #runInActor(String, Fn1, Object)}. A
     * checkpoint.
     */
    <A, B, C, R> Portal runInActor(String name, Fn3<A, B, C, R> fn, A a, B b, C c);

    /**
     * Starts a one-shot actor running {@code fn(a, b, c, d)}; see {@link #runInActor(String, Fn1, Object)}. A
     * checkpoint.
     */
    <A, B, C, D, R> Portal runInActor(String name, Fn4<A, B, C, D, R> fn, A a, B b, C c, D d);

    /**
     * Starts a one-shot actor running the {@code void} method {@code fn()}: as
     * {@link #runInActor(String, Fn1, Object)}, and its portal's {@link Portal#result()} returns
     * {@code null} once the method has returned (or raises its failure). A checkpoint.
     */
    Portal runInActor(String name, Proc0 fn);

    /**
     * Starts a one-shot actor running the {@code void} method {@code fn(a)}; see {@link #runInActor(String,
     * Proc0)}. A checkpoint.
     */
    <A> Portal runInActor(String name, Proc1<A> fn, A a);

    /**
     * Starts a one-shot actor running the {@code void} method {@code fn(a, b)}; see {@link #runInActor(String,
     * Proc0)}. A checkpoint.
     */
    <A, B> Portal runInActor(String name, Proc2<A, B> fn, A a, B b);

    /**
     * Starts a one-shot actor running the {@code void} method {@code fn(a, b, c)}; see {@link #runInActor(String,
     * Proc0)}. A checkpoint.
     */
    <A, B, C> Portal runInActor(String name, Proc3<A, B, C> fn, A a, B b, C c);

    /**
     * Starts a one-shot actor running the {@code void} method {@code fn(a, b, c, d)}; see {@link
     * #runInActor(String, Proc0)}. A checkpoint.
     */
    <A, B, C, D> Portal runInActor(String name, Proc4<A, B, C, D> fn, A a, B b, C c, D d);

    /**
     * Like {@link #runInActor(String, Fn0)}, with options for the child (JVM options, log level,
     * transport, start timeout); the function's class is enabled on top of what they enable. A checkpoint.
     */
    <R> Portal runInActor(String name, ActorOptions options, Fn0<R> fn);

    /**
     * Like {@link #runInActor(String, Fn1, Object)}, with options; see {@link #runInActor(String, ActorOptions,
     * Fn0)}.
     */
    <A, R> Portal runInActor(String name, ActorOptions options, Fn1<A, R> fn, A a);

    /**
     * Like {@link #runInActor(String, Fn2, Object, Object)}, with options; see {@link #runInActor(String,
     * ActorOptions, Fn0)}.
     */
    <A, B, R> Portal runInActor(String name, ActorOptions options, Fn2<A, B, R> fn, A a, B b);

    /**
     * Like {@link #runInActor(String, Fn3, Object, Object, Object)}, with options; see {@link #runInActor(String,
     * ActorOptions, Fn0)}.
     */
    <A, B, C, R> Portal runInActor(String name, ActorOptions options, Fn3<A, B, C, R> fn, A a, B b, C c);

    /**
     * Like {@link #runInActor(String, Fn4, Object, Object, Object, Object)}, with options; see {@link
     * #runInActor(String, ActorOptions, Fn0)}.
     */
    <A, B, C, D, R> Portal runInActor(String name, ActorOptions options, Fn4<A, B, C, D, R> fn, A a, B b, C c, D d);

    /**
     * Like {@link #runInActor(String, Proc0)}, with options; see {@link #runInActor(String, ActorOptions, Fn0)}.
     */
    Portal runInActor(String name, ActorOptions options, Proc0 fn);

    /**
     * Like {@link #runInActor(String, Proc1, Object)}, with options; see {@link #runInActor(String, ActorOptions,
     * Fn0)}.
     */
    <A> Portal runInActor(String name, ActorOptions options, Proc1<A> fn, A a);

    /**
     * Like {@link #runInActor(String, Proc2, Object, Object)}, with options; see {@link #runInActor(String,
     * ActorOptions, Fn0)}.
     */
    <A, B> Portal runInActor(String name, ActorOptions options, Proc2<A, B> fn, A a, B b);

    /**
     * Like {@link #runInActor(String, Proc3, Object, Object, Object)}, with options; see {@link
     * #runInActor(String, ActorOptions, Fn0)}.
     */
    <A, B, C> Portal runInActor(String name, ActorOptions options, Proc3<A, B, C> fn, A a, B b, C c);

    /**
     * Like {@link #runInActor(String, Proc4, Object, Object, Object, Object)}, with options; see {@link
     * #runInActor(String, ActorOptions, Fn0)}.
     */
    <A, B, C, D> Portal runInActor(String name, ActorOptions options, Proc4<A, B, C, D> fn, A a, B b, C c, D d);

    /**
     * Cancels the nursery: its body and every child. Returns at once; the block then ends once every child
     * has been reaped. Not a checkpoint; callable from any thread.
     */
    void cancel();

    /** How many children this nursery has started that are not reaped yet. */
    int childCount();
}
