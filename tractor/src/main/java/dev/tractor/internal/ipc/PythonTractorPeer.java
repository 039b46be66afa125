package dev.tractor.internal.ipc;

import dev.tractor.internal.msg.Msg;
import dev.tractor.ipc.AuthenticationFailed;
import java.io.Serial;

/**
 * The handshake met a Python tractor actor: it opened with its identity ({@code Aid}), as Python tractor's
 * handshake does, where an actor of this runtime opens with a challenge or answers one. The two cannot
 * share a tree (yet), so the connection is closed like any failed handshake; this type lets the accept loop
 * and discovery say what they met instead of reporting a protocol error.
 */
public final class PythonTractorPeer extends AuthenticationFailed {
    @Serial
    private static final long serialVersionUID = 1L;

    private final transient Msg.Aid aid;

    PythonTractorPeer(String message, Msg.Aid aid) {
        super(message);
        this.aid = aid;
    }

    /** The identity the Python actor sent. */
    public Msg.Aid aid() {
        return aid;
    }

    /** {@code 'name' (pid N)}, how messages name the Python actor. */
    public String describe() {
        return "'" + aid.name() + "' (pid " + aid.pid() + ")";
    }
}
