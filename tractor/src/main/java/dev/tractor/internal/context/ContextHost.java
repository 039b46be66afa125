package dev.tractor.internal.context;

import dev.tractor.internal.ipc.Peer;
import dev.tractor.internal.msg.Msg;
import dev.tractor.msg.Uid;

/**
 * What a context needs from the actor it lives in: the actor's id and the sends of its connections. The
 * runtime's {@code ActorRuntime} is the one there is; contexts see it through this interface so that the
 * arrow goes from the runtime to its contexts and not back (ADR 0019).
 */
public interface ContextHost {
    /** This actor's id. */
    Uid uid();

    /**
     * Sends {@code msg} if the connection is still up; a failure is only logged. In a task, a checkpoint
     * while it waits for the peer to read; never waits on a reader loop's thread.
     */
    void sendQuietly(Peer peer, Msg msg);

    /** Sends a control message, which never waits, if the connection is still up; a failure is only logged. */
    void sendControlQuietly(Peer peer, Msg msg);

    /** Asks the callee to cancel the call or context {@code cid} that this side gave up on; does not wait. */
    void requestCancelTask(Peer peer, String cid);
}
