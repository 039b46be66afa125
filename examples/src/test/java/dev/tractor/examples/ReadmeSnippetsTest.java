package dev.tractor.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Keeps the README honest: every {@code java} snippet in it must be an excerpt of the example file
 * linked last before it (compared line by line, indentation ignored), and the quick start must be the two
 * commands.
 */
class ReadmeSnippetsTest {
    private static final Pattern EXAMPLE_LINK = Pattern.compile("\\((examples/src/main/java/[\\w/]+\\.java)\\)");

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void javaSnippetsAreExcerptsOfTheExampleTheyName() throws IOException {
        Path root = repositoryRoot();
        List<String> readme = Files.readAllLines(root.resolve("README.md"));
        String file = null;
        int checked = 0;
        for (int i = 0; i < readme.size(); i++) {
            String line = readme.get(i);
            if (line.startsWith("```")) {
                int end = closingFence(readme, i);
                if (line.equals("```java")) {
                    String source = file;
                    int at = i + 1;
                    assertNotNull(source, () -> "README.md line " + at + ": a java snippet with no example file "
                            + "linked before it");
                    List<String> snippet = stripped(readme.subList(i + 1, end));
                    List<String> code = stripped(Files.readAllLines(root.resolve(source)));
                    assertTrue(Collections.indexOfSubList(code, snippet) >= 0, () -> "README.md line " + at
                            + ": the snippet is not an excerpt of " + source + "\n" + String.join("\n", snippet));
                    checked++;
                }
                i = end;
                continue;
            }
            Matcher m = EXAMPLE_LINK.matcher(line);
            while (m.find()) {
                file = m.group(1);
                assertTrue(Files.isRegularFile(root.resolve(file)), "README.md links a missing file: " + file);
            }
        }
        assertTrue(checked >= 8, "expected the tour to have at least 8 snippets, found " + checked);
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void quickStartIsTheTwoCommands() throws IOException {
        List<String> readme = Files.readAllLines(repositoryRoot().resolve("README.md"));
        int section = readme.indexOf("## Quick start");
        assertTrue(section >= 0, "README.md has no '## Quick start' section");
        int fence = section + 1;
        while (!readme.get(fence).startsWith("```")) {
            fence++;
        }
        List<String> block = readme.subList(fence + 1, closingFence(readme, fence));
        assertEquals(List.of("bin/demo    # runs the demo",
                "bin/test    # builds everything and runs the whole test suite"), block);
        for (String script : List.of("bin/demo", "bin/test")) {
            assertTrue(Files.isExecutable(repositoryRoot().resolve(script)), script + " is not executable");
        }
    }

    private static int closingFence(List<String> lines, int open) {
        for (int j = open + 1; j < lines.size(); j++) {
            if (lines.get(j).equals("```")) {
                return j;
            }
        }
        return fail("README.md line " + (open + 1) + ": unclosed code block");
    }

    private static List<String> stripped(List<String> lines) {
        List<String> out = new ArrayList<>();
        for (String l : lines) {
            out.add(l.strip());
        }
        return out;
    }

    /** The directory with README.md; tests run in the examples module, one level below it. */
    static Path repositoryRoot() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("README.md")) && Files.isDirectory(p.resolve("examples"))) {
                return p;
            }
        }
        return fail("cannot find the repository root (README.md next to examples/) from "
                + Path.of("").toAbsolutePath());
    }
}
