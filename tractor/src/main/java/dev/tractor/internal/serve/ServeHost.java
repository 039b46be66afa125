package dev.tractor.internal.serve;

import dev.tractor.internal.context.ContextHost;
import dev.tractor.internal.discovery.Discovery;
import dev.tractor.internal.msg.Payload;
import dev.tractor.sc.Nursery;
import java.util.Map;

/**
 * What serving calls needs from the actor that serves them, beyond what its contexts need: the nursery calls
 * run in, the functions it enables, its discovery (for the registrar's functions) and a way to end it. The
 * runtime's {@code ActorRuntime} is the one there is (ADR 0019).
 */
public interface ServeHost extends ContextHost {
    /** The nursery that calls made here run in; null before the actor started. */
    Nursery service();

    /** What runs the functions that peers call here (the classes this actor enables). */
    Invoker invoker();

    /** This actor's side of discovery: the registrar's functions when it is the registrar. */
    Discovery discovery();

    /** Cancels this actor's whole run, for the given reason (a peer's {@code self.cancel}). Any thread. */
    void cancel(String reason);

    /** The runtime function by which an actor that stopped for the debugger tells its parent (ADR 0021). */
    String DEBUG_STOPPED = "debug_stopped";

    /**
     * An actor below stopped for the debugger ({@code self.debug_stopped} with its name, uuid, pid and
     * debugger port): the root runs its REPL, any other actor passes it on to its parent. Returns once the
     * REPL has let it go. A checkpoint.
     */
    Object debugStopped(Map<String, Payload> kwargs);
}
