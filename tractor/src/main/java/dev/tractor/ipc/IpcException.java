package dev.tractor.ipc;

import java.io.Serial;

/** Base of the unchecked exceptions of the IPC layer: a connection that ended or misbehaved. */
public class IpcException extends RuntimeException {
    @Serial
    private static final long serialVersionUID = 1L;

    /** Creates the exception. */
    public IpcException(String message) {
        super(message);
    }

    /** Creates the exception with its cause. */
    public IpcException(String message, Throwable cause) {
        super(message, cause);
    }
}
