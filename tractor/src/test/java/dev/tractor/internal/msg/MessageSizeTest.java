package dev.tractor.internal.msg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tractor.ipc.FrameTooLarge;
import dev.tractor.msg.Uid;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The size of a message is checked where it is made: a value or message over the limit is measured, not
 * built, and the error names its real size (also past 2 GiB, without allocating it) and the limit.
 */
class MessageSizeTest {
    private static final Uid ALICE = new Uid("alice", "6f1c2d3e-0000-4000-8000-000000000001");
    private static final int MIB = 1024 * 1024;

    /** Messages with every kind of content the writer has: strings of every width, binaries, nesting. */
    private static List<Msg> samples() {
        List<Msg> samples = new ArrayList<>(MsgCodecTest.everyMessageType());
        Map<String, Object> mixed = new LinkedHashMap<>();
        mixed.put("ascii", "x".repeat(300));
        mixed.put("two-byte", "é".repeat(40));
        mixed.put("three-byte", "€".repeat(30_000)); // a str16 of 90,000 bytes: a str32
        mixed.put("pair", "\uD83D\uDE00".repeat(10)); // four bytes each
        mixed.put("unpaired", "a\uD800b\uDC00c"); // each written as '?'
        mixed.put("binary", new byte[70_000]);
        mixed.put("numbers", List.of(1L, -1L, 300L, 1L << 40, 2.5));
        samples.add(new Msg.Yield("cid-mixed", Payload.of(mixed)));
        samples.add(new Msg.Start("cid-2", "ns", "func", Map.of("a", Payload.of(mixed), "b", Payload.of("€".repeat(5))),
                ALICE, "typing.Any"));
        samples.add(new Msg.Error(ALICE, "T", "T", List.of(ALICE), Optional.of("é".repeat(20_000)), "tb".repeat(5_000),
                Optional.empty(), Optional.empty(), Optional.of("cid-3")));
        return samples;
    }

    @Test
    void aMessageOverTheLimitIsRefusedWithItsExactSize() {
        for (Msg msg : samples()) {
            byte[] whole = MsgCodec.encode(msg);
            assertArrayEquals(whole, MsgCodec.encode(msg, whole.length), "exactly at the limit it is sent: " + msg);
            // every limit below its size, including those that make the writer stop keeping in the middle of
            // a header, a string or a payload
            for (int limit : limitsBelow(whole.length)) {
                FrameTooLarge e = assertThrows(FrameTooLarge.class, () -> MsgCodec.encode(msg, limit));
                assertEquals(whole.length, e.bytes(), "the counted size of " + msg + " with the limit " + limit);
                assertEquals(limit, e.limit());
            }
        }
    }

    @Test
    void aValueOverTheLimitIsRefusedWithItsExactSize() {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("text", "€".repeat(1000));
        value.put("bytes", new byte[5000]);
        value.put("list", List.of("a", "b", 3L));
        byte[] whole = Payload.of(value).msgpack();
        assertArrayEquals(whole, Payload.of(value, whole.length).msgpack());
        for (int limit : limitsBelow(whole.length)) {
            FrameTooLarge e = assertThrows(FrameTooLarge.class, () -> Payload.of(value, limit));
            assertEquals(whole.length, e.bytes(), "with the limit " + limit);
        }
    }

    @Test
    void aValueOfThreeGibReportsItsRealSizeWithoutBeingBuilt() {
        byte[] oneMib = new byte[MIB];
        List<byte[]> threeGib = Collections.nCopies(3072, oneMib); // one MiB allocated, counted 3072 times
        FrameTooLarge e = assertThrows(FrameTooLarge.class, () -> Payload.of(threeGib, 64 * MIB));
        long expected = 3 + 3072L * (5 + MIB); // an array16 header, then a bin32 header and the bytes, 3072 times
        assertEquals(3_221_240_835L, expected);
        assertEquals(expected, e.bytes());
        assertEquals("a value of 3,221,240,835 bytes is larger than the limit of 67,108,864 bytes on a message "
                + "(tractor.ipc.maxFrameBytes)", e.getMessage());
    }

    @Test
    void aMessageOfThreeGibReportsItsRealSize() {
        Payload oneMib = Payload.of(new byte[MIB]); // 1 MiB + 5 bytes of msgpack, in each of 3072 arguments
        Map<String, Payload> kwargs = new LinkedHashMap<>();
        for (int i = 0; i < 3072; i++) {
            kwargs.put(String.format("a%04d", i), oneMib);
        }
        Msg.Start start = new Msg.Start("cid", "ns", "func", kwargs, ALICE, "typing.Any");
        FrameTooLarge e = assertThrows(FrameTooLarge.class, () -> MsgCodec.encode(start, 64 * MIB));
        // the message without arguments has an empty map (one byte); with them a map16 header (three), and
        // each argument a five-character key (six bytes) and its payload
        long empty = MsgCodec.encode(new Msg.Start("cid", "ns", "func", Map.of(), ALICE, "typing.Any")).length;
        long expected = empty - 1 + 3 + 3072L * (6 + 5 + MIB);
        assertEquals(expected, e.bytes());
        assertEquals(String.format(java.util.Locale.ROOT, "a message of %,d bytes is larger than the limit of "
                + "67,108,864 bytes (tractor.ipc.maxFrameBytes)", expected), e.getMessage());
        assertTrue(e.bytes() > 3L * 1024 * MIB, "more than 3 GiB, past what an int holds");
    }

    @Test
    void aValueThatFillsTheLimitExactlyIsBuiltAndOneByteMoreIsNot() {
        int limit = 3 * MIB + 17; // not a power of two: the buffer stops growing at the limit, not past it
        byte[] fits = Payload.of(new byte[limit - 5], limit).msgpack(); // a bin32 header of five bytes
        assertEquals(limit, fits.length);
        FrameTooLarge e = assertThrows(FrameTooLarge.class, () -> Payload.of(new byte[limit - 4], limit));
        assertEquals(limit + 1L, e.bytes());
    }

    /** Limits below {@code size}: all of the small ones, and a spread of the others up to size - 1. */
    private static List<Integer> limitsBelow(int size) {
        List<Integer> limits = new ArrayList<>();
        for (int limit = 1; limit < Math.min(size, 300); limit++) {
            limits.add(limit);
        }
        for (int limit = 300; limit < size; limit += Math.max(1, size / 97)) {
            limits.add(limit);
        }
        if (size > 1) {
            limits.add(size - 1);
        }
        return limits;
    }
}
