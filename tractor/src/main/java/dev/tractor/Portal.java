package dev.tractor;

import dev.tractor.msg.Uid;
import dev.tractor.sc.Cancelled;
import java.util.Map;

/**
 * A handle on another actor through which this actor calls its functions (tractor's {@code Portal}).
 *
 * <p>Functions are named by static method references ({@code portal.run(Primes::isPrime, 7L)}): the
 * reference's class and method travel, the arguments travel by parameter name, and the result comes back
 * bound to the method's declared return type. A {@code void} method ({@link Proc0}..{@link Proc4}) is
 * called the same way, and the call returns once the method has returned. Every entry point takes zero
 * to four arguments. The remote actor must have enabled the class
 * ({@link ActorOptions#enable}); otherwise, as for an unknown method or arguments that do not fit, the
 * call fails with a {@link RemoteActorError} and the actor goes on serving.
 *
 * <p>Every call is a <b>checkpoint</b>, first of all: a task that is cancelled already sends nothing. Then
 * it waits for the result. Cancelling the calling task gives the call up and asks the remote actor to
 * cancel that call; the function there is cancelled at its next checkpoint, or does not start (code that
 * never reaches a checkpoint runs on, until the actor itself is cancelled). The end of the connection
 * (this actor's death, or the end of a {@link Tractor#connect} block) cancels the calls and contexts that
 * were started over it in the same way.
 *
 * <p><b>Message size.</b> A message is at most 64 MiB (the system property
 * {@value dev.tractor.ipc.FrameTooLarge#LIMIT_PROPERTY} sets it for a whole tree). An argument that makes a
 * call or context too large fails it at once with {@link dev.tractor.ipc.FrameTooLarge}, before anything is
 * sent: the function is not started, no cancellation is involved, and the connection and the remote actor
 * are unaffected. A result too large to send fails the call with a {@link RemoteActorError} whose
 * {@link RemoteActorError#remoteType() remote type} is {@code dev.tractor.ipc.FrameTooLarge}, and the
 * actor serves on.
 *
 * <p>If the remote actor is a child of this one and its process ends while a call waits on it, without
 * this side having asked it to end (a crash, {@code kill -9}, its code calling {@code System.exit} with any
 * status), the call fails with {@link ActorDied}, naming the actor and its exit status, as soon as the
 * process has exited; a call whose connection ends for another reason fails with a
 * {@link TractorException} that says the connection ended.
 */
public interface Portal {

    /** The remote actor's name. */
    String name();

    /** The remote actor's unique id. */
    Uid uid();

    /** The remote actor's process id. */
    long pid();

    /** Calls {@code fn()} in the remote actor and returns its result. A checkpoint. */
    <R> R run(Fn0<R> fn);

    /** Calls {@code fn(a)} in the remote actor and returns its result. A checkpoint. */
    <A, R> R run(Fn1<A, R> fn, A a);

    /** Calls {@code fn(a, b)} in the remote actor and returns its result. A checkpoint. */
    <A, B, R> R run(Fn2<A, B, R> fn, A a, B b);

    /** Calls {@code fn(a, b, c)} in the remote actor and returns its result. A checkpoint. */
    <A, B, C, R> R run(Fn3<A, B, C, R> fn, A a, B b, C c);

    /** Calls {@code fn(a, b, c, d)} in the remote actor and returns its result. A checkpoint. */
    <A, B, C, D, R> R run(Fn4<A, B, C, D, R> fn, A a, B b, C c, D d);

    /**
     * Calls the {@code void} method {@code fn()} in the remote actor and returns once it has returned (a
     * reference to a method with a result works too; the result is dropped). A checkpoint, and cancellable
     * like any call: cancelling the calling task gives the call up and asks the remote actor to cancel it.
     *
     * @throws RemoteActorError if the method failed, or could not be called there
     */
    void run(Proc0 fn);

    /** Calls the {@code void} method {@code fn(a)}; see {@link #run(Proc0)}. A checkpoint. */
    <A> void run(Proc1<A> fn, A a);

    /** Calls the {@code void} method {@code fn(a, b)}; see {@link #run(Proc0)}. A checkpoint. */
    <A, B> void run(Proc2<A, B> fn, A a, B b);

    /** Calls the {@code void} method {@code fn(a, b, c)}; see {@link #run(Proc0)}. A checkpoint. */
    <A, B, C> void run(Proc3<A, B, C> fn, A a, B b, C c);

