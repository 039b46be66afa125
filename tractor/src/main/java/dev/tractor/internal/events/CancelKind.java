package dev.tractor.internal.events;

/** What a {@link CancelEvent} is about. */
public enum CancelKind {
    /** This actor asked a peer to cancel a call or context ({@code cancel_task}). */
    CALL_CANCEL_SENT("call cancel sent"),
    /** A peer asked this actor to cancel a call or context it serves ({@code cancel_task}). */
    CALL_CANCEL_RECEIVED("call cancel received"),
    /** This actor asked a peer to cancel itself ({@code self.cancel}). */
    ACTOR_CANCEL_SENT("actor cancel sent"),
    /** A peer asked this actor to cancel itself ({@code self.cancel}). */
    ACTOR_CANCEL_RECEIVED("actor cancel received"),
    /** This actor's whole run was cancelled. */
    ACTOR_CANCELLED("actor cancelled");

    /** How the event's {@code what} field says it. */
    final String text;

    CancelKind(String text) {
        this.text = text;
    }
}
