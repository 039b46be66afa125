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

    /**
     * The runtime function by which an actor asks the tree's debugger to watch a new actor below it, before
     * it runs any code (ADR 0021).
     */
    String DEBUG_WATCH = "debug_watch";

    /**
     * An actor below was started in debug mode ({@code self.debug_watch} with its name, uuid, pid and
     * debugger port): the root has the tree's debugger watch it, any other actor passes it on to its parent.
     * Returns once it is watched. A checkpoint.
     */
    Object debugWatch(Map<String, Payload> kwargs);
}
