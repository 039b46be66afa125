package dev.tractor.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The demo's story, checked on its output. The workers' lines come from their own processes, so only the
 * root's lines have an order; a worker's lines are checked for being there, with the right pid, and, for
 * its cleanup line, for coming before the root's catch (the worker wrote it before it exited, and the
 * root catches only after every worker has exited).
 */
@Tag("multi-process")
class DemoTest {
    private static final Duration LIMIT = Duration.ofSeconds(40);

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void everyWorkerProcessIsReapedBeforeMainSeesTheError() throws Exception {
        ExampleProcess.Result r = ExampleProcess.run(Demo.class, LIMIT, "3").assertSucceeded();
        List<Long> pids = assertWorkers(r, 3);

        // The root's own lines, in order; each worker was started before the countdown.
        List<String> rootLines = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            rootLines.add("started worker_" + i + " in pid " + pids.get(i));
        }
        rootLines.addAll(List.of("This process tree will self-destruct in 1 sec...", "main caught: Self destructed",
                "Zombies Contained"));
        r.assertInOrder(rootLines.toArray(String[]::new));
        assertEquals("all 3 worker processes have exited; this JVM has no child process left", r.lines().getLast());

        // A worker that ran its cleanup did so before main caught the error.
        int caught = r.assertLine("main caught: Self destructed");
        for (int i = 0; i < 3; i++) {
            int cleanup = r.lines().indexOf("'worker_" + i + "' (pid " + pids.get(i) + ") cancelled, cleaning up");
            assertTrue(cleanup < caught, () -> "a worker cleaned up after main caught the error\n" + r);
        }
        assertTrue(r.took().compareTo(Duration.ofSeconds(1)) >= 0, () -> "self-destructed too early\n" + r);
        // ExampleProcess has checked that no process of the run's tree is left; check the reported pids too.
        pids.forEach(r::assertNotRunning);
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void byDefaultThereIsOneWorkerPerCore() throws Exception {
        ExampleProcess.Result r = ExampleProcess.run(Demo.class, LIMIT).assertSucceeded();
        int workers = Integer.parseInt(r.assertMatch("root actor in pid \\d+ starts (\\d+) worker actors, one JVM each")
                .group(1));
        assertEquals(Runtime.getRuntime().availableProcessors(), workers, r::toString);
        assertWorkers(r, workers).forEach(r::assertNotRunning);
        r.assertLine("Zombies Contained");
    }

    /**
     * Asserts that each of the {@code workers} was started by the root and said hello from the pid the root
     * reported, a pid other than the root's; returns the pids, worker 0 first.
     */
    private static List<Long> assertWorkers(ExampleProcess.Result r, int workers) {
        long root = Long.parseLong(r.assertMatch("root actor in pid (\\d+) starts .*").group(1));
        List<Long> pids = new ArrayList<>();
        for (int i = 0; i < workers; i++) {
            Matcher started = r.assertMatch("started worker_" + i + " in pid (\\d+)");
            long pid = Long.parseLong(started.group(1));
            assertTrue(pid != root, r::toString);
            r.assertLine("Yo, i'm 'worker_" + i + "' running in pid " + pid);
            pids.add(pid);
        }
        assertEquals(workers, pids.stream().distinct().count(), () -> "two workers in one process\n" + r);
        long hellos = r.lines().stream().filter(l -> l.startsWith("Yo, i'm ")).count();
        assertEquals(workers, hellos, () -> "unexpected workers\n" + r);
        return pids;
    }
}