    /** Calls the {@code void} method {@code fn(a, b, c, d)}; see {@link #run(Proc0)}. A checkpoint. */
    <A, B, C, D> void run(Proc4<A, B, C, D> fn, A a, B b, C c, D d);

    /**
     * Calls the public static method {@code func} of class {@code ns} in the remote actor, with arguments
     * by parameter name, and returns the result as plain values (maps, lists, strings, numbers, booleans, byte arrays or
     * {@code null}). The string
     * form of {@link #run}, for when the class is not on this side's class path. A checkpoint.
     */
    Object runFromNs(String ns, String func, Map<String, ?> kwargs);

    /** Like {@link #runFromNs(String, String, Map)}, binding the result to {@code resultType}. */
    <T> T runFromNs(Class<T> resultType, String ns, String func, Map<String, ?> kwargs);

    /**
     * The result of the function that {@link ActorNursery#runInActor} started in this actor; waits for it.
     * A checkpoint.
     *
     * @throws RemoteActorError if that function failed
     * @throws ActorDied if the actor's process ended, without being asked to, before the result came
     * @throws ResultCancelled if the task that ran that function was cancelled before it had a result (its
     *     actor nursery was cancelled, for example); the calling task is not cancelled by that
     * @throws dev.tractor.sc.Cancelled if the calling task is cancelled while it waits
     * @throws IllegalStateException if this actor was started with {@code startActor} (it has no result)
     */
    @SuppressWarnings("unchecked")
    <R> R result();

    /**
     * Asks the actor to cancel itself (and its own children) and waits briefly for its acknowledgement. A
     * checkpoint. The actor's nursery still reaps its process (SIGTERM, then SIGKILL, if it does not exit).
     *
     * @return whether the actor acknowledged within half a second
     */
    boolean cancelActor();

    /**
     * Starts the context function {@code fn} in the remote actor, waits for its {@link Context#started}
     * value, runs {@code body} with the context and that value, and then waits for the remote task to end
     * (closing this side's stream first if the body left it open). A checkpoint throughout.
     *
     * <p>If the body throws, or the calling task is cancelled, the remote task is cancelled and waited for
     * (at most two seconds, shielded) before the exception goes on; a failure of the remote task's own
     * that arrives meanwhile is added to it as suppressed. If the remote task fails (or its connection is
     * lost, or someone else cancels it), the body is cancelled at once: its next checkpoint raises
     * {@link dev.tractor.sc.Cancelled}, and once it has unwound the remote failure comes out of here.
     *
     * @return what the body returned (the body gets the remote function's result from
     *     {@link Context#result()})
     * @throws RemoteActorError if the remote function could not be started, or failed
     * @throws ContextCancelled if someone other than this actor cancelled the remote task
     * @throws dev.tractor.msg.PayloadMismatch if a value from the remote task did not fit its declared type
     */
    <S, R, T, X extends Exception> T openContext(ContextFn0<S, R> fn, ContextBody<S, T, X> body) throws X;

    /**
     * Like {@link #openContext(ContextFn0, ContextBody)} for a context function of one argument. A checkpoint
     * throughout.
     */
    <S, A, R, T, X extends Exception> T openContext(ContextFn1<S, A, R> fn, A a, ContextBody<S, T, X> body) throws X;

    /**
     * Like {@link #openContext(ContextFn0, ContextBody)} for a context function of two arguments. A checkpoint
     * throughout.
     */
    <S, A, B, R, T, X extends Exception> T openContext(ContextFn2<S, A, B, R> fn, A a, B b,
            ContextBody<S, T, X> body) throws X;

    /**
     * Like {@link #openContext(ContextFn0, ContextBody)} for a context function of three arguments. A checkpoint
     * throughout.
     */
    <S, A, B, C, R, T, X extends Exception> T openContext(ContextFn3<S, A, B, C, R> fn, A a, B b, C c,
            ContextBody<S, T, X> body) throws X;

    /**
     * Like {@link #openContext(ContextFn0, ContextBody)} for a context function of four arguments. A checkpoint
     * throughout.
     */
    <S, A, B, C, D, R, T, X extends Exception> T openContext(ContextFn4<S, A, B, C, D, R> fn, A a, B b, C c, D d,
            ContextBody<S, T, X> body) throws X;

