package dev.tractor.internal.msg;

import dev.tractor.ipc.FrameTooLarge;
import dev.tractor.msg.MalformedMessage;
import dev.tractor.msg.MsgPackException;
import dev.tractor.msg.Uid;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Encodes {@link Msg}s to the bodies of frames and decodes them back, in Python tractor's format: one
 * msgpack map with the record's name under {@code msg_type} first, then every field in the order Python
 * tractor declares them, under its snake_case name (what {@code msgspec} writes for a tagged struct).
 *
 * <p>Decoding is strict about what it needs and lenient about what it does not: the body must be exactly
 * one map, {@code msg_type} must name a known message, required fields must be present with the right
 * msgpack type, and optional ones may be missing or nil; unknown keys are skipped (as {@code msgspec}
 * does), so newer peers can add fields. Anything else raises {@link MalformedMessage} (or
 * {@link MsgPackException} for bytes that are not msgpack at all). Thread-safe: it holds no state.
 */
public final class MsgCodec {
    /** The largest message that can be built: about 2 GiB, the largest array a JVM makes. */
    public static final int MAX_MESSAGE_BYTES = MsgPackWriter.MAX_BYTES;

    private MsgCodec() {
    }

    /**
     * Encodes a message as a frame body of any size a frame can have; see {@link #encode(Msg, int)}.
     *
     * @throws FrameTooLarge if it would be larger than the largest array
     */
    public static byte[] encode(Msg msg) {
        return encode(msg, MsgPackWriter.MAX_BYTES);
    }

