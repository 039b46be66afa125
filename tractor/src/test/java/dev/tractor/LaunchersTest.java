package dev.tractor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A grandchild starts however the root was launched, and gets the JVM options it should: each test runs
 * {@link LaunchedProgram} (root, middle, leaf) as a real program, built at test time outside the test class
 * path. ({@code mvn exec:java} is tested from the examples module, against the built library.)
 */
@Tag("multi-process")
@Timeout(90)
class LaunchersTest {
    private static final Duration RUN = Duration.ofSeconds(75);

    @TempDir
    Path dir;

    @AfterEach
    void noProcessOutlivesTheTest() throws InterruptedException {
        Processes.assertNoDescendantsWithin(Duration.ofSeconds(10));
    }

    @Test
    void theClassPathWithAnAgentLoggingJfrAndOptionsForTheTree() throws Exception {
        Path classes = LaunchedProgram.compile(dir, null);
        Path agent = LaunchedProgram.agentJar(dir);
        Path logging = Files.writeString(dir.resolve("logging.properties"), "launchtest.level = FINER\n");
        List<String> command = LaunchedProgram.java();
        command.addAll(List.of("-javaagent:" + agent, "-Djava.util.logging.config.file=" + logging,
                "-agentlib:jdwp=transport=dt_socket,server=y,suspend=n,address=127.0.0.1:0",
                "-XX:StartFlightRecording:filename=" + dir.resolve("rec.jfr"),
                "-Dtractor.child.jvmOptions=-Dlaunch.viaProperty=yes",
                "-cp", LaunchedProgram.runtimeClasses() + File.pathSeparator + classes, LaunchedProgram.MAIN,
                "-Dlaunch.viaOption=yes"));

        String report = reportOf(command);

        assertTrue(report.contains(" agent=1 "), "the agent was loaded once in the grandchild: " + report);
        assertTrue(report.contains(" julLevel=FINER "), "the logging configuration reached it: " + report);
        assertTrue(report.contains(" viaProperty=yes "), "tractor.child.jvmOptions reached it: " + report);
        assertTrue(report.contains(" viaOption=yes "), "the root's withChildJvmOptions reached it: " + report);
        assertTrue(report.contains(" viaLeafOptions=yes "), "its own withChildJvmOptions reached it: " + report);
        assertTrue(report.contains(" middle.viaLeafOptions=null "), "the leaf's options are not the middle's: "
                + report);
        assertTrue(report.contains(" jdwp=false "), "the debugger is not inherited: " + report);
        try (Stream<Path> files = Files.list(dir)) {
            List<String> recordings = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".jfr"))
                    .sorted().toList();
            assertEquals(3, recordings.size(), "one recording per process: " + recordings);
            assertTrue(recordings.contains("rec.jfr"), recordings.toString());
            assertTrue(recordings.stream().anyMatch(n -> n.matches("rec@middle-\\d+\\.jfr")), recordings.toString());
            assertTrue(recordings.contains("rec@leaf-" + pidOf(report) + ".jfr"), recordings.toString());
        }
    }

    @Test
    void theJarOfAnApplicationWithTheRuntimeInIt() throws Exception {
        Path classes = LaunchedProgram.compile(dir, null);
        Path fatJar = dir.resolve("app.jar");
        LaunchedProgram.run("jar", List.of("--create", "--file", fatJar.toString(), "--main-class",
                LaunchedProgram.MAIN, "-C", LaunchedProgram.runtimeClasses().toString(), "dev", "-C",
                classes.toString(), "."));
        List<String> command = LaunchedProgram.java();
        command.addAll(List.of("-jar", fatJar.toString()));

        String report = reportOf(command);

        assertTrue(report.contains(" module=null"), report);
    }

    @Test
    void aClassPathJarWhoseManifestListsTheClassPathAsIdesWriteIt() throws Exception {
        Path classes = LaunchedProgram.compile(dir, null);
        Path manifest = Files.writeString(dir.resolve("classpath-manifest.txt"), "Class-Path: "
                + LaunchedProgram.runtimeClasses().toUri() + " " + classes.toUri() + "\n");
        Path classPathJar = dir.resolve("classpath.jar");
        Files.createDirectories(dir.resolve("empty"));
        LaunchedProgram.run("jar", List.of("--create", "--file", classPathJar.toString(), "--manifest",
                manifest.toString(), "-C", dir.resolve("empty").toString(), "."));
        List<String> command = LaunchedProgram.java();
        command.addAll(List.of("-cp", classPathJar.toString(), LaunchedProgram.MAIN));

        String report = reportOf(command);

        assertTrue(report.contains(" module=null"), report);
    }

    @Test
    void theModulePath() throws Exception {
        Path classes = LaunchedProgram.compile(dir, "module app { requires dev.tractor; requires java.logging; opens app to dev.tractor; }");
        // Two jars on the module path that the program does not use, and that cannot be resolved together
        // (both hold package x): a child must resolve the modules its parent did, not all it could find.
        Path unused = Files.createDirectories(dir.resolve("unused/x"));
        Files.writeString(unused.resolve("X.java"), "package x; public class X {}");
        LaunchedProgram.run("javac", List.of("-d", dir.resolve("unused-classes").toString(), unused.resolve("X.java").toString()));
        for (String jar : List.of("split.one.jar", "split.two.jar")) {
            LaunchedProgram.run("jar", List.of("--create", "--file", dir.resolve(jar).toString(), "-C",
                    dir.resolve("unused-classes").toString(), "."));
        }
        List<String> command = LaunchedProgram.java();
        command.addAll(List.of("-p", String.join(File.pathSeparator, LaunchedProgram.runtimeModulePath(),
                classes.toString(), dir.resolve("split.one.jar").toString(), dir.resolve("split.two.jar").toString()),
                "-m", "app/" + LaunchedProgram.MAIN));

        String report = reportOf(command);

        assertTrue(report.contains(" module=app"), "the leaf runs the program's module: " + report);
    }

    @Test
    void aModuleThatDoesNotOpenItsPackageIsToldWhatToDo() throws Exception {
        Path classes = LaunchedProgram.compile(dir, "module app { requires dev.tractor; requires java.logging; }");
        List<String> command = LaunchedProgram.java();
        command.addAll(List.of("-p", LaunchedProgram.runtimeModulePath() + File.pathSeparator + classes, "-m",
                "app/" + LaunchedProgram.MAIN));

        List<String> output = failingOutputOf(command);

        assertTrue(output.stream().anyMatch(l -> l.contains("open its package app to module dev.tractor")), output.toString());
    }

    @Test
    void anArgumentFileWithAClassPathLongerThanAnArgumentMayBeAndAnAgent() throws Exception {
        Path classes = LaunchedProgram.compile(dir, null);
        Path agent = LaunchedProgram.agentJar(dir);
        String classPath = LaunchedProgram.runtimeClasses() + File.pathSeparator + classes + File.pathSeparator
                + padding(140 * 1024); // more than Linux takes in one argument: the root needs an argument file too
        Path argFile = dir.resolve("root.args");
        Files.writeString(argFile, "-javaagent:" + agent + "\n-cp \"" + classPath + "\"\n");
        Path rootTemp = Files.createDirectories(dir.resolve("root-tmp"));
        List<String> command = LaunchedProgram.java();
        command.addAll(List.of("-Djava.io.tmpdir=" + rootTemp, "@" + argFile, LaunchedProgram.MAIN));

        String report = reportOf(command);

        assertTrue(report.contains(" agent=1 "), "the agent in the root's argument file reached the leaf: " + report);
        assertTrue(report.contains(" argFile=true named=true "), "the leaf's class path came in an argument file, "
                + "its name on its command line: " + report);
        try (Stream<Path> left = Files.list(rootTemp)) {
            assertEquals(List.of(), left.filter(p -> p.getFileName().toString().startsWith("tractor-args-")).toList(),
                    "the root deleted the argument file it wrote for the middle");
        }
    }

    @Test
    void aCommandLineLongerThanTheJdkShowsAndAnAgent() throws Exception {
        // ProcessHandle.Info shows no arguments for a command line over 4 KiB: the options must be read anyway
        Path classes = LaunchedProgram.compile(dir, null);
        Path agent = LaunchedProgram.agentJar(dir);
        String classPath = LaunchedProgram.runtimeClasses() + File.pathSeparator + classes + File.pathSeparator
                + padding(100 * 1024);
        List<String> command = LaunchedProgram.java();
        command.addAll(List.of("-javaagent:" + agent, "-cp", classPath, LaunchedProgram.MAIN));

        String report = reportOf(command);

        assertTrue(report.contains(" agent=1 "), "the agent reached the leaf: " + report);
    }

    /** Class path entries that do not exist, at least {@code length} characters of them. */
    private String padding(int length) {
        String entry = dir.resolve("x".repeat(90)).toString();
        return String.join(File.pathSeparator, Collections.nCopies(length / entry.length() + 1, entry));
    }

    @Test
    void aProgramRunFromSourceIsToldToCompileIt() throws Exception {
        Path source = Files.writeString(dir.resolve("Main.java"), """
                public class Main {
                    public static void main(String[] args) throws Exception {
                        dev.tractor.Tractor.openNursery(an -> an.startActor("worker", dev.tractor.ActorOptions.defaults()));
                    }
                }
                """);
        List<String> command = LaunchedProgram.java();
        command.addAll(List.of("-cp", LaunchedProgram.runtimeClasses().toString(), source.toString()));

        List<String> output = failingOutputOf(command);

        assertTrue(output.stream().anyMatch(l -> l.contains("ActorStartFailed: cannot launch actor 'worker'")
                && l.contains("compile it with javac and run it with java -cp")), output.toString());
    }

    @Test
    void aLaunchThatCannotBeReproducedFailsTheFirstSpawnBeforeAnyProcessStarts() throws Exception {
        // The program's classes as a plugin system would load them: from a loader that says nothing of where
        ClassLoader plugins = new ClassLoader("plugins", LaunchersTest.class.getClassLoader()) {
        };
        Thread thread = Thread.currentThread();
        ClassLoader before = thread.getContextClassLoader();
        thread.setContextClassLoader(plugins);
        try {
            ActorStartFailed failure = org.junit.jupiter.api.Assertions.assertThrows(ActorStartFailed.class,
                    () -> Tractor.openNursery(an -> an.startActor("worker", ActorOptions.defaults())));
            String message = failure.getMessage();
            assertTrue(message.startsWith("cannot launch actor 'worker': "), message);
            assertTrue(message.contains("they come from " + plugins.getClass().getName() + " 'plugins' (the context "
                    + "class loader of the thread that starts the actor), and it does not say where its classes come "
                    + "from"), message);
            assertTrue(message.contains("Start the program with java -cp"), message);
        } finally {
            thread.setContextClassLoader(before);
        }
    }

    /** Runs {@code command} to its end; returns what the leaf reported. */
    private String reportOf(List<String> command) throws Exception {
        Path output = dir.resolve("output.txt");
        Process program = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        program.getOutputStream().close();
        boolean ended = program.waitFor(RUN.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        if (!ended) {
            program.destroyForcibly();
        }
        List<String> lines = Files.readAllLines(output);
        assertTrue(ended, "the program did not end; its output: " + lines);
        assertEquals(0, program.exitValue(), "its output: " + lines);
        List<String> reports = new ArrayList<>(lines.stream().filter(l -> l.startsWith("report ")).toList());
        assertEquals(1, reports.size(), "its output: " + lines);
        return reports.getFirst().substring("report ".length()) + " ";
    }

    /** Runs {@code command}, which must fail, to its end; returns its output. */
    private List<String> failingOutputOf(List<String> command) throws Exception {
        Path output = dir.resolve("output.txt");
        Process program = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        program.getOutputStream().close();
        boolean ended = program.waitFor(RUN.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        if (!ended) {
            program.destroyForcibly();
        }
        List<String> lines = Files.readAllLines(output);
        assertTrue(ended, "the program did not end; its output: " + lines);
        assertTrue(program.exitValue() != 0, "its output: " + lines);
        return lines;
    }

    private static String pidOf(String report) {
        return report.substring("pid=".length(), report.indexOf(' '));
    }
}
