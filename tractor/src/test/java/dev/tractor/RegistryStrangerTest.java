package dev.tractor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A stranger on the built-in registry address (127.0.0.1:1616): a program that does not use discovery goes
 * on with a registrar of its own and one warning; one that asked for that address fails, naming it. Each
 * program runs in a network namespace of its own ({@code unshare -n}, which needs root), so that its
 * 127.0.0.1:1616 is nobody else's, and with a socket directory of its own ({@code XDG_RUNTIME_DIR}).
 */
class RegistryStrangerTest {
    @AfterEach
    void noProcessOutlivesTheTest() throws InterruptedException {
        Processes.assertNoDescendantsWithin(Duration.ofSeconds(10));
    }

    private static RunningProgram inOwnNetwork(Path runtimeDir, String... extraOptions) throws IOException {
        assumeTrue(canUnshare(), "needs root and unshare -n (util-linux) for a network namespace of its own");
        List<String> options = new ArrayList<>(List.of(extraOptions));
        if (System.getProperty("tractor.cookie") != null) {
            options.add("-Dtractor.cookie=" + System.getProperty("tractor.cookie"));
        }
        List<String> command = new ArrayList<>(List.of("unshare", "-n", "sh", "-c",
                "ip link set lo up && exec \"$@\"", "sh", "env", "XDG_RUNTIME_DIR=" + runtimeDir));
        command.addAll(RunningProgram.javaCommand(options, StrangerProgram.class));
        return RunningProgram.start("stranger", command);
    }

    private static boolean canUnshare() {
        try {
            Process p = new ProcessBuilder("unshare", "-n", "true").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    @Test
    void aProgramThatDoesNotUseDiscoveryGoesOnWithARegistrarOfItsOwnAndOneWarning(@TempDir Path dir)
            throws Exception {
        Path runtimeDir = Files.createDirectory(dir.resolve("run"));
        try (RunningProgram p = inOwnNetwork(runtimeDir)) {
            assertEquals(0, p.awaitExit(Duration.ofSeconds(60)), () -> "exit status; " + p.lines());
            List<String> lines = p.lines();
            assertTrue(lines.contains("worker done"), lines::toString);
            List<String> warnings = lines.stream().filter(l -> l.contains(" WARNING ")).toList();
            assertEquals(1, warnings.size(), () -> "one warning: " + lines);
            assertTrue(warnings.getFirst().contains("tcp://127.0.0.1:1616") && warnings.getFirst().contains(
                    "-Dtractor.registry=ADDRESS"), warnings::toString);
        }
    }

    @Test
    void aPythonTractorRegistrarThereIsNamedAsSuch(@TempDir Path dir) throws Exception {
        Path runtimeDir = Files.createDirectory(dir.resolve("run"));
        try (RunningProgram p = inOwnNetwork(runtimeDir, "-Dstranger.python=true")) {
            assertEquals(0, p.awaitExit(Duration.ofSeconds(60)), () -> "exit status; " + p.lines());
            List<String> lines = p.lines();
            assertTrue(lines.contains("worker done"), lines::toString);
            List<String> warnings = lines.stream().filter(l -> l.contains(" WARNING ")).toList();
            assertEquals(1, warnings.size(), () -> "one warning: " + lines);
            assertTrue(warnings.getFirst().contains("tcp://127.0.0.1:1616 is held by a Python tractor actor "
                    + "'registrar' (pid 4242)") && warnings.getFirst().contains("-Dtractor.registry=ADDRESS"),
                    warnings::toString);
        }
    }

    @Test
    void aProgramThatAskedForThatAddressFailsNamingIt(@TempDir Path dir) throws Exception {
        Path runtimeDir = Files.createDirectory(dir.resolve("run"));
        try (RunningProgram p = inOwnNetwork(runtimeDir, "-Dtractor.registry=tcp://127.0.0.1:1616")) {
            assertNotEquals(0, p.awaitExit(Duration.ofSeconds(60)), () -> "exit status; " + p.lines());
            assertTrue(p.lines().stream().anyMatch(l -> l.contains("the registry address tcp://127.0.0.1:1616 is taken")),
                    () -> p.lines().toString());
            assertTrue(p.lines().stream().noneMatch(l -> l.equals("worker done")), () -> p.lines().toString());
        }
    }
}
