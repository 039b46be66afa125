package dev.tractor.ipc;

import java.io.Serial;
import java.time.Duration;
import java.util.Objects;

/**
 * Raised when this side closed a connection because nothing had arrived from the peer for longer than the
 * silent-peer timeout (system property {@code tractor.ipc.silentPeerTimeout}, 15 s by default): the peer's
 * host or process stopped answering (a network partition, a host that is gone, a process stopped with
 * SIGSTOP) without the connection ending. A live peer is never quiet that long: the runtime's I/O threads
 * send a small heartbeat frame on any connection that has been quiet for a fifth of the timeout, whatever
 * its tasks are doing.
 *
 * <p>It is a {@link TransportClosed} (never {@linkplain #clean() clean}), so everything that handles the end
 * of a connection handles it: calls and contexts on the connection fail as when it breaks, with this
 * exception as the cause and its message (which names the peer and how long it was silent); a child whose
 * parent went silent cancels itself.
 */
public final class PeerWentSilent extends TransportClosed {
    @Serial
    private static final long serialVersionUID = 1L;

    private final Duration silence;

    /** Creates the exception; {@code silence} is how long nothing had arrived when the connection was closed. */
    public PeerWentSilent(String message, Duration silence) {
        super(message, false, null);
        this.silence = Objects.requireNonNull(silence, "silence");
    }

    /** How long nothing had arrived from the peer when this side closed the connection. */
    public Duration silence() {
        return silence;
    }
}
