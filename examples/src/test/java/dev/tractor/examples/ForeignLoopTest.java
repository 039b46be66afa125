package dev.tractor.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Tag("multi-process")
class ForeignLoopTest {
    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void ticksComeFromTheForeignLoopWhichStopsAndIsClosedWithTheActor() throws Exception {
        ExampleProcess.Result r = ExampleProcess.run(ForeignLoop.class, Duration.ofSeconds(80)).assertSucceeded();
        List<String> root = new ArrayList<>();
        List<String> actor = new ArrayList<>();
        for (String line : r.lines()) {
            (line.startsWith("ticker loop:") || line.startsWith("ticker actor:") ? actor : root).add(line);
        }
        List<String> expected = new ArrayList<>();
        expected.add("ticker ready");
        for (int i = 0; i < ForeignLoop.TICKS; i++) {
            expected.add("tick: ACME <price>");
        }
        expected.add("the ticker stopped after the commands ended");
        assertEquals(expected, root, () -> "unexpected output\n" + r);
        assertEquals(List.of("ticker loop: EndOfChannel, stopping", "ticker actor: its event loop is closed"), actor,
                () -> "the foreign loop did not stop in order\n" + r);
    }
}
