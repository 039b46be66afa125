package dev.tractor;

import dev.tractor.ipc.FrameTooLarge;

/**
 * Functions that a child runs for {@link OversizedMessagesTest}: they take, return, start with and stream
 * values of a size the caller picks, and report a value too large to send as a string.
 */
public final class Sized {
    private Sized() {
    }

    /** The length of {@code data}. */
    public static int length(byte[] data) {
        return data.length;
    }

    /** The lengths of {@code a} and {@code b} together. */
    public static int lengths(byte[] a, byte[] b) {
        return a.length + b.length;
    }

    /** {@code n} zero bytes. */
    public static byte[] bytes(int n) {
        return new byte[n];
    }

    /** Fails with a message of {@code n} characters. */
    public static int failsWith(int n) {
        throw new IllegalStateException("x".repeat(n));
    }

    /** A context that takes {@code data} and starts with its length. */
    public static int takes(Context<Integer> ctx, byte[] data) {
        ctx.started(data.length);
        return data.length;
    }

    /** A context that starts with {@code n} bytes or, when they are too large to send, with why. */
    public static int startsWith(Context<Object> ctx, int n) {
        try {
            ctx.started(new byte[n]);
        } catch (FrameTooLarge e) {
            ctx.started("refused: " + e.getMessage()); // nothing was sent: started may be called again
        }
        return n;
    }

    /**
     * A context that answers each value of the opener's stream: a number {@code n} with {@code n} bytes (or,
     * when they are too large to send, with why), bytes with how many came.
     */
    public static int answers(Context<Void> ctx) {
        ctx.started(null);
        int answered = 0;
        try (MsgStream<Object, Object> stream = ctx.openStream(Object.class, Object.class)) {
            for (Object value : stream) {
                if (value instanceof Long n) {
                    try {
                        stream.send(new byte[n.intValue()]);
                    } catch (FrameTooLarge e) {
                        stream.send("refused: " + e.getMessage()); // the stream is still open
                    }
                } else if (value instanceof byte[] data) {
                    stream.send("got " + data.length + " bytes");
                }
                answered++;
            }
        }
        return answered;
    }

    /** Emits the length of {@code data}. */
    public static void emitsLength(Emitter<Integer> out, byte[] data) {
        out.emit(data.length);
    }

    /** Emits {@code n} bytes or, when they are too large to send, why; then {@code "after"}. */
    public static void emits(Emitter<Object> out, int n) {
        try {
            out.emit(new byte[n]);
        } catch (FrameTooLarge e) {
            out.emit("refused: " + e.getMessage());
        }
        out.emit("after");
    }
}
