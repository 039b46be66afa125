package dev.tractor;

import dev.tractor.ipc.Peer;
import dev.tractor.msg.Payload;
import dev.tractor.msg.Uid;
import dev.tractor.sc.Action;
import dev.tractor.sc.CancelScope;
import dev.tractor.sc.Cancelled;
import dev.tractor.sc.Event;
import dev.tractor.sc.Sc;
import dev.tractor.sc.Timeouts;
import java.time.Duration;
import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A handle on another actor through which this actor calls its functions (tractor's {@code Portal}).
 *
 * <p>Functions are named by static method references ({@code portal.run(Primes::isPrime, 7L)}): the
 * reference's class and method travel, the arguments travel by parameter name, and the result comes back
 * bound to the method's declared return type. The remote actor must have enabled the class
 * ({@link ActorOptions#enable}); otherwise, as for an unknown method or arguments that do not fit, the
 * call fails with a {@link RemoteActorError} and the actor goes on serving.
 *
 * <p>Every call is a <b>checkpoint</b>, first of all: a task that is cancelled already sends nothing. Then
 * it waits for the result. Cancelling the calling task gives the call up and asks the remote actor to
 * cancel that call; the function there is cancelled at its next checkpoint, or does not start (code that
 * never reaches a checkpoint runs on, until the actor itself is cancelled). The end of the connection
 * (this actor's death, or the end of a {@link Tractor#connect} block) cancels the calls and contexts that
 * were started over it in the same way.
 */
public final class Portal {
    /** How long a cancelled or failed opener waits for the remote task of its context to end. */
    static final Duration CONTEXT_END_WAIT = Duration.ofSeconds(2);

    private final ActorRuntime runtime;
    private final Peer peer;
    private final ChildActor child; // null for a portal that Tractor.connect opened
    private final Event resultReady = new Event();
    private volatile Object result;
    private volatile Throwable failure;
    private final boolean hasResult;

    Portal(ChildActor child, boolean hasResult) {
        this(child.runtime(), child.peer(), child, hasResult);
    }

    /** A portal over a connection this actor made ({@link Tractor#connect}). */
    Portal(ActorRuntime runtime, Peer peer) {
        this(runtime, peer, null, false);
    }

    private Portal(ActorRuntime runtime, Peer peer, ChildActor child, boolean hasResult) {
        this.runtime = runtime;
        this.peer = peer;
        this.child = child;
        this.hasResult = hasResult;
    }

    /** The remote actor's name. */
    public String name() {
        return peer.aid().name();
    }

    /** The remote actor's unique id. */
    public Uid uid() {
        return new Uid(peer.aid().name(), peer.aid().uuid());
    }

    /** The remote actor's process id. */
    public long pid() {
        return child != null ? child.pid() : peer.aid().pid();
    }

    /** Calls {@code fn} in the remote actor and returns its result. A checkpoint. */
    public <R> R run(Fn0<R> fn) {
        return call(fn);
    }

    /** Calls {@code fn(a)} in the remote actor and returns its result. A checkpoint. */
    public <A, R> R run(Fn1<A, R> fn, A a) {
        return call(fn, a);
    }

    /** Calls {@code fn(a, b)} in the remote actor and returns its result. A checkpoint. */
    public <A, B, R> R run(Fn2<A, B, R> fn, A a, B b) {
        return call(fn, a, b);
    }

    /** Calls {@code fn(a, b, c)} in the remote actor and returns its result. A checkpoint. */
    public <A, B, C, R> R run(Fn3<A, B, C, R> fn, A a, B b, C c) {
        return call(fn, a, b, c);
    }

    /** Calls {@code fn(a, b, c, d)} in the remote actor and returns its result. A checkpoint. */
    public <A, B, C, D, R> R run(Fn4<A, B, C, D, R> fn, A a, B b, C c, D d) {
        return call(fn, a, b, c, d);
    }

    /**
     * Calls the public static method {@code func} of class {@code ns} in the remote actor, with arguments
     * by parameter name, and returns the result as plain values (see {@link Payload#toPlain()}). The string
     * form of {@link #run}, for when the class is not on this side's class path. A checkpoint.
     */
    public Object runFromNs(String ns, String func, Map<String, ?> kwargs) {
        return runFromNs(Object.class, ns, func, kwargs);
    }

    /** Like {@link #runFromNs(String, String, Map)}, binding the result to {@code resultType}. */
    public <T> T runFromNs(Class<T> resultType, String ns, String func, Map<String, ?> kwargs) {
        Map<String, Payload> encoded = new LinkedHashMap<>();
        kwargs.forEach((k, v) -> encoded.put(k, Payload.of(v)));
        Object value = runtime.call(peer, ns, func, encoded, resultType);
        @SuppressWarnings("unchecked")
        T typed = (T) (resultType.isPrimitive() ? value : resultType.cast(value));
        return typed;
    }

    /**
     * The result of the function that {@link ActorNursery#runInActor} started in this actor; waits for it.
     * A checkpoint.
     *
     * @throws RemoteActorError if that function failed
     * @throws ResultCancelled if the task that ran that function was cancelled before it had a result (its
     *     actor nursery was cancelled, for example); the calling task is not cancelled by that
     * @throws dev.tractor.sc.Cancelled if the calling task is cancelled while it waits
     * @throws IllegalStateException if this actor was started with {@code startActor} (it has no result)
     */
    @SuppressWarnings("unchecked")
    public <R> R result() {
        if (!hasResult) {
            throw new IllegalStateException(this + " is not a one-shot actor (runInActor): it has no result");
        }
        resultReady.await();
        Throwable f = failure;
        if (f instanceof Cancelled c) {
            // The function's task was cancelled: that Cancelled belongs to its scopes, not to this task's,
            // and must not unwind this task as if it were cancelled. This task's own cancellation (if it
            // is cancelled) comes first; otherwise it gets a fresh error that says what was cancelled.
            Sc.checkpoint();
            throw new ResultCancelled("the function of " + child + " was cancelled before it returned a result",
                    c);
        }
        if (f instanceof RuntimeException e) {
            throw e;
        }
        if (f instanceof Error e) {
            throw e;
        }
        if (f != null) {
            throw new TractorException("the function of " + child + " failed", f);
        }
        return (R) result;
    }

    /**
     * Asks the actor to cancel itself (and its own children) and waits briefly for its acknowledgement. A
     * checkpoint. The actor's nursery still reaps its process (SIGTERM, then SIGKILL, if it does not exit).
     *
     * @return whether the actor acknowledged within half a second
     */
    public boolean cancelActor() {
        if (child != null) {
            return child.requestCancel();
        }
        try {
            return Timeouts.moveOnAfter(ChildActor.CANCEL_ACK_WAIT,
                    () -> runtime.call(peer, "self", "cancel", Map.of(), Boolean.class)).isPresent();
        } catch (TractorException e) {
            return false; // the connection has ended
        }
    }

    // ---- contexts -----------------------------------------------------------------------------------

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
    public <S, R, T, X extends Exception> T openContext(ContextFn0<S, R> fn, ContextBody<S, T, X> body) throws X {
        return context(fn).open(body);
    }

    /** Like {@link #openContext(ContextFn0, ContextBody)} for a context function of one argument. */
    public <S, A, R, T, X extends Exception> T openContext(ContextFn1<S, A, R> fn, A a, ContextBody<S, T, X> body) throws X {
        return context(fn, a).open(body);
    }

    /** Like {@link #openContext(ContextFn0, ContextBody)} for a context function of two arguments. */
    public <S, A, B, R, T, X extends Exception> T openContext(ContextFn2<S, A, B, R> fn, A a, B b, ContextBody<S, T, X> body) throws X {
        return context(fn, a, b).open(body);
    }

    /** Like {@link #openContext(ContextFn0, ContextBody)} for a context function of three arguments. */
    public <S, A, B, C, R, T, X extends Exception> T openContext(ContextFn3<S, A, B, C, R> fn, A a, B b, C c, ContextBody<S, T, X> body) throws X {
        return context(fn, a, b, c).open(body);
    }

    /**
     * A context of {@code fn} that is not open yet: {@link ContextCall#open} opens it, with the options
     * set on it, and {@link Tractor#gatherContexts} opens several at once. Not a checkpoint.
     */
    public <S, R> ContextCall<S, R> context(ContextFn0<S, R> fn) {
        return new ContextCall<>(this, FunctionRef.of(fn), new Object[0]);
    }

    /** Like {@link #context(ContextFn0)} for a context function of one argument. */
    public <S, A, R> ContextCall<S, R> context(ContextFn1<S, A, R> fn, A a) {
        return new ContextCall<>(this, FunctionRef.of(fn), new Object[] {a});
    }

    /** Like {@link #context(ContextFn0)} for a context function of two arguments. */
    public <S, A, B, R> ContextCall<S, R> context(ContextFn2<S, A, B, R> fn, A a, B b) {
        return new ContextCall<>(this, FunctionRef.of(fn), new Object[] {a, b});
    }

    /** Like {@link #context(ContextFn0)} for a context function of three arguments. */
    public <S, A, B, C, R> ContextCall<S, R> context(ContextFn3<S, A, B, C, R> fn, A a, B b, C c) {
        return new ContextCall<>(this, FunctionRef.of(fn), new Object[] {a, b, c});
    }

    /**
     * Starts the one-way streaming function {@code fn} in the remote actor (a remote generator) and runs
     * {@code body} with the stream of the values it emits, then waits for the function to end. A
     * checkpoint throughout. The body may stop reading early: the remote function is then cancelled, at
     * its next {@link Emitter#emit}, quietly. If the function fails, the body is cancelled at once and the
     * failure comes out of here. A generator may run ahead of the body: its values wait in
     * this side's buffer, which grows as needed ({@link Overruns#ALLOW}; see
     * {@link #openStreamFrom(EmitterFn1, Object, Overruns, StreamBody)} to bound it).
     *
     * @return what the body returned
     * @throws RemoteActorError if the remote function could not be started, or failed
     */
    public <T, R, X extends Exception> R openStreamFrom(EmitterFn0<T> fn, StreamBody<T, R, X> body) throws X {
        return streamFrom(FunctionRef.of(fn), new Object[0], Overruns.ALLOW, body);
    }

    /** Like {@link #openStreamFrom(EmitterFn0, StreamBody)} for a function of one argument. */
    public <T, A, R, X extends Exception> R openStreamFrom(EmitterFn1<T, A> fn, A a, StreamBody<T, R, X> body) throws X {
        return streamFrom(FunctionRef.of(fn), new Object[] {a}, Overruns.ALLOW, body);
    }

    /**
     * Like {@link #openStreamFrom(EmitterFn1, Object, StreamBody)}, choosing what happens when the
     * function emits faster than the body reads: by default ({@link Overruns#ALLOW}) the values wait in
     * this side's buffer, which suits a generator; {@link Overruns#FAIL_SENDER} bounds the buffer and
     * fails the function instead.
     */
    public <T, A, R, X extends Exception> R openStreamFrom(EmitterFn1<T, A> fn, A a, Overruns overruns,
            StreamBody<T, R, X> body) throws X {
        return streamFrom(FunctionRef.of(fn), new Object[] {a}, overruns, body);
    }

    /** Like {@link #openStreamFrom(EmitterFn0, StreamBody)} for a function of two arguments. */
    public <T, A, B, R, X extends Exception> R openStreamFrom(EmitterFn2<T, A, B> fn, A a, B b, StreamBody<T, R, X> body) throws X {
        return streamFrom(FunctionRef.of(fn), new Object[] {a, b}, Overruns.ALLOW, body);
    }

    private <T, R, X extends Exception> R streamFrom(FunctionRef ref, Object[] args, Overruns overruns,
            StreamBody<T, R, X> body) throws X {
        Context<Void> ctx = runtime.openContext(peer, ref.ns() + "." + ref.func(), true);
        ctx.expectResult(Void.class);
        try {
            runtime.start(ctx, ref.ns(), ref.func(), ref.kwargs(args));
            MsgStream<T, Void> stream = ctx.openStream(ref.injectedTypeArgument(), overruns);
            R value;
            try {
                CancelScope block = new CancelScope(); // a failure of the remote function cancels it
                ctx.runsBlockIn(block);
                value = block.call(() -> body.run(stream)).orElse(null);
                if (!ctx.ended()) {
                    ctx.cancel(); // the reader has had enough: the generator stops, quietly
                }
                ctx.awaitResult();
            } catch (Throwable t) {
                throw ContextCall.<X>afterFailure(ctx, t);
            }
            return value;
        } finally {
            runtime.forgetContext(ctx);
        }
    }

    ActorRuntime runtime() {
        return runtime;
    }

    Peer peer() {
        return peer;
    }

    void complete(Object value) {
        result = value;
        resultReady.set();
    }

    void fail(Throwable t) {
        failure = t;
        resultReady.set();
    }

    private <R> R call(Serializable fn, Object... args) {
        FunctionRef ref = FunctionRef.of(fn);
        @SuppressWarnings("unchecked")
        R value = (R) runtime.call(peer, ref.ns(), ref.func(), ref.kwargs(args), ref.returnType());
        return value;
    }

    /**
     * Starts {@code fn} with {@code args} as this portal's one-shot function (runInActor): its {@code Start}
     * goes out now, as in Python tractor, so that the function runs once runInActor has returned. A
     * checkpoint before it sends. Returns the wait for its result, for a task to run: if the nursery is
     * cancelled meanwhile, a failure of the function that arrives late is still reported.
     *
     * @throws TractorException if the connection has ended
     */
    Action<RuntimeException> startAsResult(Serializable fn, Object... args) {
        FunctionRef ref = FunctionRef.of(fn);
        ActorRuntime.PendingCall call = runtime.submit(peer, ref.ns(), ref.func(), ref.kwargs(args));
        return () -> {
            try {
                complete(runtime.awaitResult(call, ref.returnType(), true));
            } catch (Throwable t) {
                fail(t);
                throw t;
            }
        };
    }

    @Override
    public String toString() {
        return "Portal[" + (child != null ? child : peer) + "]";
    }
}
