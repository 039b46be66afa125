package dev.tractor.internal.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tractor.ipc.Secret;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The per-user secret file. */
class CookieTest {
    @Test
    void theFirstUseCreatesAnOwnerOnlyCookieThatLaterUsesShare(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("config/tractor/cookie");
        Secret first = Cookie.secret(file);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())));
        Secret again = Cookie.secret(file);
        assertEquals(first.toBase64(), again.toBase64(), "the same secret for every program of the user");
        assertEquals(first.toBase64(), Files.readString(file).strip());
    }

    @Test
    void aCookieOthersMayReadIsRefused(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("cookie");
        Files.writeString(file, Secret.generate().toBase64());
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> Cookie.secret(file));
        assertTrue(e.getMessage().contains("may be read by others (rw-r--r--)"), e.getMessage());
    }

    @Test
    void aCookieThatHoldsNoSecretIsRefused(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("cookie");
        Files.writeString(file, "not base64 at all!");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        assertThrows(IllegalArgumentException.class, () -> Cookie.secret(file));
    }

    @Test
    void thePropertyNamesTheFile(@TempDir Path dir) {
        String before = System.getProperty(Cookie.PROPERTY);
        try {
            System.setProperty(Cookie.PROPERTY, dir.resolve("elsewhere").toString());
            assertEquals(dir.resolve("elsewhere"), Cookie.path());
        } finally {
            if (before == null) {
                System.clearProperty(Cookie.PROPERTY);
            } else {
                System.setProperty(Cookie.PROPERTY, before);
            }
        }
    }
}
