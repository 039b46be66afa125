package dev.tractor.internal.ipc;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Reads frames from a socket through a buffer of its own: many small frames come out of one system call,
 * the header is parsed in place, and a large body is read straight into its array. Used by one reader
 * thread at a time; errors as {@link Frames#read}.
 */
public final class FrameReader {
    private static final int BUFFER_BYTES = 64 * 1024;

    private final ReadableByteChannel source;
    private final String peer;
    private int maxFrameBytes; // raised once the peer has authenticated (see Channel#allowFrames)
    private final byte[] buffer = new byte[BUFFER_BYTES];
    private final ByteBuffer view = ByteBuffer.wrap(buffer);
    private int start; // unread bytes are buffer[start, end)
    private int end;
    /**
     * How many reads have brought bytes: what {@link Heartbeats} looks at to tell whether the peer still
     * sends. Written by the reader thread only (a release store, no fence on the path of every read), read
     * by the watcher.
     */
    private final AtomicLong arrivals = new AtomicLong();

    FrameReader(ReadableByteChannel source, String peer, int maxFrameBytes) {
        this.source = source;
        this.peer = peer;
        this.maxFrameBytes = maxFrameBytes;
    }

    /** From now on, frames of up to {@code bytes}. */
    void allowFrames(int bytes) {
        maxFrameBytes = bytes;
    }

    /** Reads the next frame body; blocks until it has arrived whole. */
    byte[] read() {
        try {
            if (!fill(4)) {
                throw Frames.endedInHeader(peer, end - start);
            }
            int length = (int) Frames.checkedLength(buffer, start, maxFrameBytes, peer);
            start += 4;
            if (length <= BUFFER_BYTES && fill(length)) {
                byte[] body = java.util.Arrays.copyOfRange(buffer, start, start + length);
                start += length;
                return body;
            }
            // A body larger than the buffer (or a stream that ended): take what is here, read the rest directly,
            // into an array that grows as the bytes come (a peer that announces 64 MiB and sends nothing more
            // must not cost 64 MiB).
            int read = end - start;
            byte[] body = new byte[Math.min(length, Math.max(read, BUFFER_BYTES * 4))];
            System.arraycopy(buffer, start, body, 0, read);
            start = end;
            while (read < length) {
                if (read == body.length) {
                    body = java.util.Arrays.copyOf(body, (int) Math.min(length, 2L * body.length));
                }
                int n = source.read(ByteBuffer.wrap(body, read, body.length - read));
                if (n < 0) {
                    throw Frames.endedInBody(peer, read, length);
                }
                arrived(); // a large frame on a slow link is life too, long before it is whole
                read += n;
            }
            return body;
        } catch (IOException e) {
            throw Frames.failed(peer, e);
        }
    }

    /** How many reads have brought bytes so far; see {@link Heartbeats}. Any thread. */
    long arrivals() {
        return arrivals.getAcquire();
    }

    private void arrived() {
        arrivals.setRelease(arrivals.getPlain() + 1);
    }

    /** Makes at least {@code n} (at most the buffer's size) bytes available; false if the stream ends first. */
    private boolean fill(int n) throws IOException {
        if (end - start >= n) {
            return true;
        }
        if (start + n > BUFFER_BYTES) { // no room behind the unread bytes: move them to the front
            System.arraycopy(buffer, start, buffer, 0, end - start);
            end -= start;
            start = 0;
        }
        while (end - start < n) {
            view.limit(BUFFER_BYTES).position(end);
            int r = source.read(view);
            if (r < 0) {
                return false;
            }
            arrived();
            end += r;
        }
        return true;
    }
}
