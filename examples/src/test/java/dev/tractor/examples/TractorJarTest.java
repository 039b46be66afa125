package dev.tractor.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The library's jar, as a user gets it: {@code java -jar tractor.jar} runs the command line tool. */
class TractorJarTest {
    /** The tractor jar on this test's class path; empty when the build gave the classes as a directory. */
    private static Optional<Path> tractorJar() {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .map(Path::of)
                .filter(p -> p.getFileName().toString().matches("tractor-[^/]*\\.jar"))
                .filter(Files::isRegularFile)
                .findFirst();
    }

    @Test
    void javaDashJarRunsTheCommandLineTool() throws Exception {
        Optional<Path> jar = tractorJar();
        assumeTrue(jar.isPresent(), "the tractor module is on the class path as a directory (a build that stops "
                + "before `package`): there is no jar to run");
        String java = ProcessHandle.current().info().command().orElseThrow();
        Process p = new ProcessBuilder(java, "-jar", jar.get().toString(), "--help").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "java -jar ... --help ends");
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.startsWith("usage: tractor ps"), out);
    }

    @Test
    void sourcesAndJavadocJarsAreBuiltBesideIt() throws Exception {
        Optional<Path> jar = tractorJar();
        assumeTrue(jar.isPresent(), "the tractor module is on the class path as a directory: no jars were built");
        String name = jar.get().getFileName().toString().replace(".jar", "");
        for (String kind : new String[] {"sources", "javadoc"}) {
            Path attached = jar.get().resolveSibling(name + "-" + kind + ".jar");
            assertTrue(Files.isRegularFile(attached), attached + " exists");
            try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(attached.toFile())) {
                // javadoc of a named module puts its pages under the module's name
                String entry = kind.equals("sources") ? "dev/tractor/Tractor.java" : "dev/tractor/Tractor.html";
                assertTrue(zip.stream().anyMatch(e -> e.getName().endsWith(entry)), attached + " holds " + entry);
            }
        }
    }
}
