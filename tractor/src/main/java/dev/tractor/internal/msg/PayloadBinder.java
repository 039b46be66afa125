package dev.tractor.internal.msg;

import dev.tractor.msg.MsgPackException;
import dev.tractor.msg.PayloadMismatch;
import java.lang.reflect.Array;
import java.lang.reflect.Constructor;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Converts Java values to payload msgpack and back by declared type. See {@link Payload#of(Object)} and
 * {@link Payload#as(Type, String)} for the supported shapes.
 *
 * <p>Implementation notes: encoding goes by the runtime class of each value; decoding by the declared
 * (possibly generic) type, recursing at most {@link Payload#MAX_DEPTH} levels. A record is a map from
 * component names to values, the way {@code msgspec} encodes a struct, so a Python peer sees a plain dict.
 * Record constructors are looked up once per class.
 */
public final class PayloadBinder {
    private static final Map<Class<?>, Constructor<?>> CONSTRUCTORS = new ConcurrentHashMap<>();

    private PayloadBinder() {
    }

    // ---- encoding ----------------------------------------------------------------------------------------

    static void write(MsgPackWriter w, Object v, String path, int depth) {
        if (depth > Payload.MAX_DEPTH) {
            throw new PayloadMismatch(path, "nested deeper than " + Payload.MAX_DEPTH + " levels");
        }
        // if/else, not a pattern switch: see ADR 0015 (a child's start-up path avoids SwitchBootstraps)
        if (v == null) {
            w.writeNil();
        } else if (v instanceof String s) {
            w.writeString(s);
        } else if (v instanceof Integer i) {
            w.writeLong(i);
        } else if (v instanceof Long l) {
            w.writeLong(l);
        } else if (v instanceof Boolean b) {
            w.writeBoolean(b);
        } else if (v instanceof Double d) {
            w.writeDouble(d);
        } else if (v instanceof Byte b) {
            w.writeLong(b);
        } else if (v instanceof Short s) {
            w.writeLong(s);
        } else if (v instanceof Float f) {
            w.writeFloat(f);
        } else if (v instanceof Character c) {
            w.writeString(String.valueOf(c));
        } else if (v instanceof byte[] bytes) {
            w.writeBinary(bytes);
        } else if (v instanceof Enum<?> e) {
            w.writeString(e.name());
        } else if (v instanceof UUID u) {
            w.writeString(u.toString());
        } else if (v instanceof Instant i) {
            w.writeString(i.toString());
        } else if (v instanceof Duration d) {
            w.writeString(d.toString());
        } else if (v instanceof Optional<?> o) {
            write(w, o.orElse(null), path, depth + 1);
        } else if (v instanceof Record r) {
            writeRecord(w, r, path, depth);
        } else if (v instanceof Collection<?> c) {
            w.writeArrayHeader(c.size());
            int i = 0;
            for (Object e : c) {
                write(w, e, path + "[" + i++ + "]", depth + 1);
            }
        } else if (v instanceof Map<?, ?> m) {
            w.writeMapHeader(m.size());
            for (Map.Entry<?, ?> e : m.entrySet()) {
                write(w, e.getKey(), path + " (a key)", depth + 1);
                write(w, e.getValue(), path + "." + e.getKey(), depth + 1);
            }
        } else if (v.getClass().isArray()) {
            int n = Array.getLength(v);
            w.writeArrayHeader(n);
            for (int i = 0; i < n; i++) {
                write(w, Array.get(v, i), path + "[" + i + "]", depth + 1);
            }
        } else {
            throw new PayloadMismatch(path, v.getClass().getName() + " cannot travel as a payload; "
                    + "use a record, an enum, a collection, a map or a plain value");
        }
    }

    private static void writeRecord(MsgPackWriter w, Record r, String path, int depth) {
        RecordComponent[] components = r.getClass().getRecordComponents();
        w.writeMapHeader(components.length);
        for (RecordComponent c : components) {
            Object value;
            try {
                var accessor = c.getAccessor();
                accessor.setAccessible(true);
                value = accessor.invoke(r);
            } catch (ReflectiveOperationException | RuntimeException e) {
                throw new PayloadMismatch(path + "." + c.getName(), "cannot read the record component: " + e);
            }
            w.writeString(c.getName());
            write(w, value, path + "." + c.getName(), depth + 1);
        }
    }

    // ---- decoding ----------------------------------------------------------------------------------------

    static Object read(MsgPackReader r, Type type, String path, int depth) {
        if (depth > Payload.MAX_DEPTH) {
            throw new PayloadMismatch(path, "nested deeper than " + Payload.MAX_DEPTH + " levels");
        }
        Class<?> raw = rawClass(type);
        MsgPackType found = r.peekType();
        if (raw == Optional.class) {
            if (found == MsgPackType.NIL) {
                r.readNil();
                return Optional.empty();
            }
            return Optional.ofNullable(read(r, typeArgument(type, 0), path, depth + 1));
        }
        if (found == MsgPackType.NIL) {
            if (raw.isPrimitive()) {
                throw mismatch(path, raw, found);
            }
            r.readNil();
            return null;
        }
        if (raw == Object.class) {
            return Payload.readPlain(r);
        }
        if (raw == boolean.class || raw == Boolean.class) {
            expect(r, path, raw, MsgPackType.BOOLEAN);
            return r.readBoolean();
        }
        if (raw == long.class || raw == Long.class) {
            return integer(r, path, raw, Long.MIN_VALUE, Long.MAX_VALUE);
        }
        if (raw == int.class || raw == Integer.class) {
            return (int) integer(r, path, raw, Integer.MIN_VALUE, Integer.MAX_VALUE);
        }
        if (raw == short.class || raw == Short.class) {
            return (short) integer(r, path, raw, Short.MIN_VALUE, Short.MAX_VALUE);
        }
        if (raw == byte.class || raw == Byte.class) {
            return (byte) integer(r, path, raw, Byte.MIN_VALUE, Byte.MAX_VALUE);
        }
        if (raw == double.class || raw == Double.class) {
            return number(r, path, raw);
        }
        if (raw == float.class || raw == Float.class) {
            return (float) number(r, path, raw);
        }
        if (raw == char.class || raw == Character.class) {
            String s = string(r, path, raw);
            if (s.length() != 1) {
                throw new PayloadMismatch(path, "expected char, got a string of length " + s.length());
            }
            return s.charAt(0);
        }
        if (raw == String.class) {
            return string(r, path, raw);
        }
        if (raw == byte[].class) {
            expect(r, path, raw, MsgPackType.BINARY);
            return r.readBinary();
        }
        if (raw.isEnum()) {
            return enumConstant(raw, string(r, path, raw), path);
        }
        if (raw == UUID.class) {
            String s = string(r, path, raw);
            try {
                return UUID.fromString(s);
            } catch (IllegalArgumentException e) {
                throw new PayloadMismatch(path, "expected a UUID, got '" + s + "'");
            }
        }
        if (raw == Instant.class) {
            String s = string(r, path, raw);
            try {
                return Instant.parse(s);
            } catch (DateTimeException e) {
                throw new PayloadMismatch(path, "expected an ISO-8601 instant, got '" + s + "'");
            }
        }
        if (raw == Duration.class) {
            String s = string(r, path, raw);
            try {
                return Duration.parse(s);
            } catch (DateTimeException e) {
                throw new PayloadMismatch(path, "expected an ISO-8601 duration, got '" + s + "'");
            }
        }
        if (raw.isRecord()) {
            return readRecord(r, raw, path, depth);
        }
        if (raw.isArray()) {
            expect(r, path, raw, MsgPackType.ARRAY);
            Type element = type instanceof GenericArrayType g ? g.getGenericComponentType() : raw.getComponentType();
            int n = r.readArrayHeader();
            Object array = Array.newInstance(rawClass(element), n);
            for (int i = 0; i < n; i++) {
                Array.set(array, i, read(r, element, path + "[" + i + "]", depth + 1));
            }
            return array;
        }
        if (raw == List.class || raw == Collection.class || raw == Iterable.class || raw == ArrayList.class) {
            return readCollection(r, type, raw, path, depth, new ArrayList<>());
        }
        if (raw == Set.class || raw == LinkedHashSet.class) {
            return readCollection(r, type, raw, path, depth, new LinkedHashSet<>());
        }
        if (raw == Map.class || raw == LinkedHashMap.class || raw == HashMap.class) {
            expect(r, path, raw, MsgPackType.MAP);
            int n = r.readMapHeader();
            Type keyType = typeArgument(type, 0);
            Type valueType = typeArgument(type, 1);
            Map<Object, Object> map = new LinkedHashMap<>();
            for (int i = 0; i < n; i++) {
                Object key = read(r, keyType, path + " (a key)", depth + 1);
                map.put(key, read(r, valueType, path + "." + key, depth + 1));
            }
            return map;
        }
        throw new PayloadMismatch(path, "the type " + type.getTypeName() + " cannot be bound from a payload");
    }

    private static Collection<Object> readCollection(MsgPackReader r, Type type, Class<?> raw, String path,
                                                     int depth, Collection<Object> into) {
        expect(r, path, raw, MsgPackType.ARRAY);
        int n = r.readArrayHeader();
        Type element = typeArgument(type, 0);
        for (int i = 0; i < n; i++) {
            into.add(read(r, element, path + "[" + i + "]", depth + 1));
        }
        return into;
    }

    private static Object readRecord(MsgPackReader r, Class<?> recordClass, String path, int depth) {
        expect(r, path, recordClass, MsgPackType.MAP);
        RecordComponent[] components = recordClass.getRecordComponents();
        Object[] values = new Object[components.length];
        boolean[] seen = new boolean[components.length];
        int n = r.readMapHeader();
        for (int i = 0; i < n; i++) {
            if (r.peekType() != MsgPackType.STRING) {
                throw new PayloadMismatch(path, "expected field names (strings) in " + recordClass.getSimpleName()
                        + ", got " + name(r.peekType()));
            }
            String key = r.readString();
            int index = indexOf(components, key);
            if (index < 0) {
                r.skipValue(); // unknown fields are skipped, as msgspec does by default
                continue;
            }
            values[index] = read(r, components[index].getGenericType(), path + "." + key, depth + 1);
            seen[index] = true;
        }
        for (int i = 0; i < components.length; i++) {
            if (!seen[i]) {
                Class<?> t = components[i].getType();
                if (t == Optional.class) {
                    values[i] = Optional.empty();
                } else if (t.isPrimitive()) {
                    throw new PayloadMismatch(path + "." + components[i].getName(), "missing");
                }
            }
        }
        try {
            return constructor(recordClass, components).newInstance(values);
        } catch (InvocationTargetException e) {
            throw new PayloadMismatch(path, recordClass.getSimpleName() + " refused the values: "
                    + e.getCause());
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new PayloadMismatch(path, "cannot construct " + recordClass.getName() + ": " + e);
        }
    }

    private static Constructor<?> constructor(Class<?> recordClass, RecordComponent[] components) {
        return CONSTRUCTORS.computeIfAbsent(recordClass, c -> {
            try {
                Constructor<?> k = c.getDeclaredConstructor(
                        Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new));
                k.setAccessible(true);
                return k;
            } catch (ReflectiveOperationException | RuntimeException e) {
                throw new PayloadMismatch(c.getName(), "no usable canonical constructor: " + e);
            }
        });
    }

    private static int indexOf(RecordComponent[] components, String name) {
        for (int i = 0; i < components.length; i++) {
            if (components[i].getName().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object enumConstant(Class<?> enumClass, String name, String path) {
        try {
            return Enum.valueOf((Class) enumClass, name);
        } catch (IllegalArgumentException e) {
            throw new PayloadMismatch(path, "expected one of " + Arrays.toString(enumClass.getEnumConstants())
                    + ", got '" + name + "'");
        }
    }

    private static long integer(MsgPackReader r, String path, Class<?> raw, long min, long max) {
        expect(r, path, raw, MsgPackType.INTEGER);
        long v;
        try {
            v = r.readLong();
        } catch (MsgPackException e) {
            throw new PayloadMismatch(path, "expected " + simple(raw) + ", got an integer beyond a long");
        }
        if (v < min || v > max) {
            throw new PayloadMismatch(path, "expected " + simple(raw) + ", got " + v + ", which is out of range");
        }
        return v;
    }

    private static double number(MsgPackReader r, String path, Class<?> raw) {
        MsgPackType t = r.peekType();
        if (t == MsgPackType.INTEGER) {
            return r.readLong();
        }
        expect(r, path, raw, MsgPackType.FLOAT);
        return r.readDouble();
    }

    private static String string(MsgPackReader r, String path, Class<?> raw) {
        expect(r, path, raw, MsgPackType.STRING);
        return r.readString();
    }

    private static void expect(MsgPackReader r, String path, Class<?> raw, MsgPackType wanted) {
        MsgPackType found = r.peekType();
        if (found != wanted) {
            throw mismatch(path, raw, found);
        }
    }

    private static PayloadMismatch mismatch(String path, Class<?> raw, MsgPackType found) {
        return new PayloadMismatch(path, "expected " + simple(raw) + ", got " + name(found));
    }

    private static String simple(Class<?> raw) {
        return raw.isArray() ? raw.getComponentType().getSimpleName() + "[]" : raw.getSimpleName();
    }

    private static String name(MsgPackType t) {
        return t == MsgPackType.NIL ? "nil" : t.name().toLowerCase(java.util.Locale.ROOT);
    }

    static Class<?> rawClass(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        } else if (type instanceof ParameterizedType p) {
            return rawClass(p.getRawType());
        } else if (type instanceof GenericArrayType g) {
            return Array.newInstance(rawClass(g.getGenericComponentType()), 0).getClass();
        } else if (type instanceof WildcardType w) {
            return rawClass(w.getUpperBounds()[0]);
        } else if (type instanceof TypeVariable<?> v) {
            return rawClass(v.getBounds()[0]);
        }
        return Object.class;
    }

    private static Type typeArgument(Type type, int index) {
        if (type instanceof ParameterizedType p && p.getActualTypeArguments().length > index) {
            return p.getActualTypeArguments()[index];
        }
        return Object.class;
    }
}
