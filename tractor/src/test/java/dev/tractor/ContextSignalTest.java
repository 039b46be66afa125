package dev.tractor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Ctrl-C (SIGINT) at a root with an open context, while the opener waits and while it streams. */
class ContextSignalTest {
    private Process root;

    @AfterEach
    void cleanUp() throws InterruptedException {
        if (root != null) {
            root.destroyForcibly();
        }
        Processes.assertNoDescendantsWithin(Duration.ofSeconds(10));
    }

    @ParameterizedTest
    @ValueSource(strings = {"waits", "streams"})
    void ctrlCEndsTheContextOnBothSidesAndExitsWith130(String mode) throws Exception {
        String java = ProcessHandle.current().info().command().orElseThrow();
        List<String> command = new ArrayList<>(List.of(java));
        command.addAll(RunningProgram.treeProperties());
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), ContextProgram.class.getName(), mode));
        root = new ProcessBuilder(command).redirectErrorStream(true).start();
        List<String> lines = new CopyOnWriteArrayList<>();
        Thread reader = Thread.ofVirtual().start(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(root.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null;) {
                    lines.add(line);
                }
            } catch (java.io.IOException ignored) {
                // the process is gone
            }
        });
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!lines.contains("context open: sleeping") && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertTrue(lines.contains("context open: sleeping"), "the context did not open: " + lines);
        long child = lines.stream().filter(l -> l.startsWith("child ")).map(l -> Long.parseLong(l.substring(6)))
                .findFirst().orElseThrow();
        Process kill = new ProcessBuilder("kill", "-INT", String.valueOf(root.pid())).start();
        assertEquals(0, kill.waitFor());
        assertTrue(root.waitFor(20, TimeUnit.SECONDS), "the root exits");
        assertEquals(130, root.exitValue(), () -> "exit status; output: " + lines);
        reader.join(5_000);
        assertTrue(lines.contains("remote finally ran"), "the remote task's finally block ran: " + lines);
        assertTrue(lines.contains("opener finally ran"), "the opener's finally block ran: " + lines);
        assertTrue(Processes.exitsWithin(child, Duration.ofSeconds(1)), "the child is gone");
    }
}
