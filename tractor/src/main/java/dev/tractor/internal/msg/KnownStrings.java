package dev.tractor.internal.msg;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A fixed set of short ASCII strings (message keys and type names) that the decoder recognises in the
 * bytes and returns as these very instances, so that decoding a message allocates no string for them.
 * Looked up by length and first byte, since the decoder meets them on every message.
 */
public final class KnownStrings {
    private static final int MAX_LENGTH = 31; // fixstr: the form every known name is written in

    private final String[][] byLength = new String[MAX_LENGTH + 1][];
    private final byte[][][] bytesByLength = new byte[MAX_LENGTH + 1][][];

    KnownStrings(String... strings) {
        List<List<String>> groups = new ArrayList<>();
        for (int i = 0; i <= MAX_LENGTH; i++) {
            groups.add(new ArrayList<>());
        }
        for (String s : strings) {
            if (s.length() > MAX_LENGTH || !StandardCharsets.US_ASCII.newEncoder().canEncode(s)) {
                throw new IllegalArgumentException("not a short ASCII string: " + s);
            }
            groups.get(s.length()).add(s);
        }
        for (int n = 0; n <= MAX_LENGTH; n++) {
            byLength[n] = groups.get(n).toArray(String[]::new);
            bytesByLength[n] = groups.get(n).stream().map(s -> s.getBytes(StandardCharsets.US_ASCII))
                    .toArray(byte[][]::new);
        }
    }

    /** The known string equal to {@code n} bytes of {@code data} at {@code from}, or null. */
    String find(byte[] data, int from, int n) {
        if (n > MAX_LENGTH) {
            return null;
        }
        byte[][] candidates = bytesByLength[n];
        for (int i = 0; i < candidates.length; i++) {
            if (sameBytes(candidates[i], data, from)) {
                return byLength[n][i];
            }
        }
        return null;
    }

    /** A plain loop: these strings are a few bytes long, too short for the vectorised comparisons. */
    private static boolean sameBytes(byte[] candidate, byte[] data, int from) {
        for (int i = 0; i < candidate.length; i++) {
            if (candidate[i] != data[from + i]) {
                return false;
            }
        }
        return true;
    }
}
