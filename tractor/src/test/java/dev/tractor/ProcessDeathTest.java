package dev.tractor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** However a process of the tree dies, none of its descendants outlives it for long. */
class ProcessDeathTest {
    private Process root;
    private final LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private Thread reader;

    @AfterEach
    void cleanUp() throws InterruptedException {
        if (root != null) {
            root.destroyForcibly();
        }
        Processes.assertNoDescendantsWithin(Duration.ofSeconds(10));
    }

    /** Starts {@link TreeProgram} and returns the pids it printed: root, middle, grandchild. */
    private Map<String, Long> startTree() throws Exception {
        String java = ProcessHandle.current().info().command().orElseThrow();
        List<String> command = new ArrayList<>(List.of(java));
        command.addAll(RunningProgram.treeProperties());
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), TreeProgram.class.getName()));
        root = new ProcessBuilder(command).redirectErrorStream(true).start();
        reader = Thread.ofVirtual().start(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(root.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null;) {
                    lines.add(line);
                }
            } catch (java.io.IOException ignored) {
                // the process is gone
            }
        });
        Map<String, Long> pids = new HashMap<>();
        while (pids.size() < 3) {
            String line = lines.poll(20, TimeUnit.SECONDS);
            assertTrue(line != null, "the tree did not print its pids; got " + pids);
            String[] parts = line.split(" ");
            if (parts.length == 2 && List.of("root", "middle", "grandchild").contains(parts[0])) {
                pids.put(parts[0], Long.parseLong(parts[1]));
            }
        }
        return pids;
    }

    @Test
    void killingTheRootWithSigkillTakesTheWholeTreeDown() throws Exception {
        Map<String, Long> pids = startTree();
        ProcessHandle.of(pids.get("root")).orElseThrow().destroyForcibly();
        assertTrue(Processes.exitsWithin(pids.get("middle"), Duration.ofSeconds(5)), "the middle outlived the root");
        assertTrue(Processes.exitsWithin(pids.get("grandchild"), Duration.ofSeconds(5)), "the grandchild outlived the root");
    }

    @Test
    void killingTheMiddleWithSigkillTakesItsSubtreeDownAndFailsTheRoot() throws Exception {
        Map<String, Long> pids = startTree();
        ProcessHandle.of(pids.get("middle")).orElseThrow().destroyForcibly();
        assertTrue(Processes.exitsWithin(pids.get("grandchild"), Duration.ofSeconds(5)), "the grandchild outlived the middle");
        assertTrue(root.waitFor(15, TimeUnit.SECONDS), "the root ends: its call to the middle failed");
        assertTrue(root.exitValue() != 0);
    }

    @Test
    void sigintTearsTheTreeDownInOrderAndExitsWith130() throws Exception {
        signalTheRootAndExpectAnOrderlyEnd("INT", 130);
    }

    @Test
    void aChildIgnoresSigintAsATerminalSendsItToTheWholeTree() throws Exception {
        // Ctrl-C in a terminal reaches every process of the tree; only the root may act on it.
        Map<String, Long> pids = startTree();
        Process kill = new ProcessBuilder("kill", "-INT", String.valueOf(pids.get("middle"))).start();
        assertEquals(0, kill.waitFor());
        assertTrue(!Processes.exitsWithin(pids.get("middle"), Duration.ofSeconds(2)), "the child ignored SIGINT");
        assertTrue(root.isAlive(), "the tree goes on");
        signalTheRootAndExpectAnOrderlyEnd(pids, "INT", 130);
    }

    @Test
    void sigtermDoesTheSameAndExitsWith143() throws Exception {
        signalTheRootAndExpectAnOrderlyEnd("TERM", 143);
    }

    private void signalTheRootAndExpectAnOrderlyEnd(String signal, int exitStatus) throws Exception {
        signalTheRootAndExpectAnOrderlyEnd(startTree(), signal, exitStatus);
    }

    private void signalTheRootAndExpectAnOrderlyEnd(Map<String, Long> pids, String signal, int exitStatus)
            throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + signal, String.valueOf(pids.get("root"))).start();
        assertEquals(0, kill.waitFor());
        assertTrue(root.waitFor(20, TimeUnit.SECONDS), "the root exits");
        assertEquals(exitStatus, root.exitValue());
        reader.join(5_000); // everything it printed has been read
        assertTrue(lines.contains("root finally ran"), "finally blocks ran: " + lines);
        String sig = "SIG" + signal;
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("main ends with dev.tractor.RootCancelled: ")
                && l.contains("by " + sig) && l.endsWith(" / " + sig)), () -> "main's exception names " + sig + ": " + lines);
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("Exception in thread \"main\" dev.tractor.RootCancelled")),
                () -> "the uncaught exception is printed before the JVM exits: " + lines);
        assertTrue(Processes.exitsWithin(pids.get("middle"), Duration.ofSeconds(1)));
        assertTrue(Processes.exitsWithin(pids.get("grandchild"), Duration.ofSeconds(1)));
    }
}
