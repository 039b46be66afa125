package dev.tractor;

import dev.tractor.sc.CancelScope;
import java.util.Optional;

/**
 * A context of a remote function, not opened yet: made by {@link Portal#context}, opened by
 * {@link #open} (which is what {@link Portal#openContext} does) or, several at once, by
 * {@link Tractor#gatherContexts}. Immutable; each {@code open} starts a new remote task.
 *
 * @param <S> the type of the started value
 * @param <R> the type of the remote function's result
 */
public final class ContextCall<S, R> {
    private final Portal portal;
    private final FunctionRef ref;
    private final Object[] args;

    ContextCall(Portal portal, FunctionRef ref, Object[] args) {
        this.portal = portal;
        this.ref = ref;
        this.args = args.clone();
        ref.kwargs(this.args); // refuses wrong arguments now, in the caller's code
    }

    /** The portal it opens on. */
    public Portal portal() {
        return portal;
    }

    /**
     * Opens the context: see {@link Portal#openContext(ContextFn0, ContextBody)}. A checkpoint throughout.
     *
     * @return what the body returned
     */
    public <T, X extends Exception> T open(ContextBody<S, T, X> body) throws X {
        ActorRuntime runtime = portal.runtime();
        Context<S> ctx = runtime.openContext(portal.peer(), ref.ns() + "." + ref.func(), false);
        ctx.expectResult(ref.returnType());
        try {
            runtime.start(ctx, ref.ns(), ref.func(), ref.kwargs(args));
            try {
                @SuppressWarnings("unchecked")
                S first = (S) ctx.awaitStarted(ref.injectedTypeArgument());
                CancelScope block = new CancelScope(); // a failure of the remote task cancels it
                ctx.runsBlockIn(block);
                Optional<T> value = block.call(() -> body.run(ctx, first));
                ctx.awaitResult(); // raises the remote task's failure if that cut the block short
                return value.orElse(null);
            } catch (Throwable t) {
                throw ContextCall.<X>afterFailure(ctx, t);
            }
        } finally {
            runtime.forgetContext(ctx);
        }
    }

    /**
     * The opener's block failed with {@code t} (or was cancelled): unless the remote task has ended
     * already, cancel it and wait briefly for its end, then let {@code t} go on, with the remote task's own
     * failure added as suppressed if it had one. Never returns normally; typed for {@code throw}.
     */
    static <X extends Exception> RuntimeException afterFailure(Context<?> ctx, Throwable t) throws X {
        if (!ctx.ended() || !(t instanceof RemoteActorError)) {
            RemoteActorError remote = ctx.cancelAndAwaitEnd(Portal.CONTEXT_END_WAIT);
            if (remote != null && remote != t) {
                t.addSuppressed(remote);
            }
        }
        throw ContextCall.<RuntimeException>sneaky(t);
    }

    @SuppressWarnings("unchecked")
    private static <E extends Throwable> E sneaky(Throwable t) throws E {
        throw (E) t;
    }

    @Override
    public String toString() {
        return "context " + ref + " on " + portal;
    }
}
