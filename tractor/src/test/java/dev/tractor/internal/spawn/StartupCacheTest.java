package dev.tractor.internal.spawn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The automatic AOT cache of {@link ChildJvm} ({@link StartupCache}), with real processes. */
@Tag("multi-process")
class StartupCacheTest {
    @TempDir
    Path dir;

    @Test
    void aDirectoryOnTheClassPathMeansNoAotOption() throws Exception {
        // The tests run from target/classes and target/test-classes: directories.
        assertFalse(StartupCache.jarsOnly(System.getProperty("java.class.path")));
        List<String> command = new ChildJvm().command(new ChildSpec("worker", "uid-1", "x.Main"));
        assertTrue(command.stream().noneMatch(o -> o.startsWith("-XX:AOT") || o.startsWith("-Xlog:aot")), command::toString);
    }

    @Test
    void aChildWithTheDebuggerAgentGetsNoCachePlan() throws Exception {
        // A JVM with a JDWP agent cannot use an AOT cache; each such child names a port of its own, so a plan
        // would record a configuration per child for caches nobody can use (debug mode, ADR 0021).
        Path jar = Files.writeString(dir.resolve("app.jar"), "not really a jar");
        for (String agent : List.of("-agentlib:jdwp=transport=dt_socket,server=y,address=127.0.0.1:40001",
                "-Xrunjdwp:transport=dt_socket", "-agentpath:/usr/lib/jvm/x/lib/libjdwp.so=transport=dt_socket")) {
            assertTrue(StartupCache.hasDebuggerAgent(List.of("-Xmx64m", agent)), agent);
            assertEquals(StartupCache.Plan.NONE, StartupCache.plan("java", jar.toString(), List.of(agent)), agent);
        }
        assertFalse(StartupCache.hasDebuggerAgent(List.of("-javaagent:/x/agent.jar", "-Xmx64m")));
    }

    @Test
    void onlyTheMostRecentlyUsedCachesAreKept() throws Exception {
        for (int i = 0; i < StartupCache.KEPT_CACHES + 3; i++) {
            Path cache = Files.write(dir.resolve("cache-" + i + ".aot"), new byte[] {1});
            Files.setLastModifiedTime(cache, java.nio.file.attribute.FileTime.fromMillis(1_000_000L * (i + 1)));
        }
        Path other = Files.write(dir.resolve("key.conf"), new byte[] {1});
        StartupCache.pruneOldCaches(dir);
        try (var left = Files.list(dir)) {
            assertEquals(List.of("cache-3.aot", "cache-4.aot", "cache-5.aot", "cache-6.aot", "key.conf"),
                    left.map(p -> p.getFileName().toString()).sorted().toList());
        }
        assertTrue(Files.exists(other), "only caches are pruned");
    }

    @Test
    void onlyExistingJarsCount() throws Exception {
        Path jar = Files.createFile(dir.resolve("a.jar"));
        Path other = Files.createFile(dir.resolve("b.jar"));
        String sep = java.io.File.pathSeparator;
        assertTrue(StartupCache.jarsOnly(jar + sep + other));
        assertFalse(StartupCache.jarsOnly(jar + sep + dir));
        assertFalse(StartupCache.jarsOnly(jar + sep + dir.resolve("missing.jar")));
        assertFalse(StartupCache.jarsOnly(jar + sep));
        assertFalse(StartupCache.jarsOnly(""));
        Files.createDirectory(dir.resolve("d.jar"));
        assertFalse(StartupCache.jarsOnly(dir.resolve("d.jar").toString()));
    }

