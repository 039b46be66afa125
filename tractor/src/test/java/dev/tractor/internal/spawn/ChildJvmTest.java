package dev.tractor.internal.spawn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link ChildJvm}: the child's command line, environment and output, and what a spawn failure looks like. */
@Tag("multi-process")
class ChildJvmTest {
    private static final Duration START = Duration.ofSeconds(20);

    @TempDir
    Path dir;
    private final TestProcesses processes = new TestProcesses();

    @AfterEach
    void noProcessOutlivesTheTest() throws InterruptedException {
        List<ProcessHandle> leftovers = processes.leftovers(Duration.ofSeconds(3));
        processes.killAll();
        assertEquals(List.of(), leftovers, "processes the test started and left running");
    }

    @Test
    void theChildSeesItsActorNameItsEnvironmentAndItsArguments() throws Exception {
        Path log = dir.resolve("output.log");
        String secret = "s3cret-" + UUID.randomUUID();
        ChildProcess child = processes.add(TestProcesses.childJvmLoggingTo(log).spawn(new ChildSpec("worker", "uid-1",
                Children.PrintIdentity.class.getName(), List.of("one arg", "two"),
                Map.of(Children.SECRET_VARIABLE, secret), List.of("-Xmx64m"))));

        assertEquals("worker", child.name());
        assertTrue(child.awaitExit(START), "the child did not exit; output: " + TestProcesses.contentOf(log));
        String output = TestProcesses.contentOf(log);
        assertEquals(0, child.exitCode(), output);
        assertTrue(output.contains("actor=worker@uid-1\n"), output);
        assertTrue(output.contains("secret=" + secret + "\n"), output);
        assertTrue(output.contains("args=[one arg, two]\n"), output);
    }

    @Test
    void theCommandLineNamesTheActorAndHidesTheSecret() throws Exception {
        Path ready = dir.resolve("ready");
        String secret = "s3cret-" + UUID.randomUUID();
        ChildProcess child = processes.add(TestProcesses.childJvmLoggingTo(dir.resolve("output.log")).spawn(
                new ChildSpec("worker", "uid-2", Children.Sleeper.class.getName(), List.of(ready.toString()),
                        Map.of(Children.SECRET_VARIABLE, secret), List.of())));
        TestProcesses.awaitFile(ready, START);

        List<String> arguments = List.of(ProcessHandle.of(child.pid()).orElseThrow().info().arguments()
                .orElseThrow(() -> new AssertionError("the system does not show command lines")));
        assertTrue(arguments.contains("-Dtractor.actor=worker@uid-2"), arguments.toString());
        assertTrue(arguments.contains(Children.Sleeper.class.getName()), arguments.toString());
        assertFalse(arguments.stream().anyMatch(argument -> argument.contains(secret)), arguments.toString());

        assertEquals(ChildProcess.Ending.EXITED_AFTER_SIGTERM, child.terminate(Duration.ofSeconds(10)));
    }

    @Test
    void aGrandchildsOutputShowsWhereItsParentsDoes() throws Exception {
        // The middle JVM writes to a file; its child, started by the default ChildJvm, inherits that file.
        Path log = dir.resolve("output.log");
        ChildProcess middle = processes.add(TestProcesses.childJvmLoggingTo(log).spawn(
                new ChildSpec("middle", "m1", Children.Middle.class.getName(), List.of("relay"), Map.of(), List.of())));

        assertTrue(middle.awaitExit(START.multipliedBy(2)), "the middle did not exit: " + TestProcesses.contentOf(log));
        String output = TestProcesses.contentOf(log);
        assertEquals(0, middle.exitCode(), output);
        assertTrue(output.contains("actor=grandchild@g2\n"), output);
        assertTrue(output.contains("secret=from-the-middle\n"), output);
        assertTrue(output.contains("args=[relayed]\n"), output);
    }

