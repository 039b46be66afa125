package dev.tractor.internal.events;

import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;

/**
 * A context (or a one-way stream), on either side: on the opener's, from opening it until the opener is
 * done with it; on the callee's, from its task's start until its answer.
 */
@Name("dev.tractor.Context")
@Label("Context")
@Description("A context or stream between two actors, on one side: the opener's (until it is done with it) or "
        + "the callee's (until its task has answered)")
public final class ContextEvent extends ActorEvent {
    @Label("Peer")
    @Description("The actor at the other end")
    String peer;

    @Label("Peer UUID")
    String peerUuid;

    @Label("Function")
    @Description("The context function, ns.func")
    String function;

    @Label("Call ID")
    String cid;

    @Label("Side")
    @Description("opener or callee")
    String side;

    @Label("Outcome")
    @Description("returned, cancelled, error <type>, or connection lost")
    String outcome;

    /** A context that starts now. */
    static ContextEvent started() {
        ContextEvent event = new ContextEvent();
        event.begin();
        return event;
    }

    /** Whether a recording wants this event: the caller builds the outcome only then. */
    boolean wanted() {
        return shouldCommit();
    }

    /** The context has ended on this side, with {@code outcome} (see {@link Outcome}). */
    void end(String peer, String peerUuid, String function, String cid, boolean opener, String outcome) {
        if (shouldCommit()) {
            byThisActor();
            this.peer = peer;
            this.peerUuid = peerUuid;
            this.function = function;
            this.cid = cid;
            this.side = opener ? "opener" : "callee";
            this.outcome = outcome;
            commit();
        }
    }
}
