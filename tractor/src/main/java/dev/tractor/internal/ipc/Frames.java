package dev.tractor.internal.ipc;

import dev.tractor.internal.msg.MsgCodec;
import dev.tractor.ipc.FrameTooLarge;
import dev.tractor.ipc.TransportClosed;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * The framing of the wire: each frame is a 4-byte <em>little-endian</em> unsigned length followed by that
 * many bytes (one msgpack message; see {@code docs/guide/wire-format.md}).
 *
 * <p>One limit bounds a frame both ways: {@link #maxFrameBytes()}, 64 MiB unless the system property
 * {@value FrameTooLarge#LIMIT_PROPERTY} says otherwise (a {@code tractor.*} property, so every actor of a
 * tree has the root's). A sender checks the size of what it is about to send against it, before anything
 * is written ({@code Channel.send}, {@code MsgCodec.encode}): an oversized message fails that send alone
 * with {@link FrameTooLarge} and the connection goes on. A reader checks the announced length against it
 * before allocating, so a hostile or broken peer cannot make us allocate gigabytes; a frame over it from a
 * peer breaks the protocol and ends the connection. Reading reports every way a stream can end as
 * {@link TransportClosed}, saying whether it ended cleanly between frames or in the middle of one.
 */
public final class Frames {
    /** The default largest frame: 64 MiB. */
    public static final int DEFAULT_MAX_FRAME_BYTES = 64 * 1024 * 1024;

    /**
     * The smallest limit the property may set, 64 KiB: the runtime's own messages (a child's
     * {@code SpawnSpec}, an error with its stack trace of up to 64 KiB) must fit.
     */
    public static final int MIN_MAX_FRAME_BYTES = 64 * 1024;

    /** The largest limit: about 2 GiB, the largest message that can be built. */
    public static final int MAX_MAX_FRAME_BYTES = MsgCodec.MAX_MESSAGE_BYTES;

    private static volatile int configuredMax; // 0 until the property has been read

    private Frames() {
    }

    /**
     * The largest frame body (one message) this actor sends or accepts: the system property
     * {@value FrameTooLarge#LIMIT_PROPERTY} (a number of bytes from {@value #MIN_MAX_FRAME_BYTES} to
     * {@value #MAX_MAX_FRAME_BYTES}), else {@link #DEFAULT_MAX_FRAME_BYTES}. Read once.
     *
     * @throws IllegalArgumentException if the property is set to anything else
     */
    public static int maxFrameBytes() {
        int max = configuredMax;
        if (max == 0) {
            max = parseMax(System.getProperty(FrameTooLarge.LIMIT_PROPERTY));
            configuredMax = max;
        }
        return max;
    }

    /** The limit that the property's {@code value} (null when unset) sets. */
    static int parseMax(String value) {
        if (value == null) {
            return DEFAULT_MAX_FRAME_BYTES;
        }
        long bytes;
        try {
            bytes = Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            bytes = -1;
        }
        if (bytes < MIN_MAX_FRAME_BYTES || bytes > MAX_MAX_FRAME_BYTES) {
            throw new IllegalArgumentException("the system property " + FrameTooLarge.LIMIT_PROPERTY + " must be a "
                    + "number of bytes from " + MIN_MAX_FRAME_BYTES + " to " + MAX_MAX_FRAME_BYTES + ", not '" + value
                    + "'");
        }
        return (int) bytes;
    }

    /** Writes one frame (header and body) to {@code out}; does not flush. */
    public static void write(OutputStream out, byte[] body) throws IOException {
        write(out, body, 0, body.length);
    }

    /** Writes one frame whose body is {@code length} bytes of {@code body} from {@code offset}. */
    public static void write(OutputStream out, byte[] body, int offset, int length) throws IOException {
        byte[] header = {(byte) length, (byte) (length >>> 8), (byte) (length >>> 16), (byte) (length >>> 24)};
        out.write(header);
        out.write(body, offset, length);
    }

    /**
     * Reads one frame body from {@code in}. Blocks until a whole frame has arrived.
     *
     * @param peer names the peer in error messages
     * @throws TransportClosed if the stream ends (cleanly between frames, or in the middle of one) or
     *     fails
     * @throws FrameTooLarge if the announced length exceeds {@code maxFrameBytes}
     */
    public static byte[] read(InputStream in, int maxFrameBytes, String peer) {
        byte[] header = new byte[4];
        try {
            int got = readFully(in, header, 0, 4);
            if (got < 4) {
                throw endedInHeader(peer, got);
            }
            long length = checkedLength(header, 0, maxFrameBytes, peer);
            byte[] body = new byte[(int) length];
            int read = readFully(in, body, 0, body.length);
            if (read < body.length) {
                throw endedInBody(peer, read, length);
            }
            return body;
        } catch (EOFException e) {
            throw new TransportClosed("connection to " + peer + " ended: " + e.getMessage(), false, e);
        } catch (IOException e) {
            throw failed(peer, e);
        }
    }

    /** The length in a frame header at {@code at}, checked against the limit. */
    static long checkedLength(byte[] header, int at, int maxFrameBytes, String peer) {
        long length = (header[at] & 0xffL) | (header[at + 1] & 0xffL) << 8 | (header[at + 2] & 0xffL) << 16
                | (header[at + 3] & 0xffL) << 24;
        if (length > maxFrameBytes) {
            throw new FrameTooLarge(peer + " announced a frame of " + length + " bytes; the limit is " + maxFrameBytes,
                    length, maxFrameBytes);
        }
        return length;
    }

    /** The stream ended after {@code got} bytes of a header: cleanly when that is none. */
    static TransportClosed endedInHeader(String peer, int got) {
        return got == 0 ? new TransportClosed("connection to " + peer + " closed by the peer", true, null)
                : new TransportClosed("connection to " + peer + " ended inside a frame header (" + got
                        + " of 4 bytes)", false, null);
    }

    /** The stream ended after {@code read} bytes of a body of {@code length}. */
    static TransportClosed endedInBody(String peer, int read, long length) {
        return new TransportClosed("connection to " + peer + " ended inside a frame (" + read + " of " + length
                + " bytes)", false, null);
    }

    /** Reading failed. */
    static TransportClosed failed(String peer, IOException e) {
        return new TransportClosed("connection to " + peer + " failed: " + e, false, e);
    }

    /** Reads until {@code n} bytes or the end of the stream; returns how many were read. */
    private static int readFully(InputStream in, byte[] buf, int off, int n) throws IOException {
        int total = 0;
        while (total < n) {
            int r = in.read(buf, off + total, n - total);
            if (r < 0) {
                break;
            }
            total += r;
        }
        return total;
    }
}
