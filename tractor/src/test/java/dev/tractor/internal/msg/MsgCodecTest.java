package dev.tractor.internal.msg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tractor.msg.MalformedMessage;
import dev.tractor.msg.MsgPackException;
import dev.tractor.msg.PayloadMismatch;
import dev.tractor.msg.Uid;
import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;

class MsgCodecTest {
    private static final Uid ALICE = new Uid("alice", "6f1c2d3e-0000-4000-8000-000000000001");
    private static final Uid BOB = new Uid("bob", "6f1c2d3e-0000-4000-8000-000000000002");

    static List<Msg> everyMessageType() {
        Map<Object, Object> runtimeVars = new LinkedHashMap<>();
        runtimeVars.put("_debug_mode", false);
        runtimeVars.put("_root_mailbox", Arrays.asList("127.0.0.1", 1616L));
        runtimeVars.put("loglevel", null);
        return List.of(
                new Msg.Aid("alice", ALICE.uuid(), 4242, false, false),
                new Msg.Aid("registrar", BOB.uuid(), -1, true, true),
                new Msg.SpawnSpec(Map.of(), runtimeVars, Map.of("dev.tractor.examples.Primes", ""),
                        List.of(List.of("127.0.0.1", 1616L)), List.of(List.of("127.0.0.1", 0L))),
                new Msg.Start("cid-1", "dev.tractor.examples.Primes", "isPrime",
                        Map.of("n", Payload.of(112272535095293L)), ALICE, "typing.Any"),
                new Msg.StartAck("cid-1", FuncType.CONTEXT),
                new Msg.Started("cid-1", Payload.of(Map.of("ready", true))),
                new Msg.Yield("cid-1", Payload.of(List.of(1L, "two", 3.0))),
                new Msg.Stop("cid-1"),
                new Msg.Return("cid-1", Payload.NIL),
                new Msg.CancelAck("cid-1", true),
                new Msg.Error(BOB, "ValueError", "ValueError", List.of(BOB, ALICE), Optional.of("bad value"),
                        "Traceback (most recent call last):\n  ...", Optional.of(ALICE), Optional.empty(),
                        Optional.of("cid-1")),
                new Msg.AuthChallenge(new byte[] {1, 2, 3}),
                new Msg.AuthProof(new byte[0], new byte[] {9, 8}),
                new Msg.AuthProof(new byte[] {7}, new byte[] {9, 8}, 15_000),
                new Msg.Heartbeat(15_000),
                new Msg.Credit("cid-1", 32),
                new Msg.Error(BOB, "ContextCancelled", "ContextCancelled", List.of(), Optional.empty(), "",
                        Optional.empty(), Optional.empty(), Optional.empty()));
    }

    @Test
    void theSamplesCoverEveryKindOfMessage() {
        // MsgCodec.encode dispatches with instanceof (ADR 0015), so the compiler no longer checks that it
        // handles every kind; the round trip below does, as long as the samples name every kind.
        java.util.Set<Class<?>> sampled = new java.util.HashSet<>();
        everyMessageType().forEach(m -> sampled.add(m.getClass()));
        for (Class<?> kind : Msg.class.getPermittedSubclasses()) {
            assertTrue(sampled.contains(kind), "no sample of " + kind.getSimpleName() + " in everyMessageType()");
        }
    }

    @Test
    void everyMessageTypeRoundTrips() {
        for (Msg msg : everyMessageType()) {
            byte[] body = MsgCodec.encode(msg);
            assertEquals(msg, MsgCodec.decode(body), () -> "round trip of " + msg);
            assertArrayEquals(body, MsgCodec.encode(MsgCodec.decode(body)), "encoding is stable");
        }
    }

    @Test
    void theTagComesFirstAndKeysAreSnakeCase() {
        Object plain = Payload.ofMsgpack(MsgCodec.encode(new Msg.Aid("a", "u", 7, true, false))).toPlain();
        assertEquals(List.of("msg_type", "name", "uuid", "pid", "is_registrar", "is_probe"),
                List.copyOf(((Map<?, ?>) plain).keySet()));
        assertEquals("Aid", ((Map<?, ?>) plain).get("msg_type"));
    }