    /**
     * Like {@link #openContext(ContextFn0, ContextBody)} for a context function without a result (a
     * {@code void} method; {@link Context#result()} gives {@code null}). A checkpoint throughout; cancelling
     * the calling task cancels the remote task and waits for it as for any context.
     */
    <S, T, X extends Exception> T openContext(ContextProc0<S> fn, ContextBody<S, T, X> body) throws X;

    /**
     * Like {@link #openContext(ContextProc0, ContextBody)} for a {@code void} context function of one argument. A
     * checkpoint throughout.
     */
    <S, A, T, X extends Exception> T openContext(ContextProc1<S, A> fn, A a, ContextBody<S, T, X> body) throws X;

    /**
     * Like {@link #openContext(ContextProc0, ContextBody)} for a {@code void} context function of two arguments. A
     * checkpoint throughout.
     */
    <S, A, B, T, X extends Exception> T openContext(ContextProc2<S, A, B> fn, A a, B b,
            ContextBody<S, T, X> body) throws X;

    /**
     * Like {@link #openContext(ContextProc0, ContextBody)} for a {@code void} context function of three arguments.
     * A checkpoint throughout.
     */
    <S, A, B, C, T, X extends Exception> T openContext(ContextProc3<S, A, B, C> fn, A a, B b, C c,
            ContextBody<S, T, X> body) throws X;

    /**
     * Like {@link #openContext(ContextProc0, ContextBody)} for a {@code void} context function of four arguments.
     * A checkpoint throughout.
     */
    <S, A, B, C, D, T, X extends Exception> T openContext(ContextProc4<S, A, B, C, D> fn, A a, B b, C c, D d,
            ContextBody<S, T, X> body) throws X;

    /**
     * A context of {@code fn} that is not open yet: {@link ContextCall#open} opens it, with the options
     * set on it, and {@link Tractor#gatherContexts} opens several at once. Not a checkpoint; nothing is
     * sent before it is opened.
     *
     * @throws IllegalArgumentException if {@code fn} is not a static method reference, or the arguments do
     *     not fit it
     * @throws dev.tractor.ipc.FrameTooLarge if an argument is larger than a message may be
     */
    <S, R> ContextCall<S, R> context(ContextFn0<S, R> fn);

    /** Like {@link #context(ContextFn0)} for a context function of one argument. Not a checkpoint. */
    <S, A, R> ContextCall<S, R> context(ContextFn1<S, A, R> fn, A a);

    /** Like {@link #context(ContextFn0)} for a context function of two arguments. Not a checkpoint. */
    <S, A, B, R> ContextCall<S, R> context(ContextFn2<S, A, B, R> fn, A a, B b);

    /** Like {@link #context(ContextFn0)} for a context function of three arguments. Not a checkpoint. */
    <S, A, B, C, R> ContextCall<S, R> context(ContextFn3<S, A, B, C, R> fn, A a, B b, C c);

    /** Like {@link #context(ContextFn0)} for a context function of four arguments. Not a checkpoint. */
    <S, A, B, C, D, R> ContextCall<S, R> context(ContextFn4<S, A, B, C, D, R> fn, A a, B b, C c, D d);

    /**
     * Like {@link #context(ContextFn0)} for a context function without a result (a {@code void} method):
     * the opener's {@link Context#result()} gives {@code null}. Not a checkpoint.
     */
    <S> ContextCall<S, Void> context(ContextProc0<S> fn);

    /**
     * Like {@link #context(ContextProc0)} for a {@code void} context function of one argument. Not a checkpoint.
     */
    <S, A> ContextCall<S, Void> context(ContextProc1<S, A> fn, A a);

    /**
     * Like {@link #context(ContextProc0)} for a {@code void} context function of two arguments. Not a checkpoint.
     */
    <S, A, B> ContextCall<S, Void> context(ContextProc2<S, A, B> fn, A a, B b);

    /**
     * Like {@link #context(ContextProc0)} for a {@code void} context function of three arguments. Not a
     * checkpoint.
     */
    <S, A, B, C> ContextCall<S, Void> context(ContextProc3<S, A, B, C> fn, A a, B b, C c);

    /**
     * Like {@link #context(ContextProc0)} for a {@code void} context function of four arguments. Not a checkpoint.
     */
    <S, A, B, C, D> ContextCall<S, Void> context(ContextProc4<S, A, B, C, D> fn, A a, B b, C c, D d);

