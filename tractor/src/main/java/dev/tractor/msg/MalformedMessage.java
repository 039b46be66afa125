package dev.tractor.msg;

import java.io.Serial;

/**
 * Raised when a frame is well-formed msgpack but not a tractor message: not a map, no or an unknown
 * {@code msg_type}, a required field missing, a field of the wrong type. The message names the message
 * type and field.
 */
public final class MalformedMessage extends MsgPackException {
    @Serial
    private static final long serialVersionUID = 1L;

    /** Creates the exception. */
    public MalformedMessage(String message) {
        super(message);
    }
}
