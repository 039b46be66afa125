package dev.tractor.ipc;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

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

    /** HMAC-SHA256 under this secret over the parts, in order. */
    byte[] mac(byte[]... parts) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            for (byte[] part : parts) {
                mac.update(part);
            }
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JDK", e);
        }
    }

    /** Never shows the secret. */
    @Override
    public String toString() {
        return "Secret[redacted]";
    }
}
