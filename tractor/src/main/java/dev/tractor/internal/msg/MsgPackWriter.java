package dev.tractor.internal.msg;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Writes msgpack values into a growing byte array, always in the shortest encoding (as msgpack-core and
 * Python's msgpack do, so frames are byte-for-byte what those libraries would write). Not thread-safe;
 * one writer per frame being built.
 *
 * <p>A writer keeps at most {@code limit} bytes. Past that it goes on counting without keeping: a value
 * too large to send is measured exactly (in a {@code long}, so a value of 3 GiB says 3 GiB) without
 * allocating or copying its bytes, and without the array errors of a buffer grown towards 2 GiB. The
 * caller asks {@link #overLimit()} and {@link #length()} before {@link #toByteArray()}.
 *
 * <p>How it stays exact: a byte array or string ({@link #putBytes}) is counted instead of copied exactly
 * when it would take the writer past the limit. A small write (a header, a number) makes room for the
 * most it may take, nine bytes, before it knows how many it takes; so the buffer may hold
 * {@value #SLACK} bytes more than the limit, and a small write stops keeping only once the writer is past
 * the limit already. Kept bytes are therefore never lost while the writer is within its limit.
 */
public final class MsgPackWriter {
    /** Room past the limit for a small write that asks for more than it takes. */
    private static final int SLACK = 16;

    /** The largest limit: the largest array a JVM makes, less the slack. */
    static final int MAX_BYTES = Integer.MAX_VALUE - 8 - SLACK;

    private byte[] buf;
    private int size; // bytes kept in buf
    private final int limit;
    private long counted; // bytes counted but not kept, once past the limit

    MsgPackWriter() {
        this(64);
    }

    MsgPackWriter(int initialCapacity) {
        this(initialCapacity, MAX_BYTES);
    }

    /** A writer that keeps at most {@code limit} bytes (at most {@link #MAX_BYTES}) and counts the rest. */
    MsgPackWriter(int initialCapacity, int limit) {
        if (limit <= 0 || limit > MAX_BYTES) {
            throw new IllegalArgumentException("a writer's limit must be from 1 to " + MAX_BYTES + ", was " + limit);
        }
        this.limit = limit;
        buf = new byte[Math.max(SLACK, Math.min(initialCapacity, limit))];
    }

    /** How many bytes were written, kept or only counted: the exact size of what was written. */
    long length() {
        return counted + size;
    }

    /** Whether more than the limit was written: then only {@link #length()} is known, not the bytes. */
    boolean overLimit() {
        return counted + size > limit;
    }

    /**
     * The bytes written (a copy).
     *
     * @throws IllegalStateException if more than the limit was written ({@link #overLimit()})
     */
    byte[] toByteArray() {
        if (overLimit()) {
            throw new IllegalStateException(length() + " bytes were written, more than the limit of " + limit
                    + "; they were counted, not kept");
        }
        return Arrays.copyOf(buf, size);
    }

    MsgPackWriter writeNil() {
        ensure(1);
        buf[size++] = (byte) 0xc0;
        return this;
    }

    MsgPackWriter writeBoolean(boolean v) {
        ensure(1);
        buf[size++] = (byte) (v ? 0xc3 : 0xc2);
        return this;
    }

    MsgPackWriter writeLong(long v) {
        ensure(9);
        if (v >= 0) {
            if (v <= 0x7f) {
                buf[size++] = (byte) v;
            } else if (v <= 0xff) {
                buf[size++] = (byte) 0xcc;
                buf[size++] = (byte) v;
            } else if (v <= 0xffff) {
                buf[size++] = (byte) 0xcd;
                putShort((int) v);
            } else if (v <= 0xffff_ffffL) {
                buf[size++] = (byte) 0xce;
                putInt((int) v);
            } else {
                buf[size++] = (byte) 0xcf;
                putLong(v);
            }
        } else {
            if (v >= -32) {
                buf[size++] = (byte) v;
            } else if (v >= Byte.MIN_VALUE) {
                buf[size++] = (byte) 0xd0;
                buf[size++] = (byte) v;
            } else if (v >= Short.MIN_VALUE) {
                buf[size++] = (byte) 0xd1;
                putShort((int) v);
            } else if (v >= Integer.MIN_VALUE) {
                buf[size++] = (byte) 0xd2;
                putInt((int) v);
            } else {
                buf[size++] = (byte) 0xd3;
                putLong(v);
            }
        }
        return this;
    }

    MsgPackWriter writeFloat(float v) {
        ensure(5);
        buf[size++] = (byte) 0xca;
        putInt(Float.floatToRawIntBits(v));
        return this;
    }

    MsgPackWriter writeDouble(double v) {
        ensure(9);
        buf[size++] = (byte) 0xcb;
        putLong(Double.doubleToRawLongBits(v));
        return this;
    }

    /**
     * Writes a string as UTF-8. An unpaired surrogate, which UTF-8 cannot encode, is written as {@code ?}
     * (what {@link String#getBytes} does).
     */
    MsgPackWriter writeString(String v) {
        if (length() + v.length() > limit) { // at least a byte a char: past the limit, so only count it
            long n = utf8Length(v);
            writeStringHeader((int) Math.min(n, Integer.MAX_VALUE));
            counted += n;
            return this;
        }
        byte[] utf8 = v.getBytes(StandardCharsets.UTF_8);
        writeStringHeader(utf8.length);
        putBytes(utf8);
        return this;
    }

    private void writeStringHeader(int n) {
        ensure(5);
        if (n <= 31) {
            buf[size++] = (byte) (0xa0 | n);
        } else if (n <= 0xff) {
            buf[size++] = (byte) 0xd9;
            buf[size++] = (byte) n;
        } else if (n <= 0xffff) {
            buf[size++] = (byte) 0xda;
            putShort(n);
        } else {
            buf[size++] = (byte) 0xdb;
            putInt(n);
        }
    }

    /** The length of {@code s} in UTF-8 as {@link String#getBytes} writes it (an unpaired surrogate as one byte). */
    static long utf8Length(String s) {
        long n = 0;
        int chars = s.length();
        for (int i = 0; i < chars; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                n += 1;
            } else if (c < 0x800) {
                n += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < chars && Character.isLowSurrogate(s.charAt(i + 1))) {
                n += 4;
                i++;
            } else if (Character.isSurrogate(c)) {
                n += 1; // written as '?'
            } else {
                n += 3;
            }
        }
        return n;
    }

    MsgPackWriter writeBinary(byte[] v) {
        int n = v.length;
        ensure(5);
        if (n <= 0xff) {
            buf[size++] = (byte) 0xc4;
            buf[size++] = (byte) n;
        } else if (n <= 0xffff) {
            buf[size++] = (byte) 0xc5;
            putShort(n);
        } else {
            buf[size++] = (byte) 0xc6;
            putInt(n);
        }
        putBytes(v);
        return this;
    }

    /** Writes bytes that already are msgpack (an embedded value). */
    MsgPackWriter writeRaw(byte[] msgpack) {
        putBytes(msgpack);
        return this;
    }

    MsgPackWriter writeArrayHeader(int n) {
        checkCount(n);
        ensure(5);
        if (n <= 15) {
            buf[size++] = (byte) (0x90 | n);
        } else if (n <= 0xffff) {
            buf[size++] = (byte) 0xdc;
            putShort(n);
        } else {
            buf[size++] = (byte) 0xdd;
            putInt(n);
        }
        return this;
    }

    MsgPackWriter writeMapHeader(int n) {
        checkCount(n);
        ensure(5);
        if (n <= 15) {
            buf[size++] = (byte) (0x80 | n);
        } else if (n <= 0xffff) {
            buf[size++] = (byte) 0xde;
            putShort(n);
        } else {
            buf[size++] = (byte) 0xdf;
            putInt(n);
        }
        return this;
    }

    private static void checkCount(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("negative element count " + n);
        }
    }

    private void putShort(int v) {
        buf[size++] = (byte) (v >>> 8);
        buf[size++] = (byte) v;
    }

    private void putInt(int v) {
        buf[size++] = (byte) (v >>> 24);
        buf[size++] = (byte) (v >>> 16);
        buf[size++] = (byte) (v >>> 8);
        buf[size++] = (byte) v;
    }

    private void putLong(long v) {
        putInt((int) (v >>> 32));
        putInt((int) v);
    }

    /** Appends {@code bytes}, or only counts them when they would take the writer past its limit. */
    private void putBytes(byte[] bytes) {
        int n = bytes.length;
        if (size + (long) n > buf.length) {
            long needed = (long) size + n;
            if (counted + needed > limit) {
                counted += n;
                return;
            }
            grow(needed);
        }
        System.arraycopy(bytes, 0, buf, size, n);
        size += n;
    }

    /** Makes room for a small write of at most {@code more} bytes (at most nine). */
    private void ensure(int more) {
        if (size + more > buf.length) {
            long needed = (long) size + more;
            if (counted + size > limit) {
                counted += size; // past the limit already: what is kept is only counted from now on
                size = 0;
                return;
            }
            grow(needed);
        }
    }

    /**
     * Grows the buffer to hold {@code needed} bytes, doubling, but never past the limit and its slack (a
     * small write within the limit fits there).
     */
    private void grow(long needed) {
        buf = Arrays.copyOf(buf, (int) Math.min(Math.max(2L * buf.length, needed), (long) limit + SLACK));
    }
}
