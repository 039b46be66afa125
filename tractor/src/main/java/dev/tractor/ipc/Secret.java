package dev.tractor.ipc;

import dev.tractor.internal.ipc.Handshake;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The secret an actor tree shares: every connection proves it holds it before anything else is said (see
 * {@link Handshake}); it never travels on the wire. A child gets it from its parent through the
 * environment or an inherited pipe, never on the command line (DESIGN.md section 5).
 */
public final class Secret {
    private static final int BYTES = 32;
    private final byte[] key;

    private Secret(byte[] key) {
        this.key = key;
    }

    /** A new random secret (256 bits from {@link SecureRandom}). */
    public static Secret generate() {
        byte[] key = new byte[BYTES];
        new SecureRandom().nextBytes(key);
        return new Secret(key);
    }

    /**
     * The secret written by {@link #toBase64()}.
     *
     * @throws IllegalArgumentException if the text is not base64 of 32 bytes
     */
    public static Secret fromBase64(String text) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(text.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("a tractor secret is base64 text; this is not");
        }
        if (key.length != BYTES) {
            throw new IllegalArgumentException("a tractor secret has " + BYTES + " bytes, this one " + key.length);
        }
        return new Secret(key);
    }

    /** The secret as base64 text, to hand to a child process (through its environment, never argv). */
    public String toBase64() {
        return Base64.getEncoder().encodeToString(key);
    }

    /**
     * HMAC-SHA256 (RFC 2104) under this secret over the parts, in order. Written over
     * {@code MessageDigest} rather than {@code javax.crypto.Mac}: the same bytes (a test holds it to
     * {@code Mac}), without starting the JCE framework, which costs a child actor about 20 ms of start-up.
     */
    public byte[] mac(byte[]... parts) {
        MessageDigest inner = sha256();
        MessageDigest outer = sha256();
        byte[] ipad = new byte[SHA256_BLOCK];
        byte[] opad = new byte[SHA256_BLOCK];
        for (int i = 0; i < SHA256_BLOCK; i++) {
            byte k = i < key.length ? key[i] : 0; // the key (32 bytes) is shorter than a block: zero-padded
            ipad[i] = (byte) (k ^ 0x36);
            opad[i] = (byte) (k ^ 0x5c);
        }
        inner.update(ipad);
        for (byte[] part : parts) {
            inner.update(part);
        }
        outer.update(opad);
        outer.update(inner.digest());
        return outer.digest();
    }

    private static final int SHA256_BLOCK = 64;

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }

    /** Never shows the secret. */
    @Override
    public String toString() {
        return "Secret[redacted]";
    }
}
