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
    void theCommandLineEndsWithTheSpecsOptionsTheActorTheClassPathAndTheProgram() {
        System.setProperty("tractor.test.inherited", "yes");
        System.setProperty(ChildJvm.ACTOR_PROPERTY, "this@jvm");
        try {
            List<String> command = new ChildJvm().command(new ChildSpec("worker", "uid-4", "com.example.Main",
                    List.of("a", "-ea"), Map.of("SECRET", "hidden"), List.of("-Xmx64m", "-Dtractor.test.inherited=no")));

            assertEquals(ChildJvm.thisJava(), command.getFirst());
            assertEquals(List.of("-Xmx64m", "-Dtractor.test.inherited=no", "-Dtractor.actor=worker@uid-4", "-cp",
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
                "-enableassertions:Foo", "-esa"),
                ChildJvm.inheritedSwitches(List.of("-Xss1m", "--enable-preview", "-cp", "-ea", "-Dtractor.x=1",
                        "--sun-misc-unsafe-memory-access=allow", "-da:com.example...", "--add-opens",
                        "java.base/java.lang=ALL-UNNAMED", "-enableassertions:Foo", "-esa", "com.example.Main",
                        "-ea", "--enable-preview")));
        assertEquals(List.of("-ea"), ChildJvm.inheritedSwitches(List.of("-ea", "-jar", "app.jar", "-ea")));
        assertEquals(List.of(), ChildJvm.inheritedSwitches(List.of("-m", "app/app.Main", "-ea")));
        assertEquals(List.of(), ChildJvm.inheritedSwitches(List.of()));
    }
}