    /**
     * Encodes a message as a frame body of at most {@code maxBytes}.
     *
     * @throws FrameTooLarge if the message is larger, naming its real size: it is measured, not built (the
     *     bytes past the limit are counted, never kept), so even a message of several GiB costs no more
     *     than {@code maxBytes} of memory here
     */
    public static byte[] encode(Msg msg, int maxBytes) {
        MsgPackWriter w = new MsgPackWriter(128, maxBytes);
        // if/else, not a pattern switch: see ADR 0015 (a child's start-up path avoids SwitchBootstraps); a test
        // encodes every kind of message, so a new one without a branch fails there.
        if (msg instanceof Msg.Aid m) {
            header(w, "Aid", 5);
            w.writeString("name").writeString(m.name());
            w.writeString("uuid").writeString(m.uuid());
            w.writeString("pid");
            if (m.pid() < 0) {
                w.writeNil();
            } else {
                w.writeLong(m.pid());
            }
            w.writeString("is_registrar").writeBoolean(m.isRegistrar());
            w.writeString("is_probe").writeBoolean(m.isProbe());
        } else if (msg instanceof Msg.SpawnSpec m) {
            header(w, "SpawnSpec", 5);
            w.writeString("_parent_main_data");
            PayloadBinder.write(w, m.parentMainData(), "_parent_main_data", 0);
            w.writeString("_runtime_vars");
            PayloadBinder.write(w, m.runtimeVars(), "_runtime_vars", 0);
            w.writeString("enable_modules");
            PayloadBinder.write(w, m.enableModules(), "enable_modules", 0);
            w.writeString("reg_addrs");
            PayloadBinder.write(w, m.registryAddresses(), "reg_addrs", 0);
            w.writeString("bind_addrs");
            PayloadBinder.write(w, m.bindAddresses(), "bind_addrs", 0);
        } else if (msg instanceof Msg.Start m) {
            header(w, "Start", 6);
            w.writeString("cid").writeString(m.cid());
            w.writeString("ns").writeString(m.ns());
            w.writeString("func").writeString(m.func());
            w.writeString("kwargs").writeMapHeader(m.kwargs().size());
            for (Map.Entry<String, Payload> e : m.kwargs().entrySet()) {
                w.writeString(e.getKey());
                e.getValue().writeTo(w);
            }
            w.writeString("uid");
            writeUid(w, m.uid());
            w.writeString("pld_spec").writeString(m.pldSpec());
        } else if (msg instanceof Msg.StartAck m) {
            header(w, "StartAck", 2);
            w.writeString("cid").writeString(m.cid());
            w.writeString("functype").writeString(m.functype().wireName());
        } else if (msg instanceof Msg.Started m) {
            payloadMsg(w, "Started", m.cid(), m.pld());
        } else if (msg instanceof Msg.Yield m) {
            payloadMsg(w, "Yield", m.cid(), m.pld());
        } else if (msg instanceof Msg.Return m) {
            payloadMsg(w, "Return", m.cid(), m.pld());
        } else if (msg instanceof Msg.Stop m) {
            header(w, "Stop", 1);
            w.writeString("cid").writeString(m.cid());
        } else if (msg instanceof Msg.Credit m) {
            header(w, "Credit", 2);
            w.writeString("cid").writeString(m.cid());
            w.writeString("n").writeLong(m.n());
        } else if (msg instanceof Msg.CancelAck m) {
            header(w, "CancelAck", 2);
            w.writeString("cid").writeString(m.cid());
            w.writeString("pld").writeBoolean(m.pld());
        } else if (msg instanceof Msg.AuthChallenge m) {
            header(w, "AuthChallenge", 1);
            w.writeString("nonce").writeBinary(m.nonce());
        } else if (msg instanceof Msg.AuthProof m) {
            header(w, "AuthProof", 3);
            w.writeString("nonce").writeBinary(m.nonce());
            w.writeString("mac").writeBinary(m.mac());
            w.writeString("timeout_ms").writeLong(m.timeoutMillis());
        } else if (msg instanceof Msg.Heartbeat m) {
            header(w, "Heartbeat", 1);
            w.writeString("timeout_ms").writeLong(m.timeoutMillis());
        } else if (msg instanceof Msg.Error m) {
            header(w, "Error", 11);
            w.writeString("src_uid");
            writeUid(w, m.srcUid());
            w.writeString("src_type_str").writeString(m.srcType());
            w.writeString("boxed_type_str").writeString(m.boxedType());
            w.writeString("relay_path").writeArrayHeader(m.relayPath().size());
            m.relayPath().forEach(u -> writeUid(w, u));
            w.writeString("message");
            writeOptionalString(w, m.message());
            w.writeString("tb_str").writeString(m.traceback());
            w.writeString("canceller");
            writeOptionalUid(w, m.canceller());
            w.writeString("sender");
            writeOptionalUid(w, m.sender());
            w.writeString("cid");
            writeOptionalString(w, m.cid());
            w.writeString("_bad_msg").writeNil();
            w.writeString("_bad_msg_as_dict").writeNil();
        } else {
            throw new AssertionError("no encoding for " + msg.getClass().getName());
        }
        if (w.overLimit()) {
            throw messageTooLarge(w.length(), maxBytes);
        }
        return w.toByteArray();
    }

    /** The error for a message of {@code bytes} that is larger than {@code limit}, with both sizes. */
    public static FrameTooLarge messageTooLarge(long bytes, int limit) {
        return new FrameTooLarge(String.format(Locale.ROOT, "a message of %,d bytes is larger than the limit of %,d "
                + "bytes (%s)", bytes, limit, FrameTooLarge.LIMIT_PROPERTY), bytes, limit);
    }

    private static void header(MsgPackWriter w, String type, int fields) {
        w.writeMapHeader(fields + 1).writeString("msg_type").writeString(type);
    }

    private static void payloadMsg(MsgPackWriter w, String type, String cid, Payload pld) {
        header(w, type, 2);
        w.writeString("cid").writeString(cid);
        w.writeString("pld");
        pld.writeTo(w);
    }

    private static void writeUid(MsgPackWriter w, Uid uid) {
        w.writeArrayHeader(2).writeString(uid.name()).writeString(uid.uuid());
    }

    private static void writeOptionalUid(MsgPackWriter w, Optional<Uid> uid) {
        if (uid.isPresent()) {
            writeUid(w, uid.get());
        } else {
            w.writeNil();
        }
    }

