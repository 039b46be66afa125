package dev.tractor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Debug mode for an IDE (ADR 0021): a root with {@code -Dtractor.debug=ide} gives each child a debugger
 * listener on loopback that the tree's debugger leaves alone; the child's registry entry says where; a
 * debugger client attaches there, lists the actor's threads and detaches, and the actor goes on serving.
 */
class DebugModeTest {
    /**
     * A debugger client, as an IDE is one: attaches with JDI to host {@code args[0]}, port {@code args[1]},
     * prints {@code vm NAME} and a {@code thread NAME} line per thread of the debuggee, and detaches.
     * Compiled by the test: the tests compile in the runtime's module, which does not read {@code jdk.jdi}.
     */
    private static final String CLIENT = """
            import com.sun.jdi.Bootstrap;
            import com.sun.jdi.ThreadReference;
            import com.sun.jdi.VirtualMachine;
            import com.sun.jdi.connect.AttachingConnector;
            import com.sun.jdi.connect.Connector;
            import java.util.Map;

            public final class DebugClient {
                public static void main(String[] args) throws Exception {
                    AttachingConnector socket = Bootstrap.virtualMachineManager().attachingConnectors().stream()
                            .filter(c -> c.name().equals("com.sun.jdi.SocketAttach")).findFirst().orElseThrow();
                    Map<String, Connector.Argument> arguments = socket.defaultArguments();
                    arguments.get("hostname").setValue(args[0]);
                    arguments.get("port").setValue(args[1]);
                    VirtualMachine vm = socket.attach(arguments);
                    System.out.println("vm " + vm.name());
                    for (ThreadReference t : vm.allThreads()) {
                        System.out.println("thread " + t.name());
                    }
                    vm.dispose();
                }
            }
            """;

    @AfterEach
    void noProcessOutlivesTheTest() throws InterruptedException {
        Processes.assertNoDescendantsWithin(Duration.ofSeconds(10));
    }

    @Test
    @Timeout(90)
    void aDebuggerAttachesToAChildAtTheAddressItsRegistryEntryGives(@TempDir Path dir) throws Exception {
        String errors = Javac.errors(dir, "DebugClient", CLIENT);
        assertEquals("", errors, "the debugger client compiles");
        try (RunningProgram tree = RunningProgram.start("debug-tree",
                RunningProgram.javaCommand(RunningProgram.treeProperties(), DebugTreeProgram.class))) {
            tree.awaitLine(l -> l.equals("ready"), Duration.ofSeconds(60), "ready");
            String worker = tree.lines().stream().filter(l -> l.startsWith("entry worker ")).findFirst()
                    .orElseThrow(() -> new AssertionError(tree.lines().toString()));
            String root = tree.lines().stream().filter(l -> l.startsWith("entry root ")).findFirst()
                    .orElseThrow(() -> new AssertionError(tree.lines().toString()));
            assertTrue(root.endsWith(" -"), () -> "the root was not started with an agent: " + root);
            String debug = worker.split(" ")[3];
            assertTrue(debug.matches("tcp://127\\.0\\.0\\.1:\\d+"), () -> "a loopback debug address: " + worker);
            String port = debug.substring(debug.lastIndexOf(':') + 1);
            assertTrue(commandLine(worker).contains("-agentlib:jdwp="), () -> commandLine(worker));

            List<String> command = List.of(ProcessHandle.current().info().command().orElseThrow(), "-cp",
                    dir.toString(), "DebugClient", "127.0.0.1", port);
            try (RunningProgram client = RunningProgram.start("debug-client", command)) {
                assertEquals(0, client.awaitExit(Duration.ofSeconds(30)), () -> "the client: " + client.lines());
                List<String> lines = client.lines();
                assertTrue(lines.stream().anyMatch(l -> l.startsWith("vm ")), lines::toString);
                assertTrue(lines.stream().anyMatch(l -> l.startsWith("thread tractor")), () -> "the actor's own "
                        + "threads: " + lines);
            }
            tree.closeInput();
            String after = tree.awaitLine(l -> l.startsWith("after "), Duration.ofSeconds(30), "after");
            assertEquals("after " + worker.split(" ")[2], after, () -> "the worker serves on: " + tree.lines());
            assertEquals(0, tree.awaitExit(Duration.ofSeconds(30)), () -> "exit status; " + tree.lines());
        }
    }

    @Test
    @Timeout(60)
    void withoutDebugModeNoChildListens() throws Exception {
        try (RunningProgram tree = RunningProgram.start("plain-tree",
                RunningProgram.javaCommand(RunningProgram.treeProperties(), DebugTreeProgram.class, "off"))) {
            tree.awaitLine(l -> l.equals("ready"), Duration.ofSeconds(60), "ready");
            String worker = tree.lines().stream().filter(l -> l.startsWith("entry worker ")).findFirst()
                    .orElseThrow(() -> new AssertionError(tree.lines().toString()));
            assertTrue(worker.endsWith(" -"), () -> "no debug address: " + worker);
            assertTrue(!commandLine(worker).contains("jdwp"), () -> commandLine(worker));
            tree.closeInput();
            assertEquals(0, tree.awaitExit(Duration.ofSeconds(30)), () -> "exit status; " + tree.lines());
        }
    }

    @Test
    @Timeout(60)
    void withoutDebugModeNothingOfTheDebuggerIsLoadedInTheRootOrAChild(@TempDir Path dir) throws Exception {
        List<String> options = new java.util.ArrayList<>(RunningProgram.treeProperties());
        String log = "-Xlog:class+load=info:file=" + dir.resolve("classes-%p.log");
        options.add(log);
        options.add("-Dtractor.child.jvmOptions=" + log);
        try (RunningProgram tree = RunningProgram.start("plain-tree",
                RunningProgram.javaCommand(options, DebugTreeProgram.class, "off"))) {
            tree.awaitLine(l -> l.equals("ready"), Duration.ofSeconds(60), "ready");
            tree.closeInput();
            assertEquals(0, tree.awaitExit(Duration.ofSeconds(30)), () -> "exit status; " + tree.lines());
        }
        List<Path> logs;
        try (var files = java.nio.file.Files.list(dir)) {
            logs = files.filter(f -> f.getFileName().toString().startsWith("classes-")).toList();
        }
        assertEquals(2, logs.size(), () -> "a class log for the root and for the worker: " + logs);
        for (Path file : logs) {
            List<String> loaded = java.nio.file.Files.readAllLines(file);
            assertTrue(loaded.stream().anyMatch(l -> l.contains("dev.tractor.internal.runtime.ActorRuntime ")),
                    () -> "the log lists the runtime's classes: " + file);
            List<String> debugger = loaded.stream().filter(l -> l.contains("dev.tractor.internal.debug.")
                    && !l.contains("dev.tractor.internal.debug.DebugMode ") || l.contains(" com.sun.jdi.")).toList();
            assertEquals(List.of(), debugger, () -> "only the switch (DebugMode) is loaded: " + file);
        }
    }

    /** The command line of the process of an {@code entry NAME PID DEBUG} line. */
    private static String commandLine(String entry) {
        return ProcessHandle.of(Long.parseLong(entry.split(" ")[2])).flatMap(p -> p.info().commandLine())
                .orElse("");
    }
}
