package dev.tractor.internal.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class EnabledClassesTest {

    @Test
    void aClassEntryAllowsThatClassOnly() {
        EnabledClasses enabled = EnabledClasses.of(List.of("com.example.Primes"));
        assertTrue(enabled.allows("com.example.Primes"));
        assertFalse(enabled.allows("com.example.Primes2"));
        assertFalse(enabled.allows("com.example.Primes$Inner"), "a nested class is a class of its own");
        assertFalse(enabled.allows("com.example.Other"));
    }

    @Test
    void aPackageEntryAllowsThatPackageButNotItsSubpackages() {
        EnabledClasses enabled = EnabledClasses.of(List.of("com.example.*"));
        assertTrue(enabled.allows("com.example.Primes"));
        assertTrue(enabled.allows("com.example.Outer$Inner"));
        assertFalse(enabled.allows("com.example.math.Primes"));
        assertFalse(enabled.allows("com.examples.Primes"));
        assertFalse(enabled.allows("com.Example"));
    }

    @Test
    void nothingIsEnabledUnlessNamed() {
        EnabledClasses none = EnabledClasses.of(List.of());
        assertFalse(none.allows("dev.tractor.internal.serve.Invoker"));
        assertFalse(none.allows("java.lang.System"));
        assertEquals("none", none.toString());
    }

    @Test
    void theStringFormListsTheEntries() {
        assertEquals("com.example.Primes, com.example.util.*",
                EnabledClasses.of(List.of("com.example.Primes", "com.example.util.*", "com.example.Primes"))
                        .toString());
    }

    @Test
    void malformedEntriesAreRefused() {
        for (String bad : List.of("", "*", ".*", "com.example.**", "com..example", "com.example.", "com.exa mple",
                "com.example.Pri*", "1com.Example")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> EnabledClasses.of(List.of(bad)), bad);
            assertTrue(e.getMessage().contains("names neither a class"), e.getMessage());
        }
    }
}