    @Test
    void aJavaThatCannotStartIsASpawnFailure() {
        ChildJvm broken = new ChildJvm(dir.resolve("no-such-java").toString(), Redirect.DISCARD);
        SpawnFailed failure = assertThrows(SpawnFailed.class,
                () -> broken.spawn(new ChildSpec("worker", "uid-3", "com.example.Main")));
        assertTrue(failure.getMessage().contains("worker@uid-3"), failure.getMessage());
        assertTrue(failure.getMessage().contains("com.example.Main"), failure.getMessage());
        assertTrue(failure.getMessage().contains("no-such-java"), failure.getMessage());
    }

    @Test
    void theCommandLineEndsWithTheActorTheSpecsOptionsTheClassPathAndTheProgram() {
        System.setProperty("tractor.test.inherited", "yes");
        System.setProperty(ChildJvm.ACTOR_PROPERTY, "this@jvm");
        try {
            List<String> command = new ChildJvm().command(new ChildSpec("worker", "uid-4", "com.example.Main",
                    List.of("a", "-ea"), Map.of("SECRET", "hidden"), List.of("-Xmx64m", "-Dtractor.test.inherited=no")));

            assertEquals(ChildJvm.thisJava(), command.getFirst());
            assertEquals(List.of("-Dtractor.actor=worker@uid-4", "-Xmx64m", "-Dtractor.test.inherited=no", "-cp",
                    System.getProperty("java.class.path"), "com.example.Main", "a", "-ea"),
                    command.subList(command.size() - 8, command.size()));
            int inherited = command.indexOf("-Dtractor.test.inherited=yes");
            assertTrue(inherited > 0 && inherited < command.indexOf("-Xmx64m"), command.toString());
            assertFalse(command.contains("-Dtractor.actor=this@jvm"), command.toString());
            assertFalse(command.stream().anyMatch(argument -> argument.contains("hidden")), command.toString());
        } finally {
            System.clearProperty("tractor.test.inherited");
            System.clearProperty(ChildJvm.ACTOR_PROPERTY);
        }
    }

    @Test
    void aChildInheritsOnlyTheSwitchesThatMatterAndOnlyFromTheJvmsOptions() {
        assertEquals(List.of("--enable-preview", "--sun-misc-unsafe-memory-access=allow", "-da:com.example...",
                "--add-opens=java.base/java.lang=ALL-UNNAMED", "-enableassertions:Foo", "-esa"),
                ChildJvm.inheritedSwitches(List.of("-Xss1m", "--enable-preview", "-cp", "-ea", "-Dtractor.x=1",
                        "--sun-misc-unsafe-memory-access=allow", "-da:com.example...", "--add-opens",
                        "java.base/java.lang=ALL-UNNAMED", "-enableassertions:Foo", "-esa", "com.example.Main",
                        "-ea", "--enable-preview")));
        assertEquals(List.of("-ea"), ChildJvm.inheritedSwitches(List.of("-ea", "-jar", "app.jar", "-ea")));
        assertEquals(List.of(), ChildJvm.inheritedSwitches(List.of("-m", "app/app.Main", "-ea")));
        assertEquals(List.of(), ChildJvm.inheritedSwitches(List.of()));
    }

    @Test
    void agentsAndModuleAccessAreInheritedButNotTheDebuggerNorSizing() {
        assertEquals(List.of("-javaagent:agent.jar=x", "-agentpath:/opt/libprof.so", "-agentlib:hprof",
                "--add-opens=java.base/java.lang=ALL-UNNAMED", "--add-exports=java.base/sun.nio.ch=ALL-UNNAMED",
                "--add-reads=app=ALL-UNNAMED", "--enable-native-access=ALL-UNNAMED",
                "--add-modules=jdk.incubator.vector", "-XX:StartFlightRecording:filename=rec.jfr", "-XX:FlightRecorderOptions:stackdepth=96"),
                ChildJvm.inheritedSwitches(List.of("-Xmx300m", "-javaagent:agent.jar=x",
                        "-agentlib:jdwp=transport=dt_socket,server=y,address=5005", "-agentpath:/opt/libprof.so",
                        "-agentpath:/jdk/lib/libjdwp.so=transport=dt_socket", "-agentlib:hprof",
                        "--add-opens", "java.base/java.lang=ALL-UNNAMED",
                        "--add-exports=java.base/sun.nio.ch=ALL-UNNAMED", "--add-reads", "app=ALL-UNNAMED",
                        "--enable-native-access=ALL-UNNAMED", "--add-modules", "jdk.incubator.vector",
                        "--limit-modules", "java.base", "-XX:+UseSerialGC", "-Xss512k",
                        "-XX:StartFlightRecording:filename=rec.jfr", "-XX:FlightRecorderOptions:stackdepth=96",
                        "-Dfoo=bar", "app.Main")));
    }

