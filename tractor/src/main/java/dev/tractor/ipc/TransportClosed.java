package dev.tractor.ipc;

import java.io.Serial;

/**
 * Raised when a connection ends: the peer closed it (end of stream between frames), it was reset, or it
 * ended in the middle of a frame, or this side closed it because the peer went silent
 * ({@link PeerWentSilent}). The message says which peer and why.
 */
public class TransportClosed extends IpcException {
    @Serial
    private static final long serialVersionUID = 1L;

    private final boolean clean;

    /** Creates the exception; {@code clean} when the peer closed between two frames. */
    public TransportClosed(String message, boolean clean, Throwable cause) {
        super(message, cause);
        this.clean = clean;
    }

    /** Whether the connection ended between two frames (an orderly close), not in the middle of one. */
    public boolean clean() {
        return clean;
    }
}
