package dev.tractor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tractor.sc.ExceptionGroup;
import dev.tractor.sc.Nursery;
import dev.tractor.sc.Sc;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A spawn storm on a loaded machine: many one-shot children started at the same moment while every core
 * is kept busy. The parent admits a few starts at a time (tractor.spawn.maxConcurrentStarts), so each JVM
 * gets enough of the CPU to connect back within its start timeout, which counts from its launch.
 */
class SpawnStormTest {
    private static final int CHILDREN = 50;

    @AfterEach
    void noProcessOutlivesTheTest() throws InterruptedException {
        Processes.assertNoDescendantsWithin(Duration.ofSeconds(10));
    }

    @Test
    @Timeout(value = 240, unit = TimeUnit.SECONDS) // 50 JVMs on busy cores
    void fiftyChildrenStartedAtOnceOnBusyCoresAllDeliverTheirResultOrTheirError(@TempDir Path dir) throws Exception {
        String go = dir.resolve("go").toString();
        Map<Integer, Integer> results = new ConcurrentHashMap<>();
        List<Process> spinners = spinEveryCore();
        ExceptionGroup g;
        try {
            // Half of them return a result, the other half fail, each once all are running (a failure
            // cancels the nursery, and with it any sibling still starting).
            g = assertThrows(ExceptionGroup.class, () -> Tractor.openNursery(an -> {
                Nursery.open(spawners -> {
                    for (int i = 0; i < CHILDREN; i++) {
                        int n = i;
                        if (n % 2 == 0) {
                            String name = "square-" + n;
                            spawners.startSoon(name, () -> results.put(n, an.runInActor(name, Work::square, n).result()));
                        } else {
                            String name = "failing-" + n;
                            spawners.startSoon(name, () -> an.runInActor(name, Work::failWhenToldBy, go, name));
                        }
                    }
                });
                for (int i = 1; i < CHILDREN; i += 2) {
                    while (!Files.exists(Path.of(go + ".failing-" + i + ".running"))) {
                        Sc.sleep(Duration.ofMillis(10));
                    }
                }
                Files.createFile(Path.of(go));
                return null;
            }));
        } finally {
            spinners.forEach(Process::destroyForcibly);
            for (Process p : spinners) {
                p.waitFor();
            }
        }
        List<String> failed = new ArrayList<>();
        for (Throwable t : g.exceptions()) { // no ActorStartFailed, no Cancelled
            RemoteActorError e = assertInstanceOf(RemoteActorError.class, t, () -> "not a remote error: " + t);
            assertEquals(IllegalArgumentException.class.getName(), e.remoteType());
            failed.add(e.source().name());
        }
        assertEquals(CHILDREN / 2, failed.stream().distinct().count(), "every error arrived: " + failed);
        Map<Integer, Integer> expected = new TreeMap<>();
        for (int i = 0; i < CHILDREN; i += 2) {
            expected.put(i, i * i);
        }
        assertEquals(expected, new TreeMap<>(results), "every result arrived");
    }

    /** A busy loop in a process of its own for every core (at least two), until it is killed. */
    private static List<Process> spinEveryCore() throws IOException {
        List<Process> spinners = new ArrayList<>();
        try {
            for (int i = 0; i < Math.max(2, Runtime.getRuntime().availableProcessors()); i++) {
                spinners.add(new ProcessBuilder("sh", "-c", "while :; do :; done").start());
            }
        } catch (IOException | RuntimeException e) {
            spinners.forEach(Process::destroyForcibly);
            throw e;
        }
        return spinners;
    }
}
