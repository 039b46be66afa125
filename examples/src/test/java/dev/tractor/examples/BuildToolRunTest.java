package dev.tractor.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.spi.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Programs run by build tools start their actors. {@code mvn exec:java} runs a program inside Maven's JVM,
 * its classes in a class loader of the plugin's ({@code java.class.path} is Maven's launcher): its actors
 * start all the same, from that loader's class path. A small project is built here and run with the
 * repository's {@code ./mvnw}, offline (the build downloaded the plugin, pinned in this module's pom).
 * Gradle's {@code run} starts {@code java -cp} with the project's class path; it is run the same way when a
 * {@code gradle} (9.1 or newer, for JDK 25) is on the PATH, and skipped with a reason when none is, as on
 * the machines this project is built on.
 */
class BuildToolRunTest {
    /** The plugin's version: the one this module's pom pins, so that the build has downloaded it. */
    private static final String EXEC_PLUGIN_VERSION = "3.5.0";
    private static final String EXEC_PLUGIN = "org.codehaus.mojo:exec-maven-plugin:" + EXEC_PLUGIN_VERSION;

    private static final String PROGRAM = """
            package app;

            import dev.tractor.ActorOptions;
            import dev.tractor.Tractor;

            public final class Launched {
                public static void main(String[] args) throws Exception {
                    String report = Tractor.openNursery(an ->
                            an.startActor("middle", ActorOptions.enable(Launched.class)).run(Launched::middle));
                    System.out.println("report " + report);
                }

                public static String middle() throws Exception {
                    return Tractor.openNursery(an ->
                            an.startActor("leaf", ActorOptions.enable(Launched.class)).run(Launched::leaf));
                }

                public static String leaf() {
                    return "leaf " + ProcessHandle.current().pid() + " loaded by "
                            + Launched.class.getClassLoader().getClass().getName();
                }
            }
            """;

    @TempDir
    Path project;