    private static void writeOptionalString(MsgPackWriter w, Optional<String> s) {
        if (s.isPresent()) {
            w.writeString(s.get());
        } else {
            w.writeNil();
        }
    }

    // ---- decoding ----------------------------------------------------------------------------------------

    /** Keys and type names that decoding returns as these instances rather than new strings. */
    private static final KnownStrings KNOWN_NAMES = new KnownStrings("msg_type", "cid", "pld", "Yield", "Started", "Return", "Stop",
        "Start", "StartAck", "CancelAck", "Error", "Aid", "ns", "func", "kwargs", "uid", "functype", "pld_spec",
        "name", "uuid", "pid", "is_registrar", "is_probe", "src_uid", "src_type_str", "boxed_type_str",
        "relay_path", "message", "tb_str", "canceller", "sender", "AuthChallenge", "AuthProof", "nonce", "mac",
        "Heartbeat", "timeout_ms", "Credit", "n");

    /**
     * Decodes a frame body.
     *
     * @throws MalformedMessage if the body is msgpack but not a tractor message
     * @throws MsgPackException if the body is not well-formed msgpack
     */
    public static Msg decode(byte[] body) {
        Msg streamed = StreamedMessages.tryDecode(body);
        return streamed != null ? streamed : decodeAnyLayout(body);
    }

    /** The general decoder: any key order, every message type, and every error message. */
    static Msg decodeAnyLayout(byte[] body) {
        MsgPackReader r = new MsgPackReader(body);
        if (r.peekType() != MsgPackType.MAP) {
            throw new MalformedMessage("a message must be a msgpack map, found " + r.peekType());
        }
        int n = r.readMapHeader();
        // Fields are located, not copied: each value is read in place when the message is built.
        String[] keys = new String[n];
        int[] from = new int[n];
        int[] to = new int[n];
        int typeAt = -1;
        for (int i = 0; i < n; i++) {
            if (r.peekType() != MsgPackType.STRING) {
                throw new MalformedMessage("message keys must be strings, found " + r.peekType());
            }
            String key = r.readString(KNOWN_NAMES);
            for (int j = 0; j < i; j++) {
                if (keys[j].equals(key)) {
                    throw new MalformedMessage("the message has the key '" + key + "' twice");
                }
            }
            keys[i] = key;
            from[i] = r.position();
            r.skipValue();
            to[i] = r.position();
            if (key.equals("msg_type")) {
                typeAt = i;
            }
        }
        if (r.hasRemaining()) {
            throw new MalformedMessage(r.remaining() + " bytes follow the message map");
        }
        if (typeAt < 0) {
            throw new MalformedMessage("the message has no 'msg_type'");
        }
        MsgPackReader typeReader = new MsgPackReader(body, from[typeAt], to[typeAt] - from[typeAt]);
        if (typeReader.peekType() != MsgPackType.STRING) {
            throw new MalformedMessage("message.msg_type: expected string, found " + typeReader.peekType().name()
                    .toLowerCase(java.util.Locale.ROOT));
        }
        String type = typeReader.readString(KNOWN_NAMES);
        Fields f = new Fields(type, body, keys, from, to);
        return switch (type) {
            case "Aid" -> new Msg.Aid(f.string("name"), f.string("uuid"), f.optionalLong("pid", -1),
                    f.optionalBoolean("is_registrar"), f.optionalBoolean("is_probe"));
            case "SpawnSpec" -> new Msg.SpawnSpec(f.plainMap("_parent_main_data"), f.plainMap("_runtime_vars"),
                    f.stringMap("enable_modules"), f.plainList("reg_addrs"), f.optionalPlainList("bind_addrs"));
            case "Start" -> new Msg.Start(f.string("cid"), f.string("ns"), f.string("func"), f.kwargs("kwargs"),
                    f.uid("uid"), f.optionalString("pld_spec").orElse("typing.Any"));
            case "StartAck" -> new Msg.StartAck(f.string("cid"), f.funcType("functype"));
            case "Started" -> new Msg.Started(f.string("cid"), f.payload("pld"));
            case "Yield" -> new Msg.Yield(f.string("cid"), f.payload("pld"));
            case "Return" -> new Msg.Return(f.string("cid"), f.payload("pld"));
            case "Stop" -> new Msg.Stop(f.string("cid"));
            case "Credit" -> new Msg.Credit(f.string("cid"), positive(f.longValue("n"), "Credit.n"));
            case "CancelAck" -> new Msg.CancelAck(f.string("cid"), f.bool("pld"));
            case "Error" -> new Msg.Error(f.uid("src_uid"), f.string("src_type_str"), f.string("boxed_type_str"),
                    f.uidList("relay_path"), f.optionalString("message"), f.optionalString("tb_str").orElse(""),
                    f.optionalUid("canceller"), f.optionalUid("sender"), f.optionalString("cid"));
            case "AuthChallenge" -> new Msg.AuthChallenge(f.binary("nonce"));
            case "AuthProof" -> new Msg.AuthProof(f.binary("nonce"), f.binary("mac"), f.optionalLong("timeout_ms", 0));
            case "Heartbeat" -> new Msg.Heartbeat(f.longValue("timeout_ms"));
            default -> throw new MalformedMessage("unknown msg_type '" + type + "'");
        };
    }

