package dev.tractor.internal.serve;

import dev.tractor.internal.context.ContextImpl;
import dev.tractor.msg.Uid;
import dev.tractor.sc.CancelScope;

/**
 * A call or context that a peer started here, from the moment its {@code Start} is read: the reader
 * thread registers it before its task exists, so that a {@code cancel_task} or the end of its connection,
 * whichever comes, always finds it. Its cancel scope may be cancelled before its task enters it: the task
 * then starts cancelled and its function never runs.
 */
public final class ServedCall {
    private final CancelScope scope = new CancelScope();
    /** Set by the task once the function turns out to be a context function (and not before). */
    private volatile ContextImpl<?> context;
    /** Who asked to cancel it ({@code cancel_task}), if anyone did. */
    private volatile Uid cancelRequester;

    /** The scope the function runs in. */
    CancelScope scope() {
        return scope;
    }

    /** The context it serves, or null (a plain function, or one whose task has not made it yet). */
    ContextImpl<?> context() {
        return context;
    }

    /** Its task made the context that the function runs with. */
    void serves(ContextImpl<?> ctx) {
        ctx.runsIn(scope);
        context = ctx;
        Uid requester = cancelRequester; // a cancel_task that came first (both fields volatile: one sees the other)
        if (requester != null) {
            ctx.cancelRequestedBy(requester);
        }
    }

    /** Its caller ({@code requester}) gave up on it: {@code cancel_task}. Any thread; never blocks. */
    void cancelRequestedBy(Uid requester, String reason) {
        if (cancelRequester == null) {
            cancelRequester = requester;
        }
        ContextImpl<?> ctx = context;
        if (ctx != null) {
            ctx.cancelRequestedBy(requester);
        }
        scope.cancel(reason);
    }

    /** Who asked to cancel it, or null. */
    Uid cancelRequester() {
        return cancelRequester;
    }
}
