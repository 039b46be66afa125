package dev.tractor.ipc;

import java.io.Serial;

/**
 * Raised when the handshake that opens every connection fails: the peer could not prove it holds the
 * tree's secret, sent something else first (a Python tractor actor, whose handshake opens with its
 * identity, does), or took too long. The connection is closed.
 */
public class AuthenticationFailed extends IpcException {
    @Serial
    private static final long serialVersionUID = 1L;

    /** Creates the exception. */
    public AuthenticationFailed(String message) {
        super(message);
    }

    /** Creates the exception with its cause. */
    public AuthenticationFailed(String message, Throwable cause) {
        super(message, cause);
    }
}