    @Test
    @Timeout(180)
    void aProgramRunByExecJavaStartsActors() throws Exception {
        Path mvnw = Path.of("").toAbsolutePath().getParent().resolve("mvnw");
        assumeTrue(Files.isExecutable(mvnw), "no ./mvnw next to the examples module (" + mvnw + ")");
        String runtime = runtimeOnClassPath();
        Path sources = Files.createDirectories(project.resolve("src/main/java/app"));
        Files.writeString(sources.resolve("Launched.java"), PROGRAM);
        compile(sources.resolve("Launched.java"), project.resolve("target/classes"), runtime);
        // The project has no dependencies to resolve (offline, on a machine whose ~/.m2 holds no tractor):
        // the runtime comes as an additional class path element of the plugin's class loader.
        Files.writeString(project.resolve("pom.xml"), """
                <project xmlns="http://maven.apache.org/POM/4.0.0">
                  <modelVersion>4.0.0</modelVersion>
                  <groupId>test</groupId>
                  <artifactId>launched</artifactId>
                  <version>1</version>
                  <build>
                    <plugins>
                      <plugin>
                        <groupId>org.codehaus.mojo</groupId>
                        <artifactId>exec-maven-plugin</artifactId>
                        <version>%s</version>
                        <configuration>
                          <mainClass>app.Launched</mainClass>
                          <additionalClasspathElements>
                            <additionalClasspathElement>%s</additionalClasspathElement>
                          </additionalClasspathElements>
                        </configuration>
                      </plugin>
                    </plugins>
                  </build>
                </project>
                """.formatted(EXEC_PLUGIN_VERSION, runtime));
        String marker = "-D" + ExampleProcess.MARKER_PROPERTY + "=exec-java-" + UUID.randomUUID();
        List<String> command = new ArrayList<>(List.of(mvnw.toString(), "-o", "-q", "-B", "-f",
                project.resolve("pom.xml").toString(), EXEC_PLUGIN + ":java", marker));
        for (String property : List.of("tractor.registry", "tractor.cookie")) {
            if (System.getProperty(property) != null) {
                command.add("-D" + property + "=" + System.getProperty(property));
            }
        }
        Path output = project.resolve("output.txt");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().put("MAVEN_OPTS", "--sun-misc-unsafe-memory-access=allow");
        Process maven = builder.start();
        maven.getOutputStream().close();
        boolean ended = maven.waitFor(150, TimeUnit.SECONDS);
        if (!ended) {
            maven.descendants().forEach(ProcessHandle::destroyForcibly);
            maven.destroyForcibly();
        }
        List<String> lines = Files.readAllLines(output);
        assertTrue(ended, "mvn exec:java did not end: " + lines);
        assertEquals(0, maven.exitValue(), "mvn exec:java failed: " + lines);
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("report leaf ") && l.contains("loaded by jdk.internal.loader")),
                "the grandchild ran, its classes on its JVM's class path: " + lines);
        assertNoProcessCarries(marker);
    }

    @Test
    @Timeout(300)
    void aProgramRunByGradleRunStartsActors() throws Exception {
        Path gradle = onPath("gradle");
        String marker = "-D" + ExampleProcess.MARKER_PROPERTY + "=gradle-run-" + UUID.randomUUID();
        assumeTrue(gradle != null, "no gradle on the PATH: Gradle's run is not tested here (it runs java -cp, "
                + "as LaunchersTest does)");
        String runtime = runtimeOnClassPath();
        Path sources = Files.createDirectories(project.resolve("src/main/java/app"));
        Files.writeString(sources.resolve("Launched.java"), PROGRAM);
        Files.writeString(project.resolve("settings.gradle.kts"), "rootProject.name = \"launched\"\n");
        Files.writeString(project.resolve("build.gradle.kts"), """
                plugins { application }
                dependencies { implementation(files("%s")) }
                application { mainClass.set("app.Launched") }
                tasks.withType<JavaCompile> { options.compilerArgs.add("-parameters") }
                tasks.named<JavaExec>("run") { jvmArgs(%s) }
                """.formatted(runtime.replace("\\", "/"), jvmArgs(marker)));
        Path output = project.resolve("output.txt");
        ProcessBuilder builder = new ProcessBuilder(gradle.toString(), "--offline", "-q", "--no-daemon",
                "-p", project.toString(), "run")
                .redirectErrorStream(true).redirectOutput(output.toFile());
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process run = builder.start();
        run.getOutputStream().close();
        boolean ended = run.waitFor(280, TimeUnit.SECONDS);
        if (!ended) {
            run.descendants().forEach(ProcessHandle::destroyForcibly);
            run.destroyForcibly();
        }
        List<String> lines = Files.readAllLines(output);
        assertTrue(ended, "gradle run did not end: " + lines);
        assertEquals(0, run.exitValue(), "gradle run failed: " + lines);
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("report leaf ") && l.contains("loaded by jdk.internal.loader")),
                "the grandchild ran, its classes on its JVM's class path: " + lines);
        assertNoProcessCarries(marker);
    }

    /**
     * {@code "-Dtractor.example.run=...", "-Dtractor.registry=...", ...} as Kotlin string literals: the run's
     * marker (inherited by every actor) and the test's own tractor properties.
     */
    private static String jvmArgs(String marker) {
        List<String> args = new ArrayList<>(List.of("\"" + marker + "\""));
        for (String property : List.of("tractor.registry", "tractor.cookie")) {
            if (System.getProperty(property) != null) {
                args.add("\"-D" + property + "=" + System.getProperty(property).replace("\\", "/") + "\"");
            }
        }
        return String.join(", ", args);
    }

    /** The executable {@code name} on the PATH, or null. */
    private static Path onPath(String name) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(dir, name);
            if (!dir.isEmpty() && Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    /** The tractor library (the built jar, or its classes directory) on this test's class path. */
    private static String runtimeOnClassPath() {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(p -> p.matches(".*tractor-[^/]*\\.jar") || p.endsWith("tractor/target/classes"))
                .findFirst().orElseThrow(() -> new AssertionError("the tractor library is not on the class path"));
    }

    private static void compile(Path source, Path classes, String classPath) {
        StringWriter output = new StringWriter();
        PrintWriter out = new PrintWriter(output, true);
        int status = ToolProvider.findFirst("javac").orElseThrow().run(out, out, "-cp", classPath, "-d",
                classes.toString(), source.toString());
        assertEquals(0, status, "javac: " + output);
    }

    private static void assertNoProcessCarries(String marker) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        List<ProcessHandle> left;
        do {
            left = ProcessHandle.allProcesses()
                    .filter(p -> p.isAlive() && p.info().commandLine().map(c -> c.contains(marker)).orElse(false))
                    .toList();
            if (left.isEmpty()) {
                return;
            }
            Thread.sleep(50);
        } while (System.nanoTime() < deadline);
        left.forEach(ProcessHandle::destroyForcibly);
        throw new AssertionError("processes outlived mvn exec:java: " + left);
    }
}
