package dev.tractor.internal.discovery;

import dev.tractor.Actor;
import dev.tractor.internal.ipc.Channel;
import dev.tractor.internal.ipc.Peer;
import dev.tractor.internal.ipc.Server;
import dev.tractor.internal.msg.Payload;
import dev.tractor.ipc.Address;
import dev.tractor.msg.Uid;
import dev.tractor.sc.Nursery;
import java.lang.reflect.Type;
import java.util.Map;
import java.util.Optional;

/**
 * What discovery needs from the actor it finds a registrar for (or is the registrar of): who the actor is,
 * its connections and calls over them. The runtime's {@code ActorRuntime} is the one there is; discovery sees
 * it through this interface so that the arrow goes from the runtime to discovery and not back (ADR 0019).
 */
public interface DiscoveryHost {
    /** This actor as others see it. */
    Actor actor();

    /** This actor's id. */
    Uid uid();

    /** Where a debugger can attach to this actor's JVM, in debug mode (ADR 0021); empty otherwise. */
    Optional<Address> debugAddress();

    /** The nursery that calls made here run in; null before the actor started. */
    Nursery service();

    /** Whether this actor has been asked to end. */
    boolean isEnding();

    /**
     * Calls {@code ns.func} in the actor at the other end of {@code peer} and returns its result bound to
     * {@code resultType}. A checkpoint.
     */
    Object call(Peer peer, String ns, String func, Map<String, Payload> kwargs, Type resultType);

    /** Runs the connecting side of the handshake on {@code channel}; on failure the channel is closed. */
    Peer handshake(Channel channel, String what);

    /** Starts reading a connection this actor made, and serving it like any other. */
    void serve(Peer peer);

    /** Serves a registry address: peers that connect there meet a registrar. */
    void serveAsRegistrar(Server server);

    /** Closes a connection this actor made; its end is expected. */
    void disconnect(Peer peer);
}
