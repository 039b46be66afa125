package dev.tractor.internal.msg;

import dev.tractor.msg.MsgPackException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The decoder's fast path for the messages that streams carry by the million ({@code Yield},
 * {@code Started}, {@code Return}, {@code Stop}) when they come in the canonical layout, the one
 * {@link MsgCodec} and Python tractor's msgspec both write: {@code msg_type} first, then {@code cid}, then
 * {@code pld}, with short ASCII names. It matches the bytes directly instead of collecting the fields of
 * an arbitrary map; anything else (another order, extra keys, odd encodings, bad bytes) returns null and
 * takes the general path, which also produces every error message. So it changes speed, never results.
 */
public final class StreamedMessages {
    private static final byte[] MSG_TYPE_KEY = fixstr("msg_type");
    private static final byte[] CID_KEY = fixstr("cid");
    private static final byte[] PLD_KEY = fixstr("pld");
    private static final byte[] YIELD = fixstr("Yield");
    private static final byte[] STARTED = fixstr("Started");
    private static final byte[] RETURN = fixstr("Return");
    private static final byte[] STOP = fixstr("Stop");

    private StreamedMessages() {
    }

    /** The message, or null when the body is not one of these in the canonical layout. */
    static Msg tryDecode(byte[] body) {
        try {
            return decode(body);
        } catch (MsgPackException e) {
            return null; // the general path reports it properly
        }
    }

    private static Msg decode(byte[] body) {
        if (body.length < 1 + MSG_TYPE_KEY.length) {
            return null;
        }
        int fields = body[0] & 0xff;
        if (fields != 0x82 && fields != 0x83 || !startsWith(body, 1, MSG_TYPE_KEY)) {
            return null;
        }
        int at = 1 + MSG_TYPE_KEY.length;
        int kind;
        if (startsWith(body, at, YIELD)) {
            kind = 0;
            at += YIELD.length;
        } else if (startsWith(body, at, STARTED)) {
            kind = 1;
            at += STARTED.length;
        } else if (startsWith(body, at, RETURN)) {
            kind = 2;
            at += RETURN.length;
        } else if (startsWith(body, at, STOP)) {
            kind = 3;
            at += STOP.length;
        } else {
            return null;
        }
        if ((kind == 3) != (fields == 0x82) || !startsWith(body, at, CID_KEY)) {
            return null;
        }
        int cidAt = at + CID_KEY.length;
        String cid = cachedCid(body, cidAt);
        MsgPackReader r;
        if (cid != null) {
            at = cidAt + 1 + (body[cidAt] & 0x1f);
            if (kind == 3) {
                return at == body.length ? new Msg.Stop(cid) : null;
            }
        } else {
            r = new MsgPackReader(body, cidAt, body.length - cidAt);
            if (r.peekType() != MsgPackType.STRING) {
                return null;
            }
            cid = r.readString();
            if (kind == 3) {
                return r.hasRemaining() ? null : new Msg.Stop(cid);
            }
            at = r.position();
            remember(body, cidAt, at, cid);
        }
        if (!startsWith(body, at, PLD_KEY)) {
            return null;
        }
        int pldAt = at + PLD_KEY.length;
        r = new MsgPackReader(body, pldAt, body.length - pldAt);
        r.skipValue();
        if (r.hasRemaining()) {
            return null;
        }
        Payload pld = Payload.trusted(Arrays.copyOfRange(body, pldAt, body.length));
        return switch (kind) {
            case 0 -> new Msg.Yield(cid, pld);
            case 1 -> new Msg.Started(cid, pld);
            default -> new Msg.Return(cid, pld);
        };
    }

    /**
     * The last cid decoded as a short string, and its bytes: a stream sends frame after frame with the same
     * cid, so its text is decoded once, not per frame. Shared by every reader loop; a racy overwrite only
     * costs a miss (the record is immutable and its fields final).
     */
    private record LastCid(byte[] encoded, String text) {
    }

    private static LastCid lastCid = new LastCid(new byte[0], "");

    /** The cid at {@code at} if it is a fixstr equal to the last one decoded, else null. */
    private static String cachedCid(byte[] body, int at) {
        if (at >= body.length || (body[at] & 0xe0) != 0xa0) {
            return null;
        }
        LastCid last = lastCid;
        byte[] encoded = last.encoded();
        int length = 1 + (body[at] & 0x1f);
        if (encoded.length != length || at + length > body.length) {
            return null;
        }
        for (int i = 0; i < length; i++) {
            if (body[at + i] != encoded[i]) {
                return null;
            }
        }
        return last.text();
    }

    private static void remember(byte[] body, int from, int to, String cid) {
        if ((body[from] & 0xe0) == 0xa0) {
            lastCid = new LastCid(Arrays.copyOfRange(body, from, to), cid);
        }
    }

    private static boolean startsWith(byte[] body, int at, byte[] prefix) {
        if (at + prefix.length > body.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (body[at + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static byte[] fixstr(String ascii) {
        byte[] chars = ascii.getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[1 + chars.length];
        out[0] = (byte) (0xa0 | chars.length);
        System.arraycopy(chars, 0, out, 1, chars.length);
        return out;
    }
}
