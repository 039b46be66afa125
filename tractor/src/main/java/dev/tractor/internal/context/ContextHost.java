package dev.tractor.internal.context;

import dev.tractor.ActorDied;
import dev.tractor.internal.ipc.Peer;
import dev.tractor.internal.msg.Msg;
import dev.tractor.msg.Uid;
import java.util.Optional;

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

    /**
     * Why the connection {@code peer} ended, if the actor at its other end is this actor's child and its
     * process ended without being asked (a crash, {@code kill -9}, its own {@code System.exit}): the death
     * its nursery reports, which a context on that connection raises instead of "the connection ended".
     * Empty otherwise. Once the connection has ended, a task may wait here briefly (bounded, shielded from
     * cancellation) for the process's exit to be judged; on a live connection it answers at once.
     */
    Optional<ActorDied> deathBehind(Peer peer);
}