    @Test
    void aHeartbeatIsAMapWithItsTimeoutInMilliseconds() throws IOException {
        MessageBufferPacker p = MessagePack.newDefaultBufferPacker();
        p.packMapHeader(2).packString("timeout_ms").packLong(3000).packString("msg_type").packString("Heartbeat");
        assertEquals(new Msg.Heartbeat(3000), MsgCodec.decode(p.toByteArray()), "any key order");
        assertEquals(new Msg.Heartbeat(15_000), MsgCodec.decode(MsgCodec.encode(new Msg.Heartbeat(15_000))));
        MessageBufferPacker noTimeout = MessagePack.newDefaultBufferPacker();
        noTimeout.packMapHeader(1).packString("msg_type").packString("Heartbeat");
        assertMalformed(noTimeout.toByteArray(), "Heartbeat has no 'timeout_ms'");
    }

    @Test
    void aCreditIsAMapWithItsContextAndAPositiveCount() throws IOException {
        Object plain = Payload.ofMsgpack(MsgCodec.encode(new Msg.Credit("c7", 32))).toPlain();
        assertEquals(List.of("msg_type", "cid", "n"), List.copyOf(((Map<?, ?>) plain).keySet()));
        assertEquals("Credit", ((Map<?, ?>) plain).get("msg_type"));
        assertEquals(new Msg.Credit("c7", 32), MsgCodec.decode(MsgCodec.encode(new Msg.Credit("c7", 32))));
        MessageBufferPacker zero = MessagePack.newDefaultBufferPacker();
        zero.packMapHeader(3).packString("msg_type").packString("Credit").packString("cid").packString("c7")
                .packString("n").packLong(0);
        assertMalformed(zero.toByteArray(), "Credit.n: expected a positive integer, found 0");
    }

    @Test
    void anAuthProofWithoutATimeoutIsFromAPeerThatSendsNoHeartbeats() throws IOException {
        MessageBufferPacker p = MessagePack.newDefaultBufferPacker();
        p.packMapHeader(3).packString("msg_type").packString("AuthProof").packString("nonce").packBinaryHeader(1)
                .addPayload(new byte[] {1}).packString("mac").packBinaryHeader(1).addPayload(new byte[] {2});
        assertEquals(new Msg.AuthProof(new byte[] {1}, new byte[] {2}, 0), MsgCodec.decode(p.toByteArray()));
    }

    @Test
    void aSpawnSpecWithNilBindAddressesDecodesAsNone() throws IOException {
        // Python tractor sends bind_addrs: None when the parent chose no addresses (issue 14, item 12).
        MessageBufferPacker p = MessagePack.newDefaultBufferPacker();
        p.packMapHeader(6);
        p.packString("msg_type").packString("SpawnSpec");
        p.packString("_parent_main_data").packMapHeader(0);
        p.packString("_runtime_vars").packMapHeader(0);
        p.packString("enable_modules").packMapHeader(0);
        p.packString("reg_addrs").packArrayHeader(1).packArrayHeader(2).packString("127.0.0.1").packInt(1616);
        p.packString("bind_addrs").packNil();
        Msg.SpawnSpec spec = assertInstanceOf(Msg.SpawnSpec.class, MsgCodec.decode(p.toByteArray()));
        assertEquals(List.of(), spec.bindAddresses());
        assertEquals(List.of(List.of("127.0.0.1", 1616L)), spec.registryAddresses());
    }

