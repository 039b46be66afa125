package dev.tractor.internal.events;

import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;

/**
 * A call that another actor made here, from its {@code Start} until this side's answer: a function, or the
 * task of a context or stream (which also has a {@link ContextEvent}).
 */
@Name("dev.tractor.ServedCall")
@Label("Served Call")
@Description("A call served by this actor: from the caller's Start until the answer went out")
public final class ServedCallEvent extends ActorEvent {
    @Label("Caller")
    @Description("The name of the calling actor")
    String caller;

    @Label("Caller UUID")
    String callerUuid;

    @Label("Function")
    @Description("The function called, ns.func")
    String function;

    @Label("Call ID")
    String cid;

    @Label("Outcome")
    @Description("returned, cancelled, or error <type>")
    String outcome;

    /** A served call that starts now. */
    static ServedCallEvent started() {
        ServedCallEvent event = new ServedCallEvent();
        event.begin();
        return event;
    }

    /** The call has been answered, with {@code outcome} (see {@link Outcome}). */
    void end(String caller, String callerUuid, String ns, String func, String cid, String outcome) {
        if (shouldCommit()) {
            byThisActor();
            this.caller = caller;
            this.callerUuid = callerUuid;
            this.function = ns + "." + func;
            this.cid = cid;
            this.outcome = outcome;
            commit();
        }
    }
}
