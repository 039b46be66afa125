package dev.tractor.internal.msg;

import dev.tractor.ipc.FrameTooLarge;
import dev.tractor.msg.MsgPackException;
import dev.tractor.msg.PayloadMismatch;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A message payload kept as the msgpack bytes it travels as (Python tractor's {@code msgspec.Raw}): a
 * message is decoded without knowing what its payload should become, and the receiver binds the payload
 * to the type it declares only when it takes it. Immutable; equal when the bytes are equal.
 */
public final class Payload {
    /** The payload {@code nil}. */
    public static final Payload NIL = new Payload(new byte[] {(byte) 0xc0});

    private final byte[] msgpack;

    private Payload(byte[] msgpack) {
        this.msgpack = msgpack;
    }

    /**
     * A payload from msgpack bytes holding exactly one value.
     *
     * @throws MsgPackException if the bytes are not exactly one well-formed msgpack value
     */
    public static Payload ofMsgpack(byte[] bytes) {
        MsgPackReader r = new MsgPackReader(bytes);
        r.skipValue();
        if (r.hasRemaining()) {
            throw new MsgPackException("a payload must be one msgpack value, but " + r.remaining()
                    + " bytes follow it");
        }
        return new Payload(bytes.clone());
    }

    /** Wraps bytes already known to hold one value (from the reader); no copy. */
    static Payload trusted(byte[] bytes) {
        return new Payload(bytes);
    }

    /**
     * The payload as plain Java values: {@code null}, {@link Boolean}, {@link Long} for every integer,
     * {@link Double} for every float, {@link String}, {@code byte[]}, {@link List} and {@link Map}
     * (insertion-ordered). Extension values are refused.
     *
     * @throws MsgPackException if the payload holds an extension value
     */
    public Object toPlain() {
        return readPlain(new MsgPackReader(msgpack));
    }

    /**
     * A payload from a Java value, by its runtime type: {@code null}; booleans, integers of every width,
     * floats, chars (a one-character string), strings and {@code byte[]} (msgpack bin); enums (by name);
     * {@link java.util.UUID} (canonical string), {@link java.time.Instant} and {@link java.time.Duration}
     * (ISO-8601 strings); {@link Optional} (its value, or nil); records (a map from component names to
     * values, nested as deep as they go); arrays, collections (arrays) and maps.
     *
     * @throws PayloadMismatch for a value of any other type, naming where it was found
     * @throws FrameTooLarge if the value takes more than the largest array
     */
    public static Payload of(Object value) {
        return of(value, MsgPackWriter.MAX_BYTES);
    }

    /**
     * A payload from a Java value (see {@link #of(Object)}) that is to go into a message of at most
     * {@code maxBytes}: a value larger than that can never be sent, so it is measured, not built.
     *
     * @throws FrameTooLarge if its msgpack form is larger than {@code maxBytes}, naming its real size (the
     *     bytes past the limit are counted, never kept, so a value of several GiB is measured without
     *     copying it)
     * @throws PayloadMismatch for a value of a type that has no msgpack form
     */
    public static Payload of(Object value, int maxBytes) {
        MsgPackWriter w = new MsgPackWriter(64, maxBytes);
        PayloadBinder.write(w, value, "value", 0);
        if (w.overLimit()) {
            throw new FrameTooLarge(String.format(Locale.ROOT, "a value of %,d bytes is larger than the limit of %,d "
                    + "bytes on a message (%s)", w.length(), maxBytes, FrameTooLarge.LIMIT_PROPERTY), w.length(),
                    maxBytes);
        }
        return new Payload(w.toByteArray());
    }

    /**
     * Binds the payload to {@code type}, which may be generic ({@code List<Point>} as a
     * {@link java.lang.reflect.ParameterizedType}, for example a method parameter's generic type), with
     * {@code path} naming the value in errors ({@code "args.point"}). Besides the shapes of {@link #of},
     * {@code Object} binds plain values (see {@link #toPlain()}); an integer binds to a float type; nil
     * binds to any reference type ({@code Optional} types get {@code Optional.empty()}); a record field
     * that is missing binds like nil, and unknown fields are ignored.
     *
     * @throws PayloadMismatch if the payload does not fit, naming the path and the expected and actual
     *     types, for example {@code args.point.x: expected int, got string}
     */
    public Object as(java.lang.reflect.Type type, String path) {
        MsgPackReader r = new MsgPackReader(msgpack);
        try {
            return PayloadBinder.read(r, type, path, 0);
        } catch (MsgPackException e) {
            throw new PayloadMismatch(path, e.getMessage());
        }
    }

    /** Binds the payload to {@code type}; see {@link #as(java.lang.reflect.Type, String)}. */
    public <T> T as(Class<T> type) {
        @SuppressWarnings("unchecked")
        T value = (T) (type.isPrimitive() ? as((java.lang.reflect.Type) type, "pld")
                : type.cast(as((java.lang.reflect.Type) type, "pld")));
        return value;
    }

    /** The size of its msgpack form, in bytes. */
    public int size() {
        return msgpack.length;
    }

    /** The msgpack bytes (a copy). */
    public byte[] msgpack() {
        return msgpack.clone();
    }

    void writeTo(MsgPackWriter w) {
        w.writeRaw(msgpack);
    }

    /** How deeply arrays and maps may nest in a payload that is read as Java values. */
    static final int MAX_DEPTH = 512;

    static Object readPlain(MsgPackReader r) {
        return readPlain(r, 0);
    }

    /** Reads one value as plain Java; recursion is bounded by {@link #MAX_DEPTH}, whatever the input. */
    private static Object readPlain(MsgPackReader r, int depth) {
        if (depth > MAX_DEPTH) {
            throw new MsgPackException("malformed payload at byte " + r.position() + ": arrays and maps nested "
                    + "deeper than " + MAX_DEPTH);
        }
        return switch (r.peekType()) {
            case NIL -> {
                r.readNil();
                yield null;
            }
            case BOOLEAN -> r.readBoolean();
            case INTEGER -> r.readLong();
            case FLOAT -> r.readDouble();
            case STRING -> r.readString();
            case BINARY -> r.readBinary();
            case ARRAY -> {
                int n = r.readArrayHeader();
                List<Object> list = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    list.add(readPlain(r, depth + 1));
                }
                yield list;
            }
            case MAP -> {
                int n = r.readMapHeader();
                Map<Object, Object> map = new LinkedHashMap<>();
                for (int i = 0; i < n; i++) {
                    Object key = readPlain(r, depth + 1);
                    map.put(key, readPlain(r, depth + 1));
                }
                yield map;
            }
            case EXTENSION -> throw new MsgPackException("msgpack extension values are not supported in payloads");
        };
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Payload p && Arrays.equals(msgpack, p.msgpack);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(msgpack);
    }

    @Override
    public String toString() {
        try {
            return "Payload" + String.valueOf(toPlain());
        } catch (RuntimeException e) {
            return "Payload[" + msgpack.length + " bytes]";
        }
    }
}
