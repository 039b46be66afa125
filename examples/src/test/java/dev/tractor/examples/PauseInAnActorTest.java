package dev.tractor.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Tag("multi-process")
class PauseInAnActorTest {
    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void theCounterStopsAndTheRootsTerminalDebugsIt() throws Exception {
        try (ExampleProcess.Background example = ExampleProcess.startInteractive(PauseInAnActor.class,
                List.of("-Dtractor.debug.sourcePath=src/main/java"))) {
            example.awaitLine("\\[counter \\(pid \\d+\\)\\] stopped .*PauseInAnActor\\.sumOfSquares\\(PauseInAnActor\\.java:\\d+\\)",
                    Duration.ofSeconds(60));
            example.awaitLine(".*-> +Tractor\\.pause\\(\\); // look around.*", Duration.ofSeconds(10));
            example.input().write("p total\nlocals\ncontinue\n".getBytes(StandardCharsets.UTF_8));
            example.input().flush();
            example.awaitLine("sum of squares: 30", Duration.ofSeconds(30));
            ExampleProcess.Result r = example.awaitExit(Duration.ofSeconds(30));
            assertEquals(0, r.exitCode(), r::toString);
            assertTrue(r.stdout().contains("(tractor counter) 30"), r::toString);
            assertTrue(r.stdout().contains("n = 4") && r.stdout().contains("total = 30"), () -> "locals: " + r);
        }
    }
}
