package dev.tractor.internal.events;

import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;

/**
 * A cancellation: a request this actor sent (to cancel a call or context it gave up on, or a whole actor),
 * one it received, or this actor's own run being cancelled.
 */
@Name("dev.tractor.Cancel")
@Label("Cancel")
@Description("A cancellation: a request sent or received (of a call or context, or of a whole actor), or the "
        + "cancellation of this actor's run")
public final class CancelEvent extends ActorEvent {
    @Label("What")
    @Description("call cancel sent, call cancel received, actor cancel sent, actor cancel received, or actor "
            + "cancelled")
    String what;

    @Label("Peer")
    @Description("The other actor: the one asked, or the one asking (empty for actor cancelled)")
    String peer;

    @Label("Peer UUID")
    String peerUuid;

    @Label("Call ID")
    @Description("The call or context to cancel (empty for an actor)")
    String cid;

    @Label("Cancelled By")
    @Description("The name of the actor that asked for the cancellation (empty for actor cancelled: see the reason)")
    String cancelledBy;

    @Label("Reason")
    String reason;

    private CancelEvent() {
    }

    /**
     * Records a cancellation; {@code peer}, {@code cid} and {@code reason} may be null, and so may
     * {@code cancelledBy} for a request this actor sends (it is this actor then).
     */
    static void emit(CancelKind what, String peer, String peerUuid, String cid, String cancelledBy, String reason) {
        CancelEvent event = new CancelEvent();
        if (event.shouldCommit()) {
            event.byThisActor();
            event.what = what.text;
            event.peer = peer;
            event.peerUuid = peerUuid;
            event.cid = cid;
            // A request this actor sends is its own; who cancelled a whole run, its reason says.
            event.cancelledBy = cancelledBy != null || what == CancelKind.ACTOR_CANCELLED ? cancelledBy : ThisActor.name();
            event.reason = reason;
            event.commit();
        }
    }
}
