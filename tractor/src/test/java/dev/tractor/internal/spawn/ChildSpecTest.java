package dev.tractor.internal.spawn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link ChildSpec}: checked, copied, and never shows a secret. */
class ChildSpecTest {
    @Test
    void theCollectionsAreCopied() {
        List<String> args = new ArrayList<>(List.of("a"));
        Map<String, String> env = new HashMap<>(Map.of("K", "v"));
        List<String> options = new ArrayList<>(List.of("-Xmx64m"));
        ChildSpec spec = new ChildSpec("n", "u", "Main", args, env, options);
        args.add("b");
        env.put("L", "w");
        options.add("-ea");

        assertEquals(List.of("a"), spec.args());
        assertEquals(Map.of("K", "v"), spec.env());
        assertEquals(List.of("-Xmx64m"), spec.jvmOptions());
        assertThrows(UnsupportedOperationException.class, () -> spec.args().add("c"));
        assertEquals("n@u", spec.actor());
    }

    @Test
    void nullsEmptyNamesAndBadVariablesAreRejected() {
        assertThrows(NullPointerException.class, () -> new ChildSpec(null, "u", "Main"));
        assertThrows(NullPointerException.class, () -> new ChildSpec("n", "u", "Main", null, Map.of(), List.of()));
        assertThrows(NullPointerException.class,
                () -> new ChildSpec("n", "u", "Main", List.of(), Map.of(), java.util.Arrays.asList("-ea", null)));
        assertThrows(IllegalArgumentException.class, () -> new ChildSpec("n", "", "Main"));
        assertThrows(IllegalArgumentException.class, () -> new ChildSpec("n", "u", ""));
        assertThrows(IllegalArgumentException.class,
                () -> new ChildSpec("n", "u", "Main", List.of(), Map.of("A=B", "v"), List.of()));
        assertThrows(IllegalArgumentException.class,
                () -> new ChildSpec("n", "u", "Main", List.of(), Map.of("A", "v\0"), List.of()));
    }

    @Test
    void theStringFormNamesTheVariablesButNotTheirValues() {
        String text = new ChildSpec("n", "u", "Main", List.of(), Map.of("TRACTOR_SECRET", "hidden"), List.of())
                .toString();
        assertTrue(text.contains("TRACTOR_SECRET"), text);
        assertFalse(text.contains("hidden"), text);
    }
}
