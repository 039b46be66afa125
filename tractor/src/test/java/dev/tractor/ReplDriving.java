package dev.tractor;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** What the debugger's tests share: typing into a REPL, finding a marked line, a command in a terminal. */
final class ReplDriving {
    private ReplDriving() {
    }

    /** Types {@code line} and Enter. */
    static void type(OutputStream in, String line) throws IOException {
        in.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        in.flush();
    }

    /** The number of the line of test source {@code file} (under src/test/java/dev/tractor) that holds {@code marker}. */
    static int lineOf(String file, String marker) throws IOException {
        List<String> lines = Files.readAllLines(Path.of("src/test/java/dev/tractor", file));
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(marker)) {
                return i + 1;
            }
        }
        throw new AssertionError(marker + " not in " + file);
    }

    /** {@code command} as one line for a POSIX shell, each word quoted. */
    static String shellLine(List<String> command) {
        return String.join(" ", command.stream().map(a -> "'" + a.replace("'", "'\\''") + "'").toList());
    }
}
