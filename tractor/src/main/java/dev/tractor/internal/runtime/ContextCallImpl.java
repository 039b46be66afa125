package dev.tractor.internal.runtime;

import dev.tractor.ActorDied;
import dev.tractor.ContextBody;
import dev.tractor.ContextCall;
import dev.tractor.Portal;
import dev.tractor.RemoteActorError;
import dev.tractor.internal.context.ContextImpl;
import dev.tractor.internal.msg.Payload;
import dev.tractor.internal.serve.FunctionRef;
import dev.tractor.sc.CancelScope;
import dev.tractor.sc.Cancelled;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;

/** The runtime's {@link ContextCall}: a portal, a function reference and its arguments. */
public final class ContextCallImpl<S, R> implements ContextCall<S, R> {
    private final PortalImpl portal;
    private final FunctionRef ref;
    private final Map<String, Payload> kwargs;

    ContextCallImpl(PortalImpl portal, FunctionRef ref, Object[] args) {
        this.portal = portal;
        this.ref = ref;
        // Encoded once, now: wrong arguments are refused in the caller's code, and every open sends these
        this.kwargs = Collections.unmodifiableMap(ref.kwargs(args.clone()));
    }

    @Override
    public Portal portal() {
        return portal;
    }

    @Override
    public <T, X extends Exception> T open(ContextBody<S, T, X> body) throws X {
        ActorRuntime runtime = portal.runtime();
        ContextImpl<S> ctx = runtime.openContext(portal.peer(), ref.ns() + "." + ref.func(), false);
        ctx.expectResult(ref.returnType());
        try {
            runtime.start(ctx, ref.ns(), ref.func(), kwargs);
            try {
                @SuppressWarnings("unchecked")
                S first = (S) ctx.awaitStarted(ref.injectedTypeArgument());
                CancelScope block = new CancelScope(); // a failure of the remote task cancels it
                ctx.runsBlockIn(block);
                Optional<T> value = block.call(() -> body.run(ctx, first));
                ctx.awaitResult(); // raises the remote task's failure if that cut the block short
                return value.orElse(null);
            } catch (Throwable t) {
                throw ContextCallImpl.<X>afterFailure(ctx, t);
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
    static <X extends Exception> RuntimeException afterFailure(ContextImpl<?> ctx, Throwable failure) throws X {
        Throwable t = failure;
        if (t instanceof Cancelled) { // by the death of the child at the other end (its nursery's supervision)?
            Optional<ActorDied> death = ctx.deathBehind();
            if (death.isPresent()) {
                t = death.get(); // the very instance its nursery reports, so that it is reported once
            }
        }
        ctx.failedHere(t);
        if (!ctx.ended() || !(t instanceof RemoteActorError)) {
            RemoteActorError remote = ctx.cancelAndAwaitEnd(PortalImpl.CONTEXT_END_WAIT);
            if (remote != null && remote != t) {
                t.addSuppressed(remote);
            }
        }
        throw ContextCallImpl.<RuntimeException>sneaky(t);
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
