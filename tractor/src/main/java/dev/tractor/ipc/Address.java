package dev.tractor.ipc;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Objects;
import java.util.Set;

/**
 * Where an actor listens, with a string form that round-trips: {@code tcp://127.0.0.1:1616},
 * {@code tcp://[::1]:1616}, {@code uds:///run/user/1000/tractor/worker@4242.sock}.
 */
public sealed interface Address permits Address.Tcp, Address.Uds {

    /**
     * Parses the string form.
     *
     * @throws IllegalArgumentException if the string is not a {@code tcp://host:port} or
     *     {@code uds:///absolute/path} address, saying what is wrong
     */
    static Address parse(String text) {
        Objects.requireNonNull(text, "text");
        if (text.startsWith("tcp://")) {
            String rest = text.substring("tcp://".length());
            int colon = rest.lastIndexOf(':');
            if (colon <= 0 || colon == rest.length() - 1) {
                throw new IllegalArgumentException("'" + text + "' is not tcp://host:port");
            }
            String host = rest.substring(0, colon);
            if (host.startsWith("[") && host.endsWith("]")) {
                host = host.substring(1, host.length() - 1);
            } else if (host.contains(":")) {
                throw new IllegalArgumentException("'" + text + "': put an IPv6 host in brackets, tcp://[::1]:1616");
            }
            int port;
            try {
                port = Integer.parseInt(rest.substring(colon + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + text + "': the port is not a number");
            }
            return new Tcp(host, port);
        }
        if (text.startsWith("uds://")) {
            String path = text.substring("uds://".length());
            if (!path.startsWith("/")) {
                throw new IllegalArgumentException("'" + text + "': a uds address needs an absolute path, uds:///dir/name.sock");
            }
            return new Uds(Path.of(path));
        }
        throw new IllegalArgumentException("'" + text + "' is neither a tcp:// nor a uds:// address");
    }

    /** The JDK socket address to bind or connect to. */
    SocketAddress socketAddress();

    /**
     * A TCP address.
     *
     * @param host a host name or an IP literal (without brackets)
     * @param port 0 to 65535; 0 binds an ephemeral port
     */
    record Tcp(String host, int port) implements Address {
        /** Checks the port and the host. */
        public Tcp {
            Objects.requireNonNull(host, "host");
            if (host.isEmpty()) {
                throw new IllegalArgumentException("empty host");
            }
            if (port < 0 || port > 65_535) {
                throw new IllegalArgumentException("port " + port + " is outside 0..65535");
            }
        }

        /** The IPv4 loopback address {@code 127.0.0.1} with {@code port}: where servers bind by default. */
        public static Tcp loopback(int port) {
            return new Tcp("127.0.0.1", port);
        }

        @Override
        public SocketAddress socketAddress() {
            return new InetSocketAddress(host, port);
        }

        /** Whether the host is a loopback address. */
        public boolean isLoopback() {
            try {
                return InetAddress.getByName(host).isLoopbackAddress();
            } catch (IOException e) {
                return false;
            }
        }

        @Override
        public String toString() {
            return "tcp://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
        }
    }

    /**
     * A Unix-domain socket address.
     *
     * @param path the absolute path of the socket file
     */
    record Uds(Path path) implements Address {
        /** Checks the path. */
        public Uds {
            Objects.requireNonNull(path, "path");
            if (!path.isAbsolute()) {
                throw new IllegalArgumentException("a uds path must be absolute: " + path);
            }
        }

        /**
         * The socket for actor {@code name} in process {@code pid}, in {@link #directory()}:
         * {@code <dir>/<name>@<pid>.sock}, with the name made safe for a file name first: every character
         * but ASCII letters, digits, {@code -}, {@code _} and a single {@code .} inside the name becomes
         * {@code _}, so that any name gives a plain file inside the directory ({@code ../worker} gives
         * {@code _._worker}, never a path out of it nor a hidden file).
         */
        public static Uds forActor(String name, long pid) {
            return new Uds(directory().resolve(fileNamePart(name) + "@" + pid + ".sock"));
        }

        /** {@code text} as a part of a file name; see {@link #forActor}. */
        private static String fileNamePart(String text) {
            StringBuilder safe = new StringBuilder(text.length());
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                boolean plain = c < 128 && (Character.isLetterOrDigit(c) || c == '_' || c == '-');
                // A dot only inside a name and never two in a row: no "..", no hidden file.
                boolean dot = c == '.' && !safe.isEmpty() && safe.charAt(safe.length() - 1) != '.';
                safe.append(plain || dot ? c : '_');
            }
            return safe.toString();
        }

        /**
         * The directory for this user's sockets, created with mode 0700 if needed:
         * {@code $XDG_RUNTIME_DIR/tractor}, else {@code <tmpdir>/tractor-<user>}.
         *
         * @throws UncheckedIOException if it cannot be created, or exists with permissions for others
         */
        public static Path directory() {
            String runtime = System.getenv("XDG_RUNTIME_DIR");
            Path dir = runtime != null && !runtime.isBlank()
                    ? Path.of(runtime, "tractor")
                    : Path.of(System.getProperty("java.io.tmpdir"), "tractor-" + System.getProperty("user.name"));
            try {
                createDirectories(dir);
                Set<PosixFilePermission> actual = Files.getPosixFilePermissions(dir);
                if (!actual.equals(OWNER_ONLY)) {
                    Files.setPosixFilePermissions(dir, OWNER_ONLY);
                }
                return dir;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot prepare the socket directory " + dir, e);
            }
        }

        private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rwx------");

        /**
         * Creates {@code dir} and the directories above it that do not exist, each with mode 0700 (owner
         * only), as the default socket directory is; directories that exist are left as they are.
         */
        public static void createDirectories(Path dir) throws IOException {
            if (!Files.isDirectory(dir)) {
                Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
            }
        }

        @Override
        public SocketAddress socketAddress() {
            return UnixDomainSocketAddress.of(path);
        }

        @Override
        public String toString() {
            return "uds://" + path;
        }
    }
}
