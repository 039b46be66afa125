package dev.tractor.internal.runtime;

import dev.tractor.internal.context.ContextImpl;
import dev.tractor.internal.context.MsgStreamImpl;
import dev.tractor.ContextBody;
import dev.tractor.ContextFn0;
import dev.tractor.ContextFn1;
import dev.tractor.ContextFn2;
import dev.tractor.ContextFn3;
import dev.tractor.ContextFn4;
import dev.tractor.ContextProc0;
import dev.tractor.ContextProc1;
import dev.tractor.ContextProc2;
import dev.tractor.ContextProc3;
import dev.tractor.ContextProc4;
import dev.tractor.EmitterFn0;
import dev.tractor.EmitterFn1;
import dev.tractor.EmitterFn2;
import dev.tractor.EmitterFn3;
import dev.tractor.EmitterFn4;
import dev.tractor.Fn0;
import dev.tractor.Fn1;
import dev.tractor.Fn2;
import dev.tractor.Fn3;
import dev.tractor.Fn4;
import dev.tractor.Proc0;
import dev.tractor.Proc1;
import dev.tractor.Proc2;
import dev.tractor.Proc3;
import dev.tractor.Proc4;
import dev.tractor.Overruns;
import dev.tractor.Portal;
import dev.tractor.ResultCancelled;
import dev.tractor.StreamBody;
import dev.tractor.Tractor;
import dev.tractor.TractorException;
import dev.tractor.internal.ipc.Frames;
import dev.tractor.internal.ipc.Peer;
import dev.tractor.internal.msg.Payload;
import dev.tractor.internal.serve.FunctionRef;
import dev.tractor.msg.Uid;
import dev.tractor.sc.Action;
import dev.tractor.sc.CancelScope;
import dev.tractor.sc.Cancelled;
import dev.tractor.sc.Event;
import dev.tractor.sc.Sc;
import dev.tractor.sc.Timeouts;
import java.io.Serializable;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** The runtime's {@link Portal}: calls and contexts over one connection, and a child's result. */
public final class PortalImpl implements Portal {
    /** How long a cancelled or failed opener waits for the remote task of its context to end. */
    public static final Duration CONTEXT_END_WAIT = Duration.ofSeconds(2);

    private final ActorRuntime runtime;
    private final Peer peer;
    private final ChildActor child; // null for a portal that Tractor.connect opened
    private final Event resultReady = new Event();
    private volatile Object result;
    private volatile Throwable failure;
    private final boolean hasResult;

    public PortalImpl(ChildActor child, boolean hasResult) {
        this(child.runtime(), child.peer(), child, hasResult);
    }

    /** A portal over a connection this actor made ({@link Tractor#connect}). */
    public PortalImpl(ActorRuntime runtime, Peer peer) {
        this(runtime, peer, null, false);
    }

    private PortalImpl(ActorRuntime runtime, Peer peer, ChildActor child, boolean hasResult) {
        this.runtime = runtime;
        this.peer = peer;
        this.child = child;
        this.hasResult = hasResult;
    }

    @Override
    public String name() {
        return peer.aid().name();
    }

    @Override
    public Uid uid() {
        return new Uid(peer.aid().name(), peer.aid().uuid());
    }

    @Override
    public long pid() {
        return child != null ? child.pid() : peer.aid().pid();
    }

    @Override
    public <R> R run(Fn0<R> fn) {
        return call(fn);
    }

    @Override
    public <A, R> R run(Fn1<A, R> fn, A a) {
        return call(fn, a);
    }

    @Override
    public <A, B, R> R run(Fn2<A, B, R> fn, A a, B b) {
        return call(fn, a, b);
    }

    @Override
    public <A, B, C, R> R run(Fn3<A, B, C, R> fn, A a, B b, C c) {
        return call(fn, a, b, c);
    }

    @Override
    public <A, B, C, D, R> R run(Fn4<A, B, C, D, R> fn, A a, B b, C c, D d) {
        return call(fn, a, b, c, d);
    }

    @Override
    public void run(Proc0 fn) {
        call(fn);
    }

    @Override
    public <A> void run(Proc1<A> fn, A a) {
        call(fn, a);
    }

    @Override
    public <A, B> void run(Proc2<A, B> fn, A a, B b) {
        call(fn, a, b);
    }

    @Override
    public <A, B, C> void run(Proc3<A, B, C> fn, A a, B b, C c) {
        call(fn, a, b, c);
    }

    @Override
    public <A, B, C, D> void run(Proc4<A, B, C, D> fn, A a, B b, C c, D d) {
        call(fn, a, b, c, d);
    }

    @Override
    public Object runFromNs(String ns, String func, Map<String, ?> kwargs) {
        return runFromNs(Object.class, ns, func, kwargs);
    }

