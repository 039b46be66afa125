package dev.tractor.internal.msg;

import dev.tractor.msg.MsgPackException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Writes msgpack values into a growing byte array, always in the shortest encoding (as msgpack-core and
 * Python's msgpack do, so frames are byte-for-byte what those libraries would write). Not thread-safe;
 * one writer per frame being built.
 */
public final class MsgPackWriter {
    private byte[] buf;
    private int size;

    MsgPackWriter() {
        this(64);
    }

    MsgPackWriter(int initialCapacity) {
        buf = new byte[Math.max(16, initialCapacity)];
    }

    /** The bytes written so far (a copy). */
    byte[] toByteArray() {
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
        byte[] utf8 = v.getBytes(StandardCharsets.UTF_8);
        int n = utf8.length;
        ensure(5 + n);
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
        System.arraycopy(utf8, 0, buf, size, n);
        size += n;
        return this;
    }

    MsgPackWriter writeBinary(byte[] v) {
        int n = v.length;
        ensure(5 + n);
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
        System.arraycopy(v, 0, buf, size, n);
        size += n;
        return this;
    }

    /** Writes bytes that already are msgpack (an embedded value). */
    MsgPackWriter writeRaw(byte[] msgpack) {
        ensure(msgpack.length);
        System.arraycopy(msgpack, 0, buf, size, msgpack.length);
        size += msgpack.length;
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

    private void ensure(int more) {
        if (size + more > buf.length) {
            long wanted = Math.max((long) buf.length * 2, (long) size + more);
            if (wanted > Integer.MAX_VALUE - 8) {
                throw new MsgPackException("a msgpack value of more than 2 GiB cannot be built");
            }
            buf = Arrays.copyOf(buf, (int) wanted);
        }
    }
}