    private static long positive(long value, String field) {
        if (value <= 0) {
            throw new MalformedMessage(field + ": expected a positive integer, found " + value);
        }
        return value;
    }

    /**
     * The fields of one message, located in the frame body and read on demand, with errors that name the
     * message and field.
     */
    private record Fields(String type, byte[] body, String[] keys, int[] from, int[] to) {

        <T> T read(String key, MsgPackReader r, MsgPackType expected, java.util.function.Function<MsgPackReader, T> how) {
            MsgPackType found = r.peekType();
            if (found != expected) {
                throw new MalformedMessage(type + "." + key + ": expected " + name(expected) + ", found "
                        + name(found));
            }
            try {
                return how.apply(r);
            } catch (MalformedMessage e) {
                throw e;
            } catch (MsgPackException e) {
                throw new MalformedMessage(type + "." + key + ": " + e.getMessage());
            }
        }

        private static String name(MsgPackType t) {
            return t.name().toLowerCase(java.util.Locale.ROOT);
        }

        private int index(String key) {
            for (int i = 0; i < keys.length; i++) {
                if (keys[i].equals(key)) {
                    return i;
                }
            }
            return -1;
        }

        /** A reader over the field's value. */
        private MsgPackReader required(String key) {
            int i = index(key);
            if (i < 0) {
                throw new MalformedMessage(type + " has no '" + key + "'");
            }
            return new MsgPackReader(body, from[i], to[i] - from[i]);
        }

        /** A reader over the field's value, or null when it is missing or nil. */
        private MsgPackReader optional(String key) {
            int i = index(key);
            return i < 0 || (to[i] - from[i] == 1 && (body[from[i]] & 0xff) == 0xc0) ? null
                    : new MsgPackReader(body, from[i], to[i] - from[i]);
        }

        String string(String key) {
            // Not through read(): this is on the path of every streamed message, so keep it monomorphic.
            MsgPackReader r = required(key);
            MsgPackType found = r.peekType();
            if (found != MsgPackType.STRING) {
                throw new MalformedMessage(type + "." + key + ": expected string, found " + name(found));
            }
            try {
                return r.readString();
            } catch (MsgPackException e) {
                throw new MalformedMessage(type + "." + key + ": " + e.getMessage());
            }
        }

        Optional<String> optionalString(String key) {
            MsgPackReader b = optional(key);
            return b == null ? Optional.empty() : Optional.of(read(key, b, MsgPackType.STRING, MsgPackReader::readString));
        }

        byte[] binary(String key) {
            return read(key, required(key), MsgPackType.BINARY, MsgPackReader::readBinary);
        }

        boolean bool(String key) {
            return read(key, required(key), MsgPackType.BOOLEAN, MsgPackReader::readBoolean);
        }