    /**
     * Starts the one-way streaming function {@code fn} in the remote actor (a remote generator) and runs
     * {@code body} with the stream of the values it emits, then waits for the function to end. A
     * checkpoint throughout. The body may stop reading early: the remote function is then cancelled, at
     * its next {@link Emitter#emit}, quietly. If the function fails, the body is cancelled at once and the
     * failure comes out of here. A generator may run ahead of the body: its values wait in
     * this side's buffer, which grows as needed ({@link Overruns#ALLOW}; see
     * {@link #openStreamFrom(EmitterFn0, Overruns, StreamBody)} to bound it).
     *
     * @return what the body returned
     * @throws RemoteActorError if the remote function could not be started, or failed
     */
    <T, R, X extends Exception> R openStreamFrom(EmitterFn0<T> fn, StreamBody<T, R, X> body) throws X;

    /**
     * Like {@link #openStreamFrom(EmitterFn0, StreamBody)} for a function of one argument. A checkpoint
     * throughout.
     */
    <T, A, R, X extends Exception> R openStreamFrom(EmitterFn1<T, A> fn, A a, StreamBody<T, R, X> body) throws X;

    /**
     * Like {@link #openStreamFrom(EmitterFn0, StreamBody)} for a function of two arguments. A checkpoint
     * throughout.
     */
    <T, A, B, R, X extends Exception> R openStreamFrom(EmitterFn2<T, A, B> fn, A a, B b,
            StreamBody<T, R, X> body) throws X;

    /**
     * Like {@link #openStreamFrom(EmitterFn0, StreamBody)} for a function of three arguments. A checkpoint
     * throughout.
     */
    <T, A, B, C, R, X extends Exception> R openStreamFrom(EmitterFn3<T, A, B, C> fn, A a, B b, C c,
            StreamBody<T, R, X> body) throws X;

    /**
     * Like {@link #openStreamFrom(EmitterFn0, StreamBody)} for a function of four arguments. A checkpoint
     * throughout.
     */
    <T, A, B, C, D, R, X extends Exception> R openStreamFrom(EmitterFn4<T, A, B, C, D> fn, A a, B b, C c, D d,
            StreamBody<T, R, X> body) throws X;

    /**
     * Like {@link #openStreamFrom(EmitterFn0, StreamBody)}, choosing what happens when the function emits
     * faster than the body reads: by default ({@link Overruns#ALLOW}) the values wait in this side's
     * buffer, which suits a generator; {@link Overruns#FAIL_SENDER} bounds the buffer and fails the
     * function instead. A checkpoint throughout.
     */
    <T, R, X extends Exception> R openStreamFrom(EmitterFn0<T> fn, Overruns overruns,
            StreamBody<T, R, X> body) throws X;

    /**
     * Like {@link #openStreamFrom(EmitterFn0, Overruns, StreamBody)} for a function of one argument. A checkpoint
     * throughout.
     */
    <T, A, R, X extends Exception> R openStreamFrom(EmitterFn1<T, A> fn, A a, Overruns overruns,
            StreamBody<T, R, X> body) throws X;

    /**
     * Like {@link #openStreamFrom(EmitterFn0, Overruns, StreamBody)} for a function of two arguments. A checkpoint
     * throughout.
     */
    <T, A, B, R, X extends Exception> R openStreamFrom(EmitterFn2<T, A, B> fn, A a, B b, Overruns overruns,
            StreamBody<T, R, X> body) throws X;

    /**
     * Like {@link #openStreamFrom(EmitterFn0, Overruns, StreamBody)} for a function of three arguments. A
     * checkpoint throughout.
     */
    <T, A, B, C, R, X extends Exception> R openStreamFrom(EmitterFn3<T, A, B, C> fn, A a, B b, C c,
            Overruns overruns, StreamBody<T, R, X> body) throws X;

    /**
     * Like {@link #openStreamFrom(EmitterFn0, Overruns, StreamBody)} for a function of four arguments. A
     * checkpoint throughout.
     */
    <T, A, B, C, D, R, X extends Exception> R openStreamFrom(EmitterFn4<T, A, B, C, D> fn, A a, B b, C c, D d,
            Overruns overruns, StreamBody<T, R, X> body) throws X;
}
