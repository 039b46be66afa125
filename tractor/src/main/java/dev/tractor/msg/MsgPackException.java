package dev.tractor.msg;

import java.io.Serial;

/**
 * Raised when bytes are not well-formed msgpack, or do not hold what the reader asked for: a truncated
 * value, a length that runs past the end of the frame, invalid UTF-8, an integer out of range, a type
 * other than the expected one. The message says what was expected and what was found, and where (the byte
 * offset in the frame). Reading a frame never fails any other way, so a peer that sends garbage costs
 * one frame, not the connection's reader.
 */
public class MsgPackException extends RuntimeException {
    @Serial
    private static final long serialVersionUID = 1L;

    /** Creates the exception. */
    public MsgPackException(String message) {
        super(message);
    }
}