    @Test
    void aChildPassesOnOnlyWhatItInheritedNotWhatWasGivenToItAlone() {
        assertEquals(List.of("-javaagent:tree.jar"), ChildJvm.inheritedSwitches(List.of("-Dtractor.x=1",
                "-javaagent:tree.jar", "-Dtractor.actor=worker@1", "-javaagent:only-this-one.jar", "-ea", "-cp",
                "app.jar", "dev.tractor.internal.runtime.ActorProcess")));
    }

    @Test
    void loggingConfigurationPropertiesAreInherited() {
        java.util.Properties properties = new java.util.Properties();
        properties.setProperty("java.util.logging.config.file", "/etc/app/logging.properties");
        properties.setProperty("logback.configurationFile", "logback.xml");
        properties.setProperty("user.name", "someone");
        properties.setProperty("tractor.log.level", "DEBUG");
        assertEquals(List.of("-Dtractor.log.level=DEBUG", "-Djava.util.logging.config.file=/etc/app/logging.properties",
                "-Dlogback.configurationFile=logback.xml"), ChildJvm.inheritedProperties(properties));
    }

    @Test
    void eachChildRecordsToAJfrFileOfItsOwn() {
        assertEquals("-XX:StartFlightRecording:settings=profile,filename=/tmp/rec@worker_1-%p.jfr",
                JfrRecording.forChild("-XX:StartFlightRecording:settings=profile,filename=/tmp/rec.jfr", "worker 1"));
        assertEquals("-XX:StartFlightRecording=filename=r@leaf-%p.jfr",
                JfrRecording.forChild("-XX:StartFlightRecording=filename=r.jfr", "leaf"));
        assertEquals("-XX:StartFlightRecording=filename=a@b-%p@leaf-%p.jfr",
                JfrRecording.forChild("-XX:StartFlightRecording=filename=a@b-%p@middle-%p.jfr", "leaf"),
                "a grandchild's name replaces its parent's");
        assertEquals("-XX:StartFlightRecording", JfrRecording.forChild("-XX:StartFlightRecording", "leaf"));
        assertEquals("-XX:StartFlightRecording:filename=recordings",
                JfrRecording.forChild("-XX:StartFlightRecording:filename=recordings", "leaf"));
        assertEquals("-ea", JfrRecording.forChild("-ea", "leaf"));
    }

    @Test
    void theTreesOptionsComeAfterTheInheritedOnesAndBeforeTheSpecs() {
        System.setProperty(ChildJvm.CHILD_OPTIONS_PROPERTY, "  -Dtree.one=1\t-Xss1m ");
        try {
            List<String> command = new ChildJvm().command(new ChildSpec("worker", "uid-5", "com.example.Main",
                    List.of(), Map.of(), List.of("-Xss2m")));
            int name = command.indexOf("-Dtractor.actor=worker@uid-5");
            assertEquals(List.of("-Dtree.one=1", "-Xss1m", "-Xss2m"), command.subList(name + 1, name + 4));
            assertTrue(command.indexOf("-Dtractor.child.jvmOptions=  -Dtree.one=1\t-Xss1m ") < name, command.toString());
        } finally {
            System.clearProperty(ChildJvm.CHILD_OPTIONS_PROPERTY);
        }
        assertEquals(List.of(), ChildJvm.childOptions(" "));
    }

