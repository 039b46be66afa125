package dev.tractor.internal.msg;

import dev.tractor.msg.MsgPackException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Reads msgpack values from a byte array, strictly: every length is checked against the bytes that are
 * left before anything is allocated, strings must be valid UTF-8, integers must fit the type asked for,
 * and any other surprise raises {@link MsgPackException} naming the byte offset. Frames are untrusted
 * input, so nothing here recurses on the input's nesting ({@link #skipValue()} is iterative) and nothing
 * is sized from a declared length alone. Not thread-safe.
 */
public final class MsgPackReader {
    private final byte[] data;
    private final int end;
    private int pos;

    MsgPackReader(byte[] data) {
        this(data, 0, data.length);
    }

    MsgPackReader(byte[] data, int offset, int length) {
        if (offset < 0 || length < 0 || offset + length > data.length) {
            throw new IllegalArgumentException("range " + offset + "+" + length + " outside " + data.length);
        }
        this.data = data;
        this.pos = offset;
        this.end = offset + length;
    }

    int position() {
        return pos;
    }

    int remaining() {
        return end - pos;
    }

    boolean hasRemaining() {
        return pos < end;
    }

    /** The kind of the next value, without consuming it. */
    MsgPackType peekType() {
        need(1);
        MsgPackType t = MsgPackType.of(data[pos]);
        if (t == null) {
            throw error("the never-used format byte 0xc1");
        }
        return t;
    }

    /** Consumes a nil if the next value is one; returns whether it was. */
    boolean tryReadNil() {
        need(1);
        if ((data[pos] & 0xff) == 0xc0) {
            pos++;
            return true;
        }
        return false;
    }

    void readNil() {
        int b = u8();
        if (b != 0xc0) {
            throw unexpected("nil", b);
        }
    }

    boolean readBoolean() {
        int b = u8();
        return switch (b) {
            case 0xc2 -> false;
            case 0xc3 -> true;
            default -> throw unexpected("boolean", b);
        };
    }

    long readLong() {
        int b = u8();
        if (b <= 0x7f) {
            return b;
        }
        if (b >= 0xe0) {
            return (byte) b;
        }
        return switch (b) {
            case 0xcc -> u8();
            case 0xcd -> u16();
            case 0xce -> u32();
            case 0xcf -> {
                long v = i64();
                if (v < 0) {
                    pos -= 9;
                    throw error("an unsigned integer above " + Long.MAX_VALUE + ", which does not fit a long");
                }
                yield v;
            }
            case 0xd0 -> (byte) u8();
            case 0xd1 -> (short) u16();
            case 0xd2 -> (int) u32();
            case 0xd3 -> i64();
            default -> throw unexpected("integer", b);
        };
    }

