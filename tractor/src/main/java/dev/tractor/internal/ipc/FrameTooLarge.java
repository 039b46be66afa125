package dev.tractor.internal.ipc;

import dev.tractor.ipc.IpcException;
import java.io.Serial;

/**
 * Raised when a peer announces a frame longer than the connection's limit. Nothing of that size is ever
 * allocated: the length is checked first. The connection cannot continue after it (its framing is lost).
 */
public final class FrameTooLarge extends IpcException {
    @Serial
    private static final long serialVersionUID = 1L;

    /** Creates the exception. */
    public FrameTooLarge(String message) {
        super(message);
    }
}
