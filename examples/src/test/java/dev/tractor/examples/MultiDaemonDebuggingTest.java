package dev.tractor.examples;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Tag("multi-process")
class MultiDaemonDebuggingTest {
    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void theStreamingDaemonReentersItsBreakpointAndTheCrashEndsTheTree() throws Exception {
        try (ExampleProcess.Background example = ExampleProcess.startInteractive(MultiDaemonDebugging.class,
                List.of("-Dtractor.debug.sourcePath=src/main/java"))) {
            int breakpoints = 0;
            boolean crashed = false;
            while (!crashed) {
                String heading = example.awaitNthLine("^\\[(bp_forever|name_error) \\(pid \\d+\\)\\] (stopped|crashed)",
                        Duration.ofSeconds(60), breakpoints);
                if (heading.startsWith("[name_error")) {
                    assertTrue(heading.contains("crashed: java.lang.NullPointerException") && heading.contains(
                            "\"doggypants\" is null"), heading);
                    type(example, "p names");
                    crashed = true;
                } else {
                    assertTrue(heading.contains("stopped in thread"), heading);
                    breakpoints++;
                }
                type(example, "continue");
            }
            ExampleProcess.Result r = example.awaitExit(Duration.ofSeconds(90));
            assertNotEquals(0, r.exitCode(), r::toString);
            assertTrue(r.stdout().contains("{doggy=pants}"), () -> "the post-mortem printed a local: " + r);
            assertTrue(r.stdout().contains("got yo"), () -> "the stream went on: " + r);
            assertTrue(r.stderr().contains("RemoteActorError") && r.stderr().contains("name_error"),
                    () -> "the error ended the tree: " + r);
        }
    }

    private static void type(ExampleProcess.Background example, String line) throws java.io.IOException {
        example.input().write((line + "\n").getBytes(StandardCharsets.UTF_8));
        example.input().flush();
    }
}