    @Override
    public <T> T runFromNs(Class<T> resultType, String ns, String func, Map<String, ?> kwargs) {
        Map<String, Payload> encoded = new LinkedHashMap<>();
        kwargs.forEach((k, v) -> encoded.put(k, Payload.of(v, Frames.maxFrameBytes())));
        Object value = runtime.call(peer, ns, func, encoded, resultType);
        @SuppressWarnings("unchecked")
        T typed = (T) (resultType.isPrimitive() ? value : resultType.cast(value));
        return typed;
    }

    @Override
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

    @Override
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

    @Override
    public <S, R, T, X extends Exception> T openContext(ContextFn0<S, R> fn,
            ContextBody<S, T, X> body) throws X {
        return context(fn).open(body);
    }

    @Override
    public <S, A, R, T, X extends Exception> T openContext(ContextFn1<S, A, R> fn, A a,
            ContextBody<S, T, X> body) throws X {
        return context(fn, a).open(body);
    }

    @Override
    public <S, A, B, R, T, X extends Exception> T openContext(ContextFn2<S, A, B, R> fn, A a, B b,
            ContextBody<S, T, X> body) throws X {
        return context(fn, a, b).open(body);
    }

    @Override
    public <S, A, B, C, R, T, X extends Exception> T openContext(ContextFn3<S, A, B, C, R> fn, A a, B b, C c,
            ContextBody<S, T, X> body) throws X {
        return context(fn, a, b, c).open(body);
    }

    @Override
    public <S, A, B, C, D, R, T, X extends Exception> T openContext(ContextFn4<S, A, B, C, D, R> fn, A a, B b, C c, D d,
            ContextBody<S, T, X> body) throws X {
        return context(fn, a, b, c, d).open(body);
    }

    @Override
    public <S, T, X extends Exception> T openContext(ContextProc0<S> fn,
            ContextBody<S, T, X> body) throws X {
        return context(fn).open(body);
    }

    @Override
    public <S, A, T, X extends Exception> T openContext(ContextProc1<S, A> fn, A a,
            ContextBody<S, T, X> body) throws X {
        return context(fn, a).open(body);
    }

    @Override
    public <S, A, B, T, X extends Exception> T openContext(ContextProc2<S, A, B> fn, A a, B b,
            ContextBody<S, T, X> body) throws X {
        return context(fn, a, b).open(body);
    }

    @Override
    public <S, A, B, C, T, X extends Exception> T openContext(ContextProc3<S, A, B, C> fn, A a, B b, C c,
            ContextBody<S, T, X> body) throws X {
        return context(fn, a, b, c).open(body);
    }

    @Override
    public <S, A, B, C, D, T, X extends Exception> T openContext(ContextProc4<S, A, B, C, D> fn, A a, B b, C c, D d,
            ContextBody<S, T, X> body) throws X {
        return context(fn, a, b, c, d).open(body);
    }

    @Override
    public <S, R> ContextCallImpl<S, R> context(ContextFn0<S, R> fn) {
        return new ContextCallImpl<>(this, FunctionRef.of(fn), new Object[0]);
    }

    @Override
    public <S, A, R> ContextCallImpl<S, R> context(ContextFn1<S, A, R> fn, A a) {
        return new ContextCallImpl<>(this, FunctionRef.of(fn), new Object[] {a});
    }

    @Override
    public <S, A, B, R> ContextCallImpl<S, R> context(ContextFn2<S, A, B, R> fn, A a, B b) {
        return new ContextCallImpl<>(this, FunctionRef.of(fn), new Object[] {a, b});
    }

    @Override
    public <S, A, B, C, R> ContextCallImpl<S, R> context(ContextFn3<S, A, B, C, R> fn, A a, B b, C c) {
        return new ContextCallImpl<>(this, FunctionRef.of(fn), new Object[] {a, b, c});
    }

    @Override
    public <S, A, B, C, D, R> ContextCallImpl<S, R> context(ContextFn4<S, A, B, C, D, R> fn, A a, B b, C c, D d) {
        return new ContextCallImpl<>(this, FunctionRef.of(fn), new Object[] {a, b, c, d});
    }

    @Override
    public <S> ContextCallImpl<S, Void> context(ContextProc0<S> fn) {
        return new ContextCallImpl<>(this, FunctionRef.of(fn), new Object[0]);
    }

    @Override
    public <S, A> ContextCallImpl<S, Void> context(ContextProc1<S, A> fn, A a) {
        return new ContextCallImpl<>(this, FunctionRef.of(fn), new Object[] {a});
    }

    @Override
    public <S, A, B> ContextCallImpl<S, Void> context(ContextProc2<S, A, B> fn, A a, B b) {
        return new ContextCallImpl<>(this, FunctionRef.of(fn), new Object[] {a, b});
    }

