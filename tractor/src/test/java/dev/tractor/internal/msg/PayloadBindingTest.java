package dev.tractor.internal.msg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tractor.msg.PayloadMismatch;
import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessageUnpacker;
import org.msgpack.value.Value;

class PayloadBindingTest {
    enum Color { RED, GREEN }

    record Point(int x, int y) {
    }

    record Shape(String name, List<Point> points, Map<String, Color> tags, Optional<Instant> created,
                 UUID id, Duration ttl, byte[] blob, double weight, char mark, long[] counts, Set<Color> palette) {
    }

    record Strict(int n) {
        Strict {
            if (n < 0) {
                throw new IllegalArgumentException("n must not be negative");
            }
        }
    }

    /** Generic parameter types, as the runtime will find them on a remote function. */
    @SuppressWarnings("unused")
    static void signature(List<Point> points, Map<String, Set<Color>> byName, Optional<Instant> when,
                          List<Map<String, List<Long>>> nested) {
    }

    private static Type parameter(int i) throws NoSuchMethodException {
        Method m = PayloadBindingTest.class.getDeclaredMethod("signature", List.class, Map.class, Optional.class,
                List.class);
        return m.getGenericParameterTypes()[i];
    }

    @Test
    void aNestedRecordRoundTrips() {
        Map<String, Color> tags = new LinkedHashMap<>();
        tags.put("fill", Color.RED);
        Shape shape = new Shape("tri", List.of(new Point(1, 2), new Point(-3, 4)), tags,
                Optional.of(Instant.parse("2026-11-25T21:00:00.123Z")), UUID.randomUUID(), Duration.ofMillis(1500),
                new byte[] {1, 2, 3}, 2.5, 'x', new long[] {7, 8}, Set.of(Color.GREEN));
        Shape back = Payload.of(shape).as(Shape.class);
        assertEquals(shape.name(), back.name());
        assertEquals(shape.points(), back.points());
        assertEquals(shape.tags(), back.tags());
        assertEquals(shape.created(), back.created());
        assertEquals(shape.id(), back.id());
        assertEquals(shape.ttl(), back.ttl());
        assertArrayEquals(shape.blob(), back.blob());
        assertEquals(2.5, back.weight());
        assertEquals('x', back.mark());
        assertArrayEquals(new long[] {7, 8}, back.counts());
        assertEquals(Set.of(Color.GREEN), back.palette());
    }

    @Test
    void genericTypesFromASignatureBindTheirElements() throws Exception {
        List<Point> points = List.of(new Point(5, 6));
        assertEquals(points, Payload.of(points).as(parameter(0), "args.points"));
        Map<String, Set<Color>> byName = Map.of("a", Set.of(Color.RED, Color.GREEN));
        assertEquals(byName, Payload.of(byName).as(parameter(1), "args.byName"));
        assertEquals(Optional.empty(), Payload.NIL.as(parameter(2), "args.when"));
        List<Map<String, List<Long>>> nested = List.of(Map.of("k", List.of(1L, 2L)));
        assertEquals(nested, Payload.of(nested).as(parameter(3), "args.nested"));
    }

    @Test
    void plainValuesAndNil() {
        assertEquals(42, Payload.of(42).as(int.class));
        assertEquals(42L, Payload.of(42).as(Long.class));
        assertEquals(3.0, Payload.of(3).as(double.class), "an integer binds to a float type");
        assertNull(Payload.NIL.as(String.class));
        assertEquals(List.of(1L, "two"), Payload.of(List.of(1, "two")).as(Object.class));
        assertEquals(Color.GREEN, Payload.of(Color.GREEN).as(Color.class));
    }

    @Test
    void aRecordIsAPlainMapForOtherPeers() throws IOException {
        byte[] bytes = Payload.of(new Point(1, 2)).msgpack();
        try (MessageUnpacker u = MessagePack.newDefaultUnpacker(bytes)) {
            Value v = u.unpackValue();
            assertEquals("{\"x\":1,\"y\":2}", v.toJson());
        }
        // and a peer's map with fields in another order, an unknown field and a missing one binds too
        Map<String, Object> fromPython = new LinkedHashMap<>();
        fromPython.put("y", 9);
        fromPython.put("colour", "blue");
        fromPython.put("x", 8);
        assertEquals(new Point(8, 9), Payload.of(fromPython).as(Point.class));
    }

    @Test
    void mismatchesNameThePathAndBothTypes() throws Exception {
        Map<String, Object> bad = Map.of("points", List.of(Map.of("x", "one", "y", 2)));
        PayloadMismatch e = assertThrows(PayloadMismatch.class,
                () -> Payload.of(bad).as(Shape.class.getRecordComponents()[1].getGenericType(), "args"));
        assertEquals("args: expected List, got map", e.getMessage());
        PayloadMismatch deep = assertThrows(PayloadMismatch.class,
                () -> Payload.of(List.of(Map.of("x", "one", "y", 2))).as(parameter(0), "args.points"));
        assertEquals("args.points[0].x: expected int, got string", deep.getMessage());
        assertEquals("args.points[0].x", deep.path());

        assertMismatch(() -> Payload.of(1L << 40).as(int.class), "expected int, got 1099511627776, which is out of range");
        assertMismatch(() -> Payload.of("PURPLE").as(Color.class), "expected one of [RED, GREEN], got 'PURPLE'");
        assertMismatch(() -> Payload.NIL.as(int.class), "expected int, got nil");
        assertMismatch(() -> Payload.of("not-a-uuid").as(UUID.class), "expected a UUID");
        assertMismatch(() -> Payload.of("yesterday").as(Instant.class), "expected an ISO-8601 instant");
        assertMismatch(() -> Payload.of(Map.of("y", 1)).as(Point.class), "pld.x: missing");
        assertMismatch(() -> Payload.of(Map.of("n", -1)).as(Strict.class), "Strict refused the values");
        assertMismatch(() -> Payload.of("ab").as(char.class), "expected char, got a string of length 2");
        assertMismatch(() -> Payload.of(new Object()), "java.lang.Object cannot travel as a payload");
        assertMismatch(() -> Payload.of(Map.of("k", new Thread())), "value.k: java.lang.Thread cannot travel");
    }

    @Test
    void nestingIsBoundedBothWays() {
        Object deep = List.of();
        for (int i = 0; i < 600; i++) {
            deep = List.of(deep);
        }
        Object tooDeep = deep;
        assertMismatch(() -> Payload.of(tooDeep), "nested deeper than 512");
        byte[] bytes = new byte[601];
        Arrays.fill(bytes, 0, 600, (byte) 0x91);
        bytes[600] = (byte) 0x90;
        assertMismatch(() -> Payload.ofMsgpack(bytes).as(Object.class), "nested deeper than 512");
    }

    private static void assertMismatch(Runnable call, String part) {
        PayloadMismatch e = assertThrows(PayloadMismatch.class, call::run);
        assertTrue(e.getMessage().contains(part), () -> "'" + e.getMessage() + "' lacks '" + part + "'");
    }
}