    @Test
    void theKeyChangesWithTheJarsAndTheOptions() throws Exception {
        Path jar = dir.resolve("a.jar");
        Files.writeString(jar, "one");
        String key = StartupCache.key(jar.toString(), List.of("-Xmx64m"));
        assertEquals(key, StartupCache.key(jar.toString(), List.of("-Xmx64m")));
        assertFalse(key.equals(StartupCache.key(jar.toString(), List.of("-Xmx128m"))));
        Files.writeString(jar, "one more");
        assertFalse(key.equals(StartupCache.key(jar.toString(), List.of("-Xmx64m"))));
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aJarClassPathRecordsOnceThenUsesTheCacheSilently() throws Exception {
        Path jars = Files.createDirectory(dir.resolve("jars"));
        Path main = jar(Path.of("target/classes"), jars.resolve("tractor.jar"));
        Path tests = jar(Path.of("target/test-classes"), jars.resolve("tests.jar"));
        String classPath = main + java.io.File.pathSeparator + tests + java.io.File.pathSeparator
                + dependencyJars();
        Path cacheHome = dir.resolve("cache");
        Path aot = cacheHome.resolve("tractor").resolve("aot");
        Path out = dir.resolve("out.txt");
        Path err = dir.resolve("err.txt");
        ProcessBuilder builder = new ProcessBuilder(ChildJvm.thisJava(), "--sun-misc-unsafe-memory-access=allow",
                "-cp", classPath, AotProgram.class.getName(), aot.toString())
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().put("XDG_CACHE_HOME", cacheHome.toString());
        Process root = builder.start();
        List<ProcessHandle> seen = new ArrayList<>();
        try {
            assertTrue(root.waitFor(50, TimeUnit.SECONDS), "the program did not end");
            root.descendants().forEach(seen::add);
        } finally {
            root.destroyForcibly();
        }
        String output = Files.readString(out, StandardCharsets.UTF_8);
        String errors = Files.readString(err, StandardCharsets.UTF_8);
        assertEquals(0, root.exitValue(), output + errors);
        assertEquals("", errors, "nothing on stderr");
        List<String> lines = output.lines().toList();
        String first = lines.stream().filter(l -> l.startsWith("child 1: ")).findFirst().orElseThrow(() -> new AssertionError(output));
        String second = lines.stream().filter(l -> l.startsWith("child 2: ")).findFirst().orElseThrow(() -> new AssertionError(output));
        assertTrue(first.contains("-XX:AOTMode=record") && first.contains("-Xlog:aot*=off,cds*=off"), first);
        assertTrue(lines.contains("cache true"), output);
        assertTrue(second.contains("-XX:AOTCache=" + aot) && !second.contains("AOTMode"), second);
        assertTrue(lines.stream().noneMatch(l -> l.contains("AOTConfiguration recorded")), output);
        try (Stream<Path> files = Files.list(aot)) {
            List<String> names = files.map(f -> f.getFileName().toString()).sorted().toList();
            assertEquals(1, names.size(), names::toString); // the cache only: no lock, configuration or tmp
            assertTrue(names.get(0).endsWith(".aot"), names::toString);
        }
        assertEquals("rwx------", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(aot)));
        for (ProcessHandle p : seen) {
            assertTrue(TestProcesses.awaitGone(p, java.time.Duration.ofSeconds(5)), "left running: " + p);
        }
    }

    @Test
    @Timeout(value = 150, unit = TimeUnit.SECONDS)
    void aShortProgramHasItsCacheFromItsSecondRun() throws Exception {
        // A job of about two seconds whose only child records: the program ends right as that child does, so
        // the cache must be made on the way out, or it never is (issue 12).
        Path jars = Files.createDirectory(dir.resolve("jars"));
        String classPath = jar(Path.of("target/classes"), jars.resolve("tractor.jar")) + java.io.File.pathSeparator
                + jar(Path.of("target/test-classes"), jars.resolve("tests.jar")) + java.io.File.pathSeparator
                + dependencyJars();
        Path cacheHome = dir.resolve("cache");
        Path aot = cacheHome.resolve("tractor").resolve("aot");
        List<String> children = new ArrayList<>();
        for (int run = 1; run <= 3; run++) {
            Path out = dir.resolve("out" + run + ".txt");
            ProcessBuilder builder = new ProcessBuilder(ChildJvm.thisJava(), "--sun-misc-unsafe-memory-access=allow",
                    "-cp", classPath, ShortAotProgram.class.getName())
                    .redirectOutput(out.toFile()).redirectErrorStream(true);
            builder.environment().put("XDG_CACHE_HOME", cacheHome.toString());
            Process root = builder.start();
            List<ProcessHandle> seen = new ArrayList<>();
            try {
                assertTrue(root.waitFor(45, TimeUnit.SECONDS), "run " + run + " did not end");
                root.descendants().forEach(seen::add);
            } finally {
                root.destroyForcibly();
            }
            String output = Files.readString(out, StandardCharsets.UTF_8);
            assertEquals(0, root.exitValue(), output);
            for (ProcessHandle p : seen) {
                assertTrue(TestProcesses.awaitGone(p, java.time.Duration.ofSeconds(5)), "left running: " + p);
            }
            children.add(output.lines().filter(l -> l.startsWith("child: ")).findFirst()
                    .orElseThrow(() -> new AssertionError(output)));
            try (Stream<Path> files = Files.list(aot)) {
                List<String> names = files.map(f -> f.getFileName().toString()).sorted().toList();
                assertEquals(1, names.size(), "after run " + run + ": " + names);
                assertTrue(names.get(0).endsWith(".aot"), "after run " + run + ": " + names);
            }
        }
        assertTrue(children.get(0).contains("-XX:AOTMode=record"), children.get(0));
        for (String used : children.subList(1, 3)) {
            assertTrue(used.contains("-XX:AOTCache=" + aot) && !used.contains("AOTMode"), used);
        }
    }

    /** The jars of the dependencies, from the test class path. */
    private static String dependencyJars() {
        return Stream.of(System.getProperty("java.class.path").split(java.io.File.pathSeparator))
                .filter(e -> e.endsWith(".jar"))
                .reduce((a, b) -> a + java.io.File.pathSeparator + b).orElse("");
    }

    private static Path jar(Path classes, Path jar) throws IOException {
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file);
                Stream<Path> all = Files.walk(classes)) {
            for (Path f : (Iterable<Path>) all.filter(Files::isRegularFile).sorted()::iterator) {
                out.putNextEntry(new JarEntry(classes.relativize(f).toString().replace('\\', '/')));
                Files.copy(f, out);
                out.closeEntry();
            }
        }
        return jar;
    }
}
