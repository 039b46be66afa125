package dev.tractor;

import dev.tractor.msg.Payload;
import dev.tractor.msg.Uid;
import dev.tractor.sc.Event;
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
 * <p>Every call is a <b>checkpoint</b>: it waits for the result. Cancelling the calling task gives the call
 * up and asks the remote actor to cancel that call; the function there is cancelled at its next
 * checkpoint (code that never reaches one runs on, until the actor itself is cancelled).
 */
public final class Portal {
    private final ChildActor child;
    private final Event resultReady = new Event();
    private volatile Object result;
    private volatile Throwable failure;
    private final boolean hasResult;

    Portal(ChildActor child, boolean hasResult) {
        this.child = child;
        this.hasResult = hasResult;
    }

    /** The remote actor's name. */
    public String name() {
        return child.name();
    }

    /** The remote actor's unique id. */
    public Uid uid() {
        return child.uid();
    }

    /** The remote actor's process id. */
    public long pid() {
        return child.pid();
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
        Object value = child.runtime().call(child.peer(), ns, func, encoded, resultType);
        @SuppressWarnings("unchecked")
        T typed = (T) (resultType.isPrimitive() ? value : resultType.cast(value));
        return typed;
    }

    /**
     * The result of the function that {@link ActorNursery#runInActor} started in this actor; waits for it.
     * A checkpoint.
     *
     * @throws RemoteActorError if that function failed
     * @throws IllegalStateException if this actor was started with {@code startActor} (it has no result)
     */
    @SuppressWarnings("unchecked")
    public <R> R result() {
        if (!hasResult) {
            throw new IllegalStateException(child + " is a daemon actor (startActor): it has no result");
        }
        resultReady.await();
        Throwable f = failure;
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
        return child.requestCancel();
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
        return call(false, fn, args);
    }

    /** Calls {@code fn}; {@code collectLateFailure} as in {@link ActorRuntime#call}. */
    private <R> R call(boolean collectLateFailure, Serializable fn, Object... args) {
        FunctionRef ref = FunctionRef.of(fn);
        @SuppressWarnings("unchecked")
        R value = (R) child.runtime().call(child.peer(), ref.ns(), ref.func(), ref.kwargs(args), ref.returnType(),
                collectLateFailure);
        return value;
    }

    /**
     * Runs {@code fn} with {@code args} as this portal's one-shot function; used by runInActor. If the
     * nursery is cancelled meanwhile, a failure of the function that arrives late is still reported.
     */
    void runAsResult(Serializable fn, Object... args) {
        try {
            complete(call(true, fn, args));
        } catch (Throwable t) {
            fail(t);
            throw t;
        }
    }

    @Override
    public String toString() {
        return "Portal[" + child + "]";
    }
}