    @Override
    public <S, A, B, C> ContextCallImpl<S, Void> context(ContextProc3<S, A, B, C> fn, A a, B b, C c) {
        return new ContextCallImpl<>(this, FunctionRef.of(fn), new Object[] {a, b, c});
    }

    @Override
    public <S, A, B, C, D> ContextCallImpl<S, Void> context(ContextProc4<S, A, B, C, D> fn, A a, B b, C c, D d) {
        return new ContextCallImpl<>(this, FunctionRef.of(fn), new Object[] {a, b, c, d});
    }

    @Override
    public <T, R, X extends Exception> R openStreamFrom(EmitterFn0<T> fn,
            StreamBody<T, R, X> body) throws X {
        return streamFrom(FunctionRef.of(fn), new Object[0], Overruns.ALLOW, body);
    }

    @Override
    public <T, A, R, X extends Exception> R openStreamFrom(EmitterFn1<T, A> fn, A a,
            StreamBody<T, R, X> body) throws X {
        return streamFrom(FunctionRef.of(fn), new Object[] {a}, Overruns.ALLOW, body);
    }

    @Override
    public <T, A, B, R, X extends Exception> R openStreamFrom(EmitterFn2<T, A, B> fn, A a, B b,
            StreamBody<T, R, X> body) throws X {
        return streamFrom(FunctionRef.of(fn), new Object[] {a, b}, Overruns.ALLOW, body);
    }

    @Override
    public <T, A, B, C, R, X extends Exception> R openStreamFrom(EmitterFn3<T, A, B, C> fn, A a, B b, C c,
            StreamBody<T, R, X> body) throws X {
        return streamFrom(FunctionRef.of(fn), new Object[] {a, b, c}, Overruns.ALLOW, body);
    }

    @Override
    public <T, A, B, C, D, R, X extends Exception> R openStreamFrom(EmitterFn4<T, A, B, C, D> fn, A a, B b, C c, D d,
            StreamBody<T, R, X> body) throws X {
        return streamFrom(FunctionRef.of(fn), new Object[] {a, b, c, d}, Overruns.ALLOW, body);
    }

    @Override
    public <T, R, X extends Exception> R openStreamFrom(EmitterFn0<T> fn,
            Overruns overruns, StreamBody<T, R, X> body) throws X {
        return streamFrom(FunctionRef.of(fn), new Object[0], overruns, body);
    }

    @Override
    public <T, A, R, X extends Exception> R openStreamFrom(EmitterFn1<T, A> fn, A a,
            Overruns overruns, StreamBody<T, R, X> body) throws X {
        return streamFrom(FunctionRef.of(fn), new Object[] {a}, overruns, body);
    }

    @Override
    public <T, A, B, R, X extends Exception> R openStreamFrom(EmitterFn2<T, A, B> fn, A a, B b,
            Overruns overruns, StreamBody<T, R, X> body) throws X {
        return streamFrom(FunctionRef.of(fn), new Object[] {a, b}, overruns, body);
    }

    @Override
    public <T, A, B, C, R, X extends Exception> R openStreamFrom(EmitterFn3<T, A, B, C> fn, A a, B b, C c,
            Overruns overruns, StreamBody<T, R, X> body) throws X {
        return streamFrom(FunctionRef.of(fn), new Object[] {a, b, c}, overruns, body);
    }

    @Override
    public <T, A, B, C, D, R, X extends Exception> R openStreamFrom(EmitterFn4<T, A, B, C, D> fn, A a, B b, C c, D d,
            Overruns overruns, StreamBody<T, R, X> body) throws X {
        return streamFrom(FunctionRef.of(fn), new Object[] {a, b, c, d}, overruns, body);
    }

    private <T, R, X extends Exception> R streamFrom(FunctionRef ref, Object[] args, Overruns overruns,
            StreamBody<T, R, X> body) throws X {
        ContextImpl<Void> ctx = runtime.openContext(peer, ref.ns() + "." + ref.func(), true);
        ctx.expectResult(Void.class);
        try {
            runtime.start(ctx, ref.ns(), ref.func(), ref.kwargs(args));
            MsgStreamImpl<T, Void> stream = ctx.openStream(ref.injectedTypeArgument(), overruns);
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
                throw ContextCallImpl.<X>afterFailure(ctx, t);
            }
            return value;
        } finally {
            runtime.forgetContext(ctx);
        }
    }

    ActorRuntime runtime() {
        return runtime;
    }

    public Peer peer() {
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
     * @throws dev.tractor.ipc.FrameTooLarge if the arguments make a message too large to send (nothing is sent)
     */
    Action<RuntimeException> startAsResult(FunctionRef ref, Map<String, Payload> kwargs) {
        ActorRuntime.PendingCall call = runtime.submit(peer, ref.ns(), ref.func(), kwargs);
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
