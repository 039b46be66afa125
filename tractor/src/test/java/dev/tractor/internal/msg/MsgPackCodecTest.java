package dev.tractor.internal.msg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tractor.msg.MsgPackException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessageUnpacker;

/** The codec against msgpack-core as an oracle, plus its behaviour on hostile input. */
class MsgPackCodecTest {
    private static final long[] LONGS = {0, 1, 31, 127, 128, 255, 256, 65_535, 65_536, 0xffff_ffffL,
            0x1_0000_0000L, Long.MAX_VALUE, -1, -32, -33, -128, -129, -32_768, -32_769, Integer.MIN_VALUE,
            Integer.MIN_VALUE - 1L, Long.MIN_VALUE};
    private static final String[] STRINGS = {"", "a", "x".repeat(31), "x".repeat(32), "y".repeat(255),
            "y".repeat(256), "z".repeat(65_535), "z".repeat(65_536), "héllo wörld", "日本語", "emoji \uD83D\uDE00"};
    private static final int[] SIZES = {0, 1, 15, 16, 255, 256, 65_535, 65_536};

    @Test
    void integersAreWrittenLikeMsgpackCoreAndReadBack() throws IOException {
        for (long v : LONGS) {
            byte[] ours = new MsgPackWriter().writeLong(v).toByteArray();
            MessageBufferPacker oracle = MessagePack.newDefaultBufferPacker();
            oracle.packLong(v);
            assertArrayEquals(oracle.toByteArray(), ours, "encoding of " + v);
            assertEquals(v, new MsgPackReader(ours).readLong());
        }
    }

    @Test
    void stringsBinariesFloatsAndHeadersMatchTheOracle() throws IOException {
        MsgPackWriter ours = new MsgPackWriter();
        MessageBufferPacker oracle = MessagePack.newDefaultBufferPacker();
        for (String s : STRINGS) {
            ours.writeString(s);
            oracle.packString(s);
        }
        for (int n : SIZES) {
            byte[] bin = new byte[n];
            new Random(n).nextBytes(bin);
            ours.writeBinary(bin);
            oracle.packBinaryHeader(n).writePayload(bin);
            ours.writeArrayHeader(n);
            oracle.packArrayHeader(n);
            ours.writeMapHeader(n);
            oracle.packMapHeader(n);
        }
        for (double d : new double[] {0.0, -0.0, 1.5, Double.MAX_VALUE, Double.NaN, Double.NEGATIVE_INFINITY}) {
            ours.writeDouble(d);
            oracle.packDouble(d);
        }
        ours.writeFloat(3.25f).writeNil().writeBoolean(true).writeBoolean(false);
        oracle.packFloat(3.25f);
        oracle.packNil();
        oracle.packBoolean(true);
        oracle.packBoolean(false);
        assertArrayEquals(oracle.toByteArray(), ours.toByteArray());
    }

    @Test
    void theReaderReadsWhatMsgpackCoreWrites() throws IOException {
        MessageBufferPacker oracle = MessagePack.newDefaultBufferPacker();
        oracle.packMapHeader(3);
        oracle.packString("msg_type").packString("Yield");
        oracle.packString("cid").packString("3b1c");
        oracle.packString("pld").packArrayHeader(3).packInt(1).packDouble(2.5).packNil();
        MsgPackReader r = new MsgPackReader(oracle.toByteArray());
        assertEquals(3, r.readMapHeader());
        assertEquals("msg_type", r.readString());
        assertEquals("Yield", r.readString());
        assertEquals("cid", r.readString());
        assertEquals("3b1c", r.readString());
        assertEquals("pld", r.readString());
        assertEquals(MsgPackType.ARRAY, r.peekType());
        assertEquals(3, r.readArrayHeader());
        assertEquals(1, r.readInt());
        assertEquals(2.5, r.readDouble());
        assertTrue(r.tryReadNil());
        assertFalse(r.hasRemaining());
    }

    @Test
    void skipValueAgreesWithMsgpackCoreOnRandomDocuments() throws IOException {
        Random random = new Random(42);
        for (int i = 0; i < 500; i++) {
            byte[] doc = randomDocument(random);
            MsgPackReader ours = new MsgPackReader(doc);
            ours.skipValue();
            MessageUnpacker oracle = MessagePack.newDefaultUnpacker(doc);
            oracle.skipValue();
            assertEquals(oracle.getTotalReadBytes(), ours.position(), "document " + i);
        }
    }

    @Test
    void deepNestingIsSkippedWithoutRecursion() {
        int depth = 200_000;
        byte[] doc = new byte[depth + 1];
        java.util.Arrays.fill(doc, 0, depth, (byte) 0x91); // [[[[...]]]]
        doc[depth] = (byte) 0xc0;
        MsgPackReader r = new MsgPackReader(doc);
        r.skipValue();
        assertFalse(r.hasRemaining());
    }

