package dev.tractor.internal.discovery;

import dev.tractor.ipc.Secret;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * The per-user secret that the programs of one user share (Erlang's cookie): a file only that user can
 * read, created with a random secret on first use. Every root of the user's programs on this host uses
 * it, so a separate program can join a tree that is running, and a program of another user cannot. Give
 * another host the same secret (copy the file, or set the environment variable) to let it join.
 *
 * <p>Where: the system property {@code tractor.cookie} if set, else {@code $XDG_CONFIG_HOME/tractor/cookie},
 * else {@code ~/.config/tractor/cookie}. The environment variable {@code TRACTOR_SECRET}, when set, takes
 * precedence over the file (that is also how a child actor gets its tree's secret).
 */
public final class Cookie {
    /** The system property that names the cookie file. */
    public static final String PROPERTY = "tractor.cookie";

    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private Cookie() {
    }

    /** The cookie file this process uses (see the class comment). */
    public static Path path() {
        String explicit = System.getProperty(PROPERTY);
        if (explicit != null && !explicit.isBlank()) {
            return Path.of(explicit);
        }
        String config = System.getenv("XDG_CONFIG_HOME");
        Path base = config != null && !config.isBlank() ? Path.of(config)
                : Path.of(System.getProperty("user.home"), ".config");
        return base.resolve("tractor").resolve("cookie");
    }

    /**
     * The secret in the cookie file, which is created (mode 0600, in a directory of mode 0700) with a new
     * random secret if it does not exist yet.
     *
     * @throws UncheckedIOException if the file cannot be read or created, or others may read it
     * @throws IllegalArgumentException if the file does not hold a secret
     */
    public static Secret secret() {
        return secret(path());
    }

    /** Like {@link #secret()}, for the cookie file at {@code file}. */
    public static Secret secret(Path file) {
        try {
            if (!Files.exists(file)) {
                create(file);
            }
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
            if (!OWNER_ONLY.containsAll(permissions)) {
                throw new UncheckedIOException(new IOException("the cookie file " + file + " may be read by others ("
                        + PosixFilePermissions.toString(permissions) + "); make it rw------- (chmod 600)"));
            }
            return Secret.fromBase64(Files.readString(file).strip());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the cookie file " + file + ": " + e.getMessage(), e);
        }
    }

    private static void create(Path file) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        }
        try {
            Files.writeString(Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY)),
                    Secret.generate().toBase64() + "\n", StandardOpenOption.WRITE);
        } catch (FileAlreadyExistsException raced) {
            // another program made it first: use theirs
        }
    }
}
