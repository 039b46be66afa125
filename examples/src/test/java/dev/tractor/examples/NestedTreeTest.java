package dev.tractor.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Tag("multi-process")
class NestedTreeTest {
    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aResultAndAnErrorComeBackThroughTheMiddle() throws Exception {
        ExampleProcess.Result r = ExampleProcess.run(NestedTree.class, Duration.ofSeconds(40)).assertSucceeded();
        long root = Long.parseLong(r.assertMatch("  root   pid (\\d+)").group(1));
        long middle = Long.parseLong(r.assertMatch("    middle pid (\\d+), child of pid " + root).group(1));
        long leaf = Long.parseLong(r.assertMatch("      leaf pid (\\d+), child of pid " + middle).group(1));
        r.assertInOrder(
                "== 1. a result comes back through the middle",
                "  root: 7 squared is 49",
                "  root   pid " + root,
                "    middle pid " + middle + ", child of pid " + root,
                "      leaf pid " + leaf + ", child of pid " + middle,
                "  a real process tree: true",
                "== 2. an error comes back through the middle",
                "  root caught RemoteActorError",
                "  remote type: java.lang.IllegalStateException",
                "  message:     the leaf broke",
                "  raised in:   leaf",
                "  relay path:  leaf -> middle",
                "  remote stack starts at: NestedTree.fail");
        assertEquals(13, r.lines().size(), () -> "unexpected extra output\n" + r);
        r.assertNotRunning(middle);
        r.assertNotRunning(leaf);
    }
}