    @Test
    void argumentFilesAreReadAsTheLauncherReadsThemAndWrittenSoThatItReadsThemBack() throws Exception {
        assertEquals(List.of("-cp", "a b.jar:c.jar", "-ea", "it's", "x\\y"),
                ArgFiles.parse("# a comment\n-cp \"a b.jar:c.jar\"\n  -ea 'it\\'s' \"x\\\\y\"\n"));
        List<String> odd = List.of("-cp", "/dir with space/a.jar:/q\"uote/b.jar", "back\\slash", "tab\there");
        assertEquals(odd, ArgFiles.parse(ArgFiles.text(odd)));

        Path file = ArgFiles.of(odd);
        assertEquals("rwx------", java.nio.file.attribute.PosixFilePermissions.toString(
                java.nio.file.Files.getPosixFilePermissions(file.getParent())));
        assertEquals(file, ArgFiles.of(odd), "the same arguments share a file");
        assertEquals(List.of("-ea", "-cp", "/dir with space/a.jar:/q\"uote/b.jar", "back\\slash", "tab\there",
                "Main", "@not-expanded"), ArgFiles.expand(List.of("-ea", "@" + file, "Main", "@not-expanded")));
    }

    @Test
    void aLongClassPathGoesThroughAnArgumentFileAndTheNameStaysOnTheCommandLine() throws Exception {
        String classPath = System.getProperty("java.class.path");
        String longPath = classPath + java.io.File.pathSeparator
                + String.join(java.io.File.pathSeparator, java.util.Collections.nCopies(2000, dir + "/no-such-dir"));
        System.setProperty("java.class.path", longPath);
        try {
            List<String> command = new ChildJvm().command(new ChildSpec("worker", "uid-6", "com.example.Main"));
            assertTrue(command.contains("-Dtractor.actor=worker@uid-6"), command.toString());
            assertFalse(command.contains("-cp"), command.toString());
            String argFile = command.get(command.indexOf("com.example.Main") - 1);
            assertTrue(argFile.startsWith("@"), command.toString());
            assertEquals(List.of("-cp", longPath), ArgFiles.parse(java.nio.file.Files.readString(Path.of(argFile.substring(1)))));
        } finally {
            System.setProperty("java.class.path", classPath);
        }
    }

    @Test
    void anApplicationClassLoaderGivesItsUrlsAfterTheSystemClassPath() throws Exception {
        Path classes = java.nio.file.Files.createDirectories(dir.resolve("app classes"));
        try (var application = new java.net.URLClassLoader(new java.net.URL[] {classes.toUri().toURL()},
                ClassLoader.getSystemClassLoader())) {
            ChildCode code = ChildCode.detect(application);
            assertEquals(System.getProperty("java.class.path") + java.io.File.pathSeparator + classes, code.classPath());
            assertEquals(List.of("-cp", code.classPath()), code.options());
            assertEquals(List.of("com.example.Main"), code.main("com.example.Main"));
        }
        assertEquals(System.getProperty("java.class.path"), ChildCode.detect(null).classPath());
    }

    @Test
    void aClassLoaderThatDoesNotSayWhereItsClassesAreFailsTheSpawnBeforeAnyProcessStarts() {
        ClassLoader custom = new ClassLoader("in-memory", ClassLoader.getSystemClassLoader()) {
        };
        Thread thread = Thread.currentThread();
        ClassLoader before = thread.getContextClassLoader();
        thread.setContextClassLoader(custom);
        try {
            SpawnFailed failure = assertThrows(SpawnFailed.class, () -> new ChildJvm(dir.resolve("no-java").toString(),
                    Redirect.DISCARD).spawn(new ChildSpec("worker", "uid-7", "com.example.Main")));
            assertTrue(failure.getMessage().contains("'in-memory'"), failure.getMessage());
            assertTrue(failure.getMessage().contains("not a URLClassLoader"), failure.getMessage());
            assertEquals(1, failure.getMessage().split("in-memory", -1).length - 1, "named once: " + failure.getMessage());
            assertTrue(failure.getMessage().contains("java -cp"), failure.getMessage());
            assertFalse(failure.getMessage().contains("no-java"), "no process was tried: " + failure.getMessage());
        } finally {
            thread.setContextClassLoader(before);
        }
    }
}
