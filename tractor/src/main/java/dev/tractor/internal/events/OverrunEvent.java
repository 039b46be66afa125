package dev.tractor.internal.events;

import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;

/**
 * The receive buffer of a context's stream overran on this side: a value was dropped and the sender told
 * ({@code Overruns.FAIL_SENDER}).
 */
@Name("dev.tractor.Overrun")
@Label("Stream Overrun")
@Description("A context's stream overran its receive buffer on this side: the value was dropped and the "
        + "sender told")
public final class OverrunEvent extends ActorEvent {
    @Label("Sender")
    @Description("The actor that sent faster than this side read")
    String peer;

    @Label("Sender UUID")
    String peerUuid;

    @Label("Function")
    @Description("The context function, ns.func")
    String function;

    @Label("Call ID")
    String cid;

    @Label("Buffer")
    @Description("How many values the buffer holds")
    int buffer;

    private OverrunEvent() {
    }

    /** Records an overrun of the stream of the context {@code cid}. */
    static void emit(String peer, String peerUuid, String function, String cid, int buffer) {
        OverrunEvent event = new OverrunEvent();
        if (event.shouldCommit()) {
            event.byThisActor();
            event.peer = peer;
            event.peerUuid = peerUuid;
            event.function = function;
            event.cid = cid;
            event.buffer = buffer;
            event.commit();
        }
    }
}
