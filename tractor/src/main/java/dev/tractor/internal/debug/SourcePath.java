package dev.tractor.internal.debug;

import com.sun.jdi.AbsentInformationException;
import com.sun.jdi.Location;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Where {@code list} finds the source of the paused code: the directories of the system property
 * {@value #PROPERTY} (separated like a class path), else {@code src/main/java}, {@code src/test/java} and
 * {@code .} under the working directory.
 */
public record SourcePath(List<Path> roots) {
    /** The system property that lists the source directories. */
    public static final String PROPERTY = "tractor.debug.sourcePath";

    /** Copies the roots. */
    public SourcePath {
        roots = List.copyOf(roots);
    }

    /** The roots the system property names, or the usual ones. */
    public static SourcePath fromSystem() {
        String property = System.getProperty(PROPERTY);
        List<Path> roots = new ArrayList<>();
        if (property != null && !property.isBlank()) {
            for (String entry : property.split(File.pathSeparator)) {
                roots.add(Path.of(entry));
            }
        } else {
            roots.addAll(List.of(Path.of("src/main/java"), Path.of("src/test/java"), Path.of(".")));
        }
        return new SourcePath(roots);
    }

    /** The lines around {@code location}, numbered, {@code ->} at its line; or why there are none. */
    String around(Location location, int context) {
        String relative;
        try {
            relative = location.sourcePath();
        } catch (AbsentInformationException e) {
            return "no source information for " + DebugSession.describe(location);
        }
        for (Path root : roots) {
            Path file = root.resolve(relative);
            if (Files.isRegularFile(file)) {
                try {
                    List<String> lines = Files.readAllLines(file);
                    int line = location.lineNumber();
                    StringBuilder text = new StringBuilder();
                    for (int n = Math.max(1, line - context); n <= Math.min(lines.size(), line + context); n++) {
                        text.append(String.format("%4d %s %s%n", n, n == line ? "->" : "  ", lines.get(n - 1)));
                    }
                    return text.toString().stripTrailing();
                } catch (IOException e) {
                    return "cannot read " + file + ": " + e.getMessage();
                }
            }
        }
        return "source not found: " + relative + " (line " + location.lineNumber() + "); set -D" + PROPERTY
                + " to the source directories";
    }
}