    int readInt() {
        int at = pos;
        long v = readLong();
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            pos = at;
            throw error("the integer " + v + ", which does not fit an int");
        }
        return (int) v;
    }

    double readDouble() {
        int b = u8();
        return switch (b) {
            case 0xca -> Float.intBitsToFloat((int) u32());
            case 0xcb -> Double.longBitsToDouble(i64());
            default -> throw unexpected("float", b);
        };
    }

    /**
     * Reads a string, returning the {@code known} instance when it is one of those, so that message keys
     * and type names cost no allocation.
     */
    String readString(KnownStrings known) {
        int b = pos < end ? data[pos] & 0xff : -1;
        if (b >= 0xa0 && b <= 0xbf && (b & 0x1f) < end - pos) {
            int n = b & 0x1f;
            String k = known.find(data, pos + 1, n);
            if (k != null) {
                pos += 1 + n;
                return k;
            }
        }
        return readString();
    }

    String readString() {
        int at = pos;
        int b = u8();
        int n;
        if (b >= 0xa0 && b <= 0xbf) {
            n = b & 0x1f;
        } else {
            n = switch (b) {
                case 0xd9 -> u8();
                case 0xda -> u16();
                case 0xdb -> length32();
                default -> throw unexpected("string", b);
            };
        }
        need(n);
        if (isAscii(pos, n)) { // the common case (keys, ids, names): no decoder, no validation needed
            String s = new String(data, pos, n, StandardCharsets.ISO_8859_1);
            pos += n;
            return s;
        }
        try {
            String s = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(data, pos, n)).toString();
            pos += n;
            return s;
        } catch (CharacterCodingException e) {
            pos = at;
            throw error("a string that is not valid UTF-8");
        }
    }

    private boolean isAscii(int from, int n) {
        for (int i = from; i < from + n; i++) {
            if (data[i] < 0) {
                return false;
            }
        }
        return true;
    }

    byte[] readBinary() {
        int b = u8();
        int n = switch (b) {
            case 0xc4 -> u8();
            case 0xc5 -> u16();
            case 0xc6 -> length32();
            default -> throw unexpected("binary", b);
        };
        need(n);
        byte[] out = new byte[n];
        System.arraycopy(data, pos, out, 0, n);
        pos += n;
        return out;
    }

    /** Reads an array header; the count is checked against the bytes left (each element needs one). */
    int readArrayHeader() {
        int b = u8();
        int n;
        if (b >= 0x90 && b <= 0x9f) {
            n = b & 0x0f;
        } else {
            n = switch (b) {
                case 0xdc -> u16();
                case 0xdd -> length32();
                default -> throw unexpected("array", b);
            };
        }
        if (n > remaining()) {
            throw error("an array of " + n + " elements in " + remaining() + " remaining bytes");
        }
        return n;
    }

    /** Reads a map header; the count is checked against the bytes left (each entry needs two). */
    int readMapHeader() {
        int b = u8();
        int n;
        if (b >= 0x80 && b <= 0x8f) {
            n = b & 0x0f;
        } else {
            n = switch (b) {
                case 0xde -> u16();
                case 0xdf -> length32();
                default -> throw unexpected("map", b);
            };
        }
        if ((long) n * 2 > remaining()) {
            throw error("a map of " + n + " entries in " + remaining() + " remaining bytes");
        }
        return n;
    }

    /** Reads one value of any kind as its own msgpack bytes. */
    byte[] readRawValue() {
        int start = pos;
        skipValue();
        return java.util.Arrays.copyOfRange(data, start, pos);
    }

    /** Skips one value of any kind, however deeply nested, without recursion. */
    void skipValue() {
        long pending = 1;
        while (pending > 0) {
            pending--;
            int b = u8();
            if (b <= 0x7f || b >= 0xe0 || b == 0xc0 || b == 0xc2 || b == 0xc3) {
                continue;
            }
            if (b <= 0x8f) {
                pending += 2L * (b & 0x0f);
            } else if (b <= 0x9f) {
                pending += b & 0x0f;
            } else if (b <= 0xbf) {
                skip(b & 0x1f);
            } else {
                switch (b) {
                    case 0xc4, 0xd9 -> skip(u8());
                    case 0xc5, 0xda -> skip(u16());
                    case 0xc6, 0xdb -> skip(length32());
                    case 0xc7 -> skip(1 + u8());
                    case 0xc8 -> skip(1 + u16());
                    case 0xc9 -> skip(1 + (long) length32());
                    case 0xca -> skip(4);
                    case 0xcb -> skip(8);
                    case 0xcc, 0xd0 -> skip(1);
                    case 0xcd, 0xd1 -> skip(2);
                    case 0xce, 0xd2 -> skip(4);
                    case 0xcf, 0xd3 -> skip(8);
                    case 0xd4 -> skip(2);
                    case 0xd5 -> skip(3);
                    case 0xd6 -> skip(5);
                    case 0xd7 -> skip(9);
                    case 0xd8 -> skip(17);
                    case 0xdc -> pending += u16();
                    case 0xdd -> pending += length32();
                    case 0xde -> pending += 2L * u16();
                    case 0xdf -> pending += 2L * length32();
                    default -> {
                        pos--;
                        throw error("the never-used format byte 0xc1");
                    }
                }
            }
            if (pending > remaining()) {
                throw error(pending + " more values announced in " + remaining() + " remaining bytes");
            }
        }
    }

    // ---- primitives ------------------------------------------------------------------------------------

    private void need(long n) {
        if (n > end - pos) {
            throw error(n + " more bytes, but the frame ends after " + (end - pos));
        }
    }

    private void skip(long n) {
        need(n);
        pos += (int) n;
    }

    private int u8() {
        need(1);
        return data[pos++] & 0xff;
    }

    private int u16() {
        need(2);
        int v = ((data[pos] & 0xff) << 8) | (data[pos + 1] & 0xff);
        pos += 2;
        return v;
    }

    private long u32() {
        need(4);
        long v = ((long) (data[pos] & 0xff) << 24) | ((data[pos + 1] & 0xff) << 16)
                | ((data[pos + 2] & 0xff) << 8) | (data[pos + 3] & 0xff);
        pos += 4;
        return v;
    }

    private long i64() {
        need(8);
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (data[pos + i] & 0xff);
        }
        pos += 8;
        return v;
    }

    /** A 32-bit length, which must also fit a Java array. */
    private int length32() {
        long n = u32();
        if (n > Integer.MAX_VALUE - 8) {
            throw error("a length of " + n + " bytes");
        }
        return (int) n;
    }

    private MsgPackException unexpected(String expected, int formatByte) {
        pos--;
        MsgPackType found = MsgPackType.of(formatByte);
        return error("expected " + expected + ", found " + (found == null ? "the never-used byte"
                : found.name().toLowerCase(java.util.Locale.ROOT)) + String.format(" (0x%02x)", formatByte));
    }

    private MsgPackException error(String what) {
        return new MsgPackException("malformed msgpack at byte " + pos + ": " + what);
    }
}
