package dev.tractor.internal.events;

import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;

/** A call this actor made to a function of another actor, from sending its {@code Start} to its answer. */
@Name("dev.tractor.Call")
@Label("Call")
@Description("A call of a remote function, from the caller's side: from its Start until its result or error")
public final class CallEvent extends ActorEvent {
    @Label("Peer")
    @Description("The name of the actor called")
    String peer;

    @Label("Peer UUID")
    String peerUuid;

    @Label("Function")
    @Description("The function called, ns.func")
    String function;

    @Label("Call ID")
    String cid;

    @Label("Outcome")
    @Description("returned, cancelled, or error <type>")
    String outcome;

    /** A call that starts now. */
    static CallEvent started() {
        CallEvent event = new CallEvent();
        event.begin();
        return event;
    }

    /** The call has ended: returned if {@code failure} is null. */
    void end(String peer, String peerUuid, String ns, String func, String cid, Throwable failure) {
        if (shouldCommit()) {
            byThisActor();
            this.peer = peer;
            this.peerUuid = peerUuid;
            this.function = ns + "." + func;
            this.cid = cid;
            this.outcome = Outcome.of(failure);
            commit();
        }
    }
}