        boolean optionalBoolean(String key) {
            MsgPackReader b = optional(key);
            return b != null && read(key, b, MsgPackType.BOOLEAN, MsgPackReader::readBoolean);
        }

        long longValue(String key) {
            return read(key, required(key), MsgPackType.INTEGER, MsgPackReader::readLong);
        }

        long optionalLong(String key, long absent) {
            MsgPackReader b = optional(key);
            return b == null ? absent : read(key, b, MsgPackType.INTEGER, MsgPackReader::readLong);
        }

        Payload payload(String key) {
            int i = index(key);
            if (i < 0) {
                throw new MalformedMessage(type + " has no '" + key + "'");
            }
            return Payload.trusted(java.util.Arrays.copyOfRange(body, from[i], to[i]));
        }

        Uid uid(String key) {
            return read(key, required(key), MsgPackType.ARRAY, r -> readUid(r, key));
        }

        Optional<Uid> optionalUid(String key) {
            MsgPackReader b = optional(key);
            return b == null ? Optional.empty() : Optional.of(read(key, b, MsgPackType.ARRAY, r -> readUid(r, key)));
        }

        List<Uid> uidList(String key) {
            return read(key, required(key), MsgPackType.ARRAY, r -> {
                int n = r.readArrayHeader();
                List<Uid> uids = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    uids.add(readUid(r, key + "[" + i + "]"));
                }
                return uids;
            });
        }

        private Uid readUid(MsgPackReader r, String where) {
            if (r.peekType() != MsgPackType.ARRAY || r.readArrayHeader() != 2) {
                throw new MalformedMessage(type + "." + where + ": expected [name, uuid]");
            }
            if (r.peekType() != MsgPackType.STRING) {
                throw new MalformedMessage(type + "." + where + ": expected [name, uuid] of strings");
            }
            String name = r.readString();
            if (r.peekType() != MsgPackType.STRING) {
                throw new MalformedMessage(type + "." + where + ": expected [name, uuid] of strings");
            }
            return new Uid(name, r.readString());
        }

        FuncType funcType(String key) {
            String name = string(key);
            FuncType t = FuncType.ofWireName(name);
            if (t == null) {
                throw new MalformedMessage(type + "." + key + ": unknown function type '" + name + "'");
            }
            return t;
        }

        Map<String, Payload> kwargs(String key) {
            return read(key, required(key), MsgPackType.MAP, r -> {
                int n = r.readMapHeader();
                Map<String, Payload> out = new LinkedHashMap<>();
                for (int i = 0; i < n; i++) {
                    if (r.peekType() != MsgPackType.STRING) {
                        throw new MalformedMessage(type + "." + key + ": argument names must be strings");
                    }
                    out.put(r.readString(), Payload.trusted(r.readRawValue()));
                }
                return out;
            });
        }

        @SuppressWarnings("unchecked")
        Map<Object, Object> plainMap(String key) {
            return (Map<Object, Object>) read(key, required(key), MsgPackType.MAP, Payload::readPlain);
        }

        @SuppressWarnings("unchecked")
        List<Object> plainList(String key) {
            return (List<Object>) read(key, required(key), MsgPackType.ARRAY, Payload::readPlain);
        }

        /** A list that may be nil or missing (Python tractor sends {@code bind_addrs: None}): then empty. */
        @SuppressWarnings("unchecked")
        List<Object> optionalPlainList(String key) {
            MsgPackReader b = optional(key);
            return b == null ? List.of() : (List<Object>) read(key, b, MsgPackType.ARRAY, Payload::readPlain);
        }

        Map<String, String> stringMap(String key) {
            Map<Object, Object> plain = plainMap(key);
            Map<String, String> out = new LinkedHashMap<>();
            for (Map.Entry<Object, Object> e : plain.entrySet()) {
                if (!(e.getKey() instanceof String k) || !(e.getValue() instanceof String v)) {
                    throw new MalformedMessage(type + "." + key + ": expected a map of strings to strings");
                }
                out.put(k, v);
            }
            return out;
        }
    }
}