    @Test
    void aPythonShapedFrameDecodes() throws IOException {
        // As msgspec writes a tractor Yield, but with the keys reordered and a field this side does not know.
        MessageBufferPacker p = MessagePack.newDefaultBufferPacker();
        p.packMapHeader(4);
        p.packString("pld").packArrayHeader(2).packInt(1).packString("x");
        p.packString("some_future_field").packMapHeader(1).packString("k").packFloat(1.5f);
        p.packString("cid").packString("c0ffee");
        p.packString("msg_type").packString("Yield");
        Msg msg = MsgCodec.decode(p.toByteArray());
        Msg.Yield y = assertInstanceOf(Msg.Yield.class, msg);
        assertEquals("c0ffee", y.cid());
        assertEquals(List.of(1L, "x"), y.pld().toPlain());

        MessageBufferPacker e = MessagePack.newDefaultBufferPacker();
        e.packMapHeader(6);
        e.packString("msg_type").packString("Error");
        e.packString("src_uid").packArrayHeader(2).packString("bob").packString("u-b");
        e.packString("src_type_str").packString("NameError");
        e.packString("boxed_type_str").packString("NameError");
        e.packString("relay_path").packArrayHeader(1).packArrayHeader(2).packString("bob").packString("u-b");
        e.packString("tb_str").packString("tb");
        Msg.Error err = assertInstanceOf(Msg.Error.class, MsgCodec.decode(e.toByteArray()));
        assertEquals(new Uid("bob", "u-b"), err.srcUid());
        assertEquals(Optional.empty(), err.message(), "optional fields may be missing");
        assertEquals(Optional.empty(), err.canceller());
    }

    @Test
    void framesThatAreNotMessagesAreRejectedWithTheReason() throws IOException {
        assertMalformed(new MsgPackWriter().writeArrayHeader(0).toByteArray(), "must be a msgpack map");
        assertMalformed(new MsgPackWriter().writeMapHeader(0).toByteArray(), "no 'msg_type'");
        assertMalformed(map("msg_type", "Bogus"), "unknown msg_type 'Bogus'");
        assertMalformed(map("msg_type", "Stop"), "Stop has no 'cid'");
        MsgPackWriter w = new MsgPackWriter();
        w.writeMapHeader(2).writeString("msg_type").writeString("Stop").writeString("cid").writeLong(5);
        assertMalformed(w.toByteArray(), "Stop.cid: expected string, found integer");
        MsgPackWriter dup = new MsgPackWriter();
        dup.writeMapHeader(3).writeString("msg_type").writeString("Stop").writeString("cid").writeString("a")
                .writeString("cid").writeString("b");
        assertMalformed(dup.toByteArray(), "the key 'cid' twice");
        MsgPackWriter ack = new MsgPackWriter();
        ack.writeMapHeader(3).writeString("msg_type").writeString("StartAck").writeString("cid").writeString("a")
                .writeString("functype").writeString("teleport");
        assertMalformed(ack.toByteArray(), "unknown function type 'teleport'");
        byte[] trailing = Arrays.copyOf(MsgCodec.encode(new Msg.Stop("a")), MsgCodec.encode(new Msg.Stop("a")).length + 1);
        assertMalformed(trailing, "follow the message map");
    }

    @Test
    void mutatedFramesOnlyEverRaiseTheCodecsOwnErrors() {
        Random random = new Random(3);
        List<byte[]> valid = everyMessageType().stream().map(MsgCodec::encode).toList();
        for (int i = 0; i < 20_000; i++) {
            byte[] frame = valid.get(random.nextInt(valid.size())).clone();
            for (int m = 0; m <= random.nextInt(3); m++) {
                frame[random.nextInt(frame.length)] = (byte) random.nextInt(256);
            }
            if (random.nextInt(4) == 0) {
                frame = Arrays.copyOf(frame, random.nextInt(frame.length));
            }
            try {
                Msg msg = MsgCodec.decode(frame);
                if (msg instanceof Msg.Yield y) {
                    try {
                        y.pld().toPlain();
                    } catch (MsgPackException fine) {
                        // a payload can still be bad; that fails the one value, not the frame
                    }
                }
            } catch (MsgPackException expected) {
                // MalformedMessage is one of these
            }
        }
    }

