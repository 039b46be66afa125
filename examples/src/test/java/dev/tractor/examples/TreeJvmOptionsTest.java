package dev.tractor.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Tag("multi-process")
class TreeJvmOptionsTest {
    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void theTreesOptionsReachTheGrandchildAndAnActorsOwnWin() throws Exception {
        ExampleProcess.Result r = ExampleProcess.run(TreeJvmOptions.class, Duration.ofSeconds(40)).assertSucceeded();
        Matcher worker = r.assertMatch("worker: max heap (\\d+) MiB, example.greeting=hello");
        Matcher helper = r.assertMatch("helper: max heap (\\d+) MiB, example.greeting=hello");
        long workerHeap = Long.parseLong(worker.group(1));
        long helperHeap = Long.parseLong(helper.group(1));
        // the JVM reports a little less than -Xmx with some collectors
        assertTrue(workerHeap > 64 && workerHeap <= 96, "the worker's own -Xmx96m won: " + r);
        assertTrue(helperHeap > 32 && helperHeap <= 64, "the tree's -Xmx64m reached the grandchild: " + r);
        assertEquals(2, r.lines().size(), () -> "unexpected extra output\n" + r);
    }
}
