package dev.tractor.internal.msg;

import dev.tractor.msg.Uid;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The messages actors exchange, one per frame (Python tractor's message spec, field for field). Each is
 * encoded by {@link MsgCodec} as a msgpack map whose {@code msg_type} key names the record and whose other
 * keys are the snake_case names given on each record. Payloads stay {@link Payload} bytes until the
 * receiver binds them to the type it expects.
 */
public sealed interface Msg {

    /**
     * Actor identity, exchanged first on every connection ({@code Aid}: {@code name}, {@code uuid},
     * {@code pid}, {@code is_registrar}, {@code is_probe}).
     *
     * @param pid the process id, or -1 when not known
     */
    record Aid(String name, String uuid, long pid, boolean isRegistrar, boolean isProbe) implements Msg {
        /** Checks the required fields. */
        public Aid {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(uuid, "uuid");
        }

        /** The identity as a {@link Uid}. */
        public Uid uid() {
            return new Uid(name, uuid);
        }
    }

    /**
     * What a parent hands a child after the identity exchange ({@code SpawnSpec}: {@code _parent_main_data},
     * {@code _runtime_vars}, {@code enable_modules}, {@code reg_addrs}, {@code bind_addrs}). The maps and
     * lists hold plain payload values (see {@link Payload#toPlain()}); the actor runtime gives them shape.
     */
    record SpawnSpec(Map<Object, Object> parentMainData, Map<Object, Object> runtimeVars,
                     Map<String, String> enableModules, List<Object> registryAddresses,
                     List<Object> bindAddresses) implements Msg {
        /** Copies the collections (plain values may be null, so not with {@code Map.copyOf}). */
        public SpawnSpec {
            parentMainData = Collections.unmodifiableMap(new LinkedHashMap<>(parentMainData));
            runtimeVars = Collections.unmodifiableMap(new LinkedHashMap<>(runtimeVars));
            enableModules = Collections.unmodifiableMap(new LinkedHashMap<>(enableModules));
            registryAddresses = Collections.unmodifiableList(new ArrayList<>(registryAddresses));
            bindAddresses = Collections.unmodifiableList(new ArrayList<>(bindAddresses));
        }
    }

    /**
     * A request to run a remote function ({@code Start}: {@code cid}, {@code ns}, {@code func},
     * {@code kwargs}, {@code uid}, {@code pld_spec}). Arguments travel by parameter name.
     */
    record Start(String cid, String ns, String func, Map<String, Payload> kwargs, Uid uid, String pldSpec)
            implements Msg {
        /** Checks the required fields and copies the arguments. */
        public Start {
            Objects.requireNonNull(cid, "cid");
            Objects.requireNonNull(ns, "ns");
            Objects.requireNonNull(func, "func");
            kwargs = Map.copyOf(kwargs);
            Objects.requireNonNull(uid, "uid");
            Objects.requireNonNull(pldSpec, "pldSpec");
        }
    }

    /** The callee's answer to a {@link Start} ({@code StartAck}: {@code cid}, {@code functype}). */
    record StartAck(String cid, FuncType functype) implements Msg {
        /** Checks the fields. */
        public StartAck {
            Objects.requireNonNull(cid, "cid");
            Objects.requireNonNull(functype, "functype");
        }
    }

    /** The first value of a context ({@code Started}: {@code cid}, {@code pld}). */
    record Started(String cid, Payload pld) implements Msg {
        /** Checks the fields. */
        public Started {
            Objects.requireNonNull(cid, "cid");
            Objects.requireNonNull(pld, "pld");
        }
    }

    /** One value of a stream ({@code Yield}: {@code cid}, {@code pld}). */
    record Yield(String cid, Payload pld) implements Msg {
        /** Checks the fields. */
        public Yield {
            Objects.requireNonNull(cid, "cid");
            Objects.requireNonNull(pld, "pld");
        }
    }

    /** The end of a stream ({@code Stop}: {@code cid}). */
    record Stop(String cid) implements Msg {
        /** Checks the field. */
        public Stop {
            Objects.requireNonNull(cid, "cid");
        }
    }

    /**
     * The reader of a context's stream has consumed {@code n} more of its values ({@code Credit}: {@code cid},
     * {@code n}), so that the sender may have that many more in flight without overrunning it (ADR 0023,
     * "A publisher into a stream: credit"). A tractor-for-Java extension, like {@link AuthChallenge}.
     */
    record Credit(String cid, long n) implements Msg {
        /** Checks the fields. */
        public Credit {
            Objects.requireNonNull(cid, "cid");
            if (n <= 0) {
                throw new IllegalArgumentException("a credit is positive: " + n);
            }
        }
    }

    /** The final value of a remote call ({@code Return}: {@code cid}, {@code pld}). */
    record Return(String cid, Payload pld) implements Msg {
        /** Checks the fields. */
        public Return {
            Objects.requireNonNull(cid, "cid");
            Objects.requireNonNull(pld, "pld");
        }
    }

    /** The result of a cancel request ({@code CancelAck}: {@code cid}, {@code pld} a boolean). */
    record CancelAck(String cid, boolean pld) implements Msg {
        /** Checks the field. */
        public CancelAck {
            Objects.requireNonNull(cid, "cid");
        }
    }

    /**
     * The first frame a connecting side sends ({@code AuthChallenge}: {@code nonce}, 32 random bytes), which
     * opens the authentication handshake that precedes every other message. Not part of Python tractor's
     * spec: a tractor-for-Java extension, see {@code docs/guide/wire-format.md}.
     */
    record AuthChallenge(byte[] nonce) implements Msg {
        /** Copies the nonce. */
        public AuthChallenge {
            nonce = nonce.clone();
        }

        @Override
        public byte[] nonce() {
            return nonce.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof AuthChallenge a && java.util.Arrays.equals(nonce, a.nonce);
        }

        @Override
        public int hashCode() {
            return java.util.Arrays.hashCode(nonce);
        }

        @Override
        public String toString() {
            return "AuthChallenge[" + nonce.length + " bytes]";
        }
    }

    /**
     * A proof of holding the tree's secret ({@code AuthProof}: {@code nonce}, {@code mac}, {@code timeout_ms}):
     * an HMAC over the two sides' nonces. The accepting side sends its own nonce with it; the connecting side
     * sends an empty one. {@code timeout_ms} is the sender's silent-peer timeout: it sends heartbeats (ADR
     * 0022); 0 (or absent, from an older peer) when it sends none. A tractor-for-Java extension, like
     * {@link AuthChallenge}.
     */
    record AuthProof(byte[] nonce, byte[] mac, long timeoutMillis) implements Msg {
        /** Copies the arrays. */
        public AuthProof {
            nonce = nonce.clone();
            mac = mac.clone();
        }

        /** A proof from a side that sends no heartbeats. */
        public AuthProof(byte[] nonce, byte[] mac) {
            this(nonce, mac, 0);
        }

        @Override
        public byte[] nonce() {
            return nonce.clone();
        }

        @Override
        public byte[] mac() {
            return mac.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof AuthProof a && java.util.Arrays.equals(nonce, a.nonce)
                    && java.util.Arrays.equals(mac, a.mac) && timeoutMillis == a.timeoutMillis;
        }

        @Override
        public int hashCode() {
            return 31 * (31 * java.util.Arrays.hashCode(nonce) + java.util.Arrays.hashCode(mac))
                    + Long.hashCode(timeoutMillis);
        }

        @Override
        public String toString() {
            return "AuthProof[" + nonce.length + "-byte nonce, " + mac.length + "-byte mac, timeout " + timeoutMillis
                    + " ms]";
        }
    }

    /**
     * A sign of life ({@code Heartbeat}: {@code timeout_ms}), sent by the I/O threads of an actor on a
     * connection that has been quiet for a while, so that the peer can tell a quiet connection from a silent
     * one (ADR 0022); it carries no call and is never handed to the runtime. {@code timeout_ms} is the
     * sender's own silent-peer timeout in milliseconds: the receiver waits at least that long before it
     * declares the sender silent, since the sender's heartbeats come as often as that timeout needs. A
     * tractor-for-Java extension, like {@link AuthChallenge}.
     */
    record Heartbeat(long timeoutMillis) implements Msg {
    }

    /**
     * A remote failure ({@code Error}: {@code src_uid}, {@code src_type_str}, {@code boxed_type_str},
     * {@code relay_path}, {@code message}, {@code tb_str}, {@code canceller}, {@code sender}, {@code cid};
     * Python's diagnostic {@code _bad_msg} fields are written as nil and ignored when read).
     */
    record Error(Uid srcUid, String srcType, String boxedType, List<Uid> relayPath, Optional<String> message,
                 String traceback, Optional<Uid> canceller, Optional<Uid> sender, Optional<String> cid)
            implements Msg {
        /** Checks the fields and copies the relay path. */
        public Error {
            Objects.requireNonNull(srcUid, "srcUid");
            Objects.requireNonNull(srcType, "srcType");
            Objects.requireNonNull(boxedType, "boxedType");
            relayPath = List.copyOf(relayPath);
            Objects.requireNonNull(message, "message");
            Objects.requireNonNull(traceback, "traceback");
            Objects.requireNonNull(canceller, "canceller");
            Objects.requireNonNull(sender, "sender");
            Objects.requireNonNull(cid, "cid");
        }
    }
}