    @Test
    void theFastPathForStreamedMessagesAgreesWithTheGeneralDecoder() {
        Random random = new Random(5);
        List<byte[]> streamed = List.of(
                MsgCodec.encode(new Msg.Yield("c1", Payload.of(42))),
                MsgCodec.encode(new Msg.Started("ctx-é", Payload.of(List.of("a", 1.5)))),
                MsgCodec.encode(new Msg.Return("c", Payload.NIL)),
                MsgCodec.encode(new Msg.Stop("c9")));
        int fastHits = 0;
        for (int i = 0; i < 50_000; i++) {
            byte[] frame = streamed.get(random.nextInt(streamed.size())).clone();
            if (i % 2 == 1) { // half intact, half damaged
                for (int m = 0; m <= random.nextInt(3); m++) {
                    frame[random.nextInt(frame.length)] = (byte) random.nextInt(256);
                }
                if (random.nextInt(4) == 0) {
                    frame = Arrays.copyOf(frame, random.nextInt(frame.length));
                }
            }
            Msg fast = StreamedMessages.tryDecode(frame);
            Object general;
            try {
                general = MsgCodec.decodeAnyLayout(frame);
            } catch (MsgPackException e) {
                general = e;
            }
            if (fast != null) {
                fastHits++;
                String hex = java.util.HexFormat.of().formatHex(frame);
                assertEquals(general, fast, () -> "the paths disagree on " + hex);
            }
        }
        assertTrue(fastHits > 25_000, "the fast path took only " + fastHits + " frames");
        // Another key order is still a valid message; the general path reads it.
        MsgPackWriter w = new MsgPackWriter();
        w.writeMapHeader(3).writeString("pld").writeLong(1).writeString("cid").writeString("x")
                .writeString("msg_type").writeString("Yield");
        assertEquals(null, StreamedMessages.tryDecode(w.toByteArray()));
        assertEquals(new Msg.Yield("x", Payload.of(1)), MsgCodec.decode(w.toByteArray()));
    }

    @Test
    void plainPayloadsRoundTripAndUnsupportedTypesAreRefused() {
        Map<String, Object> nested = new LinkedHashMap<>();
        nested.put("list", Arrays.asList(1L, null, "s", new byte[] {1, 2}));
        nested.put("map", Map.of("k", 2.5));
        Object back = Payload.of(nested).toPlain();
        Map<?, ?> m = (Map<?, ?>) back;
        assertEquals(2.5, ((Map<?, ?>) m.get("map")).get("k"));
        assertArrayEquals(new byte[] {1, 2}, (byte[]) ((List<?>) m.get("list")).get(3));
        PayloadMismatch e = assertThrows(PayloadMismatch.class, () -> Payload.of(Map.of("what", new Object())));
        assertTrue(e.getMessage().startsWith("value.what: java.lang.Object cannot travel as a payload"),
                e.getMessage());
        assertThrows(MsgPackException.class, () -> Payload.ofMsgpack(new byte[] {(byte) 0xc0, (byte) 0xc0}));
    }

    @Test
    void deeplyNestedPayloadsAreRefusedNotOverflowed() {
        byte[] deep = new byte[100_001];
        Arrays.fill(deep, 0, 100_000, (byte) 0x91);
        deep[100_000] = (byte) 0xc0;
        Payload p = Payload.ofMsgpack(deep);
        MsgPackException e = assertThrows(MsgPackException.class, p::toPlain);
        assertTrue(e.getMessage().contains("nested deeper than"), e.getMessage());
    }

    private static byte[] map(String key, String value) {
        return new MsgPackWriter().writeMapHeader(1).writeString(key).writeString(value).toByteArray();
    }

    private static void assertMalformed(byte[] frame, String expectedPart) {
        MalformedMessage e = assertThrows(MalformedMessage.class, () -> MsgCodec.decode(frame));
        assertTrue(e.getMessage().contains(expectedPart), () -> "'" + e.getMessage() + "' lacks '" + expectedPart + "'");
    }
}