    @Test
    void hugeDeclaredLengthsAreRejectedBeforeAnythingIsAllocated() {
        byte[][] liars = {
            {(byte) 0xdb, (byte) 0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xf0, 'a'},   // str32 of ~2 GiB
            {(byte) 0xc6, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff},        // bin32 of 4 GiB
            {(byte) 0xdd, (byte) 0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff, 1, 2},  // array32, 2^31 elements
            {(byte) 0xdf, 0, 0, 0, 2, 1, 2},                                           // map of 2 in 2 bytes
        };
        for (byte[] liar : liars) {
            MsgPackException e = assertThrows(MsgPackException.class, () -> readAnything(new MsgPackReader(liar)));
            assertTrue(e.getMessage().startsWith("malformed msgpack at byte "), e.getMessage());
        }
    }

    @Test
    void typeMismatchesAndBadContentNameWhatWasFound() {
        byte[] anInt = new MsgPackWriter().writeLong(5).toByteArray();
        MsgPackException e = assertThrows(MsgPackException.class, () -> new MsgPackReader(anInt).readString());
        assertEquals("malformed msgpack at byte 0: expected string, found integer (0x05)", e.getMessage());
        byte[] big = new MsgPackWriter().writeLong(1L << 40).toByteArray();
        assertThrows(MsgPackException.class, () -> new MsgPackReader(big).readInt());
        byte[] badUtf8 = {(byte) 0xa2, (byte) 0xc3, (byte) 0x28};
        assertTrue(assertThrows(MsgPackException.class, () -> new MsgPackReader(badUtf8).readString())
                .getMessage().contains("not valid UTF-8"));
        byte[] uint64Max = {(byte) 0xcf, -1, -1, -1, -1, -1, -1, -1, -1};
        assertThrows(MsgPackException.class, () -> new MsgPackReader(uint64Max).readLong());
        assertThrows(MsgPackException.class, () -> new MsgPackReader(new byte[] {(byte) 0xc1}).peekType());
        assertThrows(MsgPackException.class, () -> new MsgPackReader(new byte[0]).skipValue());
    }

    @Test
    void randomAndMutatedFramesOnlyEverRaiseMsgPackException() throws IOException {
        Random random = new Random(7);
        for (int i = 0; i < 20_000; i++) {
            byte[] frame;
            if (i % 2 == 0) {
                frame = new byte[random.nextInt(64)];
                random.nextBytes(frame);
            } else {
                frame = randomDocument(random);
                int mutations = 1 + random.nextInt(4);
                for (int m = 0; m < mutations && frame.length > 0; m++) {
                    frame[random.nextInt(frame.length)] = (byte) random.nextInt(256);
                }
                if (random.nextBoolean() && frame.length > 1) {
                    frame = java.util.Arrays.copyOf(frame, random.nextInt(frame.length)); // truncated
                }
            }
            try {
                MsgPackReader r = new MsgPackReader(frame);
                while (r.hasRemaining()) {
                    readAnything(r);
                }
            } catch (MsgPackException expected) {
                // the only allowed failure
            }
        }
    }

    /** Reads one value with the typed methods, descending into arrays and maps (bounded by the input). */
    private static void readAnything(MsgPackReader r) {
        List<Integer> stack = new ArrayList<>();
        stack.add(1);
        while (!stack.isEmpty()) {
            int last = stack.size() - 1;
            if (stack.get(last) == 0) {
                stack.remove(last);
                continue;
            }
            stack.set(last, stack.get(last) - 1);
            switch (r.peekType()) {
                case NIL -> r.readNil();
                case BOOLEAN -> r.readBoolean();
                case INTEGER -> r.readLong();
                case FLOAT -> r.readDouble();
                case STRING -> r.readString();
                case BINARY -> r.readBinary();
                case ARRAY -> stack.add(r.readArrayHeader());
                case MAP -> stack.add(2 * r.readMapHeader());
                case EXTENSION -> r.skipValue();
            }
        }
    }

    /** A random well-formed msgpack document, written by msgpack-core. */
    private static byte[] randomDocument(Random random) throws IOException {
        MessageBufferPacker p = MessagePack.newDefaultBufferPacker();
        writeRandom(p, random, 0);
        return p.toByteArray();
    }

    private static void writeRandom(MessageBufferPacker p, Random random, int depth) throws IOException {
        switch (depth > 4 ? random.nextInt(6) : random.nextInt(9)) {
            case 0 -> p.packNil();
            case 1 -> p.packBoolean(random.nextBoolean());
            case 2 -> p.packLong(random.nextLong() >> random.nextInt(64));
            case 3 -> p.packDouble(random.nextDouble());
            case 4 -> p.packString("s".repeat(random.nextInt(40)));
            case 5 -> {
                byte[] b = new byte[random.nextInt(20)];
                random.nextBytes(b);
                p.packBinaryHeader(b.length).writePayload(b);
            }
            case 6 -> {
                int n = random.nextInt(5);
                p.packArrayHeader(n);
                for (int i = 0; i < n; i++) {
                    writeRandom(p, random, depth + 1);
                }
            }
            case 7 -> {
                int n = random.nextInt(4);
                p.packMapHeader(n);
                for (int i = 0; i < n; i++) {
                    p.packString("k" + i);
                    writeRandom(p, random, depth + 1);
                }
            }
            default -> {
                byte[] b = new byte[random.nextInt(20)];
                p.packExtensionTypeHeader((byte) 1, b.length).writePayload(b);
            }
        }
    }
}
