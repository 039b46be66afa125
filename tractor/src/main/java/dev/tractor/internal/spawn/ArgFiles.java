package dev.tractor.internal.spawn;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The {@code java} launcher's argument files ({@code @file}): writing one for a child whose class path or
 * module path is too long for a command line argument (Linux takes at most 128 KiB in one argument), and
 * reading this JVM's own so that its options in them are inherited like the ones on its command line.
 *
 * <p>Files are written owner-only in a directory of this process's own ({@code tractor-args-*} in
 * {@code java.io.tmpdir}, mode 700), once per distinct content (every child of a parent shares its class
 * path), and deleted with the directory when this JVM exits. A child reads its argument file as its JVM
 * starts, long before the parent exits; a parent killed with SIGKILL (or halted) leaves its directory behind.
 */
final class ArgFiles {
    /** Above this many characters, the code options of a child go through an argument file. */
    static final int LIMIT = 32 * 1024;

    private static final Map<String, Path> WRITTEN = new HashMap<>();
    private static Path directory;

    private ArgFiles() {
    }

    /** Whether {@code arguments} together are too long to go on a command line comfortably. */
    static boolean tooLong(List<String> arguments) {
        long length = 0;
        for (String a : arguments) {
            length += a.length() + 1;
        }
        return length > LIMIT;
    }

    /**
     * The path of an argument file holding {@code arguments}, written now or earlier by this process.
     *
     * @throws UncheckedIOException if it cannot be written
     */
    static synchronized Path of(List<String> arguments) {
        String text = text(arguments);
        Path file = WRITTEN.get(text);
        if (file != null && Files.exists(file)) {
            return file;
        }
        try {
            file = Files.createTempFile(directory(), "child-", ".args");
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write an argument file for a child's JVM: " + e.getMessage(), e);
        }
        WRITTEN.put(text, file);
        return file;
    }

    private static Path directory() throws IOException {
        if (directory == null) {
            Path made = Files.createTempDirectory("tractor-args-",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().unstarted(() -> delete(made)));
            directory = made;
        }
        return directory;
    }

    private static void delete(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException | UncheckedIOException e) {
            // the JVM is exiting: a file left in the temporary directory is all that can go wrong
        }
    }

    /** The content of an argument file for {@code arguments}: each quoted, one a line. */
    static String text(List<String> arguments) {
        StringBuilder text = new StringBuilder();
        for (String a : arguments) {
            text.append('"');
            for (char c : a.toCharArray()) {
                switch (c) {
                    case '"', '\\' -> text.append('\\').append(c);
                    case '\n' -> text.append("\\n");
                    case '\r' -> text.append("\\r");
                    case '\t' -> text.append("\\t");
                    default -> text.append(c);
                }
            }
            text.append("\"\n");
        }
        return text.toString();
    }

    /**
     * {@code arguments} (a {@code java} command line without the executable) with each {@code @file} before
     * the main class replaced by the arguments in it, as the launcher reads them. An unreadable file is left
     * as it is.
     */
    static List<String> expand(List<String> arguments) {
        List<String> expanded = new ArrayList<>();
        boolean options = true;
        for (String a : arguments) {
            if (options && a.startsWith("@") && !a.startsWith("@@")) {
                try {
                    expanded.addAll(parse(Files.readString(Path.of(a.substring(1)))));
                    continue;
                } catch (IOException | RuntimeException e) {
                    // not a file the launcher read either, or gone since: keep it as it is
                }
            }
            if (options && !a.startsWith("-")) {
                options = false; // the main class: what follows are the program's arguments
            }
            expanded.add(a);
        }
        return expanded;
    }

    /**
     * The arguments in an argument file: separated by white space, quoted with {@code "} or {@code '}
     * (with backslash escapes inside quotes), {@code #} to the end of a line a comment.
     */
    static List<String> parse(String text) {
        List<String> arguments = new ArrayList<>();
        StringBuilder current = null;
        char quote = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else if (c == '\\' && i + 1 < text.length()) {
                    char next = text.charAt(++i);
                    current.append(switch (next) {
                        case 'n' -> '\n';
                        case 'r' -> '\r';
                        case 't' -> '\t';
                        case 'f' -> '\f';
                        default -> next;
                    });
                } else {
                    current.append(c);
                }
            } else if (Character.isWhitespace(c)) {
                if (current != null) {
                    arguments.add(current.toString());
                    current = null;
                }
            } else if (c == '#' && current == null) {
                while (i + 1 < text.length() && text.charAt(i + 1) != '\n') {
                    i++;
                }
            } else {
                if (current == null) {
                    current = new StringBuilder();
                }
                if (c == '"' || c == '\'') {
                    quote = c;
                } else {
                    current.append(c);
                }
            }
        }
        if (current != null) {
            arguments.add(current.toString());
        }
        return arguments;
    }
}
