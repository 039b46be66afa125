package dev.tractor.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Tag("multi-process")
class ManyStreamsTest {
    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void eachContextOnOnePortalGetsOnlyItsOwnValues() throws Exception {
        ExampleProcess.Result r = ExampleProcess.run(ManyStreams.class, Duration.ofSeconds(40)).assertSucceeded();
        assertEquals(List.of(
                "== 1. four tasks, each with its own context on the same portal",
                "  task-0: started as task-0, received only its own 50 values, in order: true",
                "  task-1: started as task-1, received only its own 50 values, in order: true",
                "  task-2: started as task-2, received only its own 50 values, in order: true",
                "  task-3: started as task-3, received only its own 50 values, in order: true",
                "== 2. gatherContexts: three contexts opened at once, one block for all",
                "  all started: [gathered-0, gathered-1, gathered-2]",
                "  each received only its own 50 values, in order: [true, true, true]"),
                r.lines(), () -> "unexpected output\n" + r);
    }
}
