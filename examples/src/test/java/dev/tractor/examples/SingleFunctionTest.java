package dev.tractor.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Tag("multi-process")
class SingleFunctionTest {
    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void theResultComesBackFromAnotherProcessThatIsThenGone() throws Exception {
        ExampleProcess.Result r = ExampleProcess.run(SingleFunction.class, Duration.ofSeconds(40)).assertSucceeded();
        long root = Long.parseLong(r.assertMatch("root actor in pid (\\d+) runs sumOfSquares\\(1000\\) in a new actor")
                .group(1));
        long child = Long.parseLong(r.assertMatch("computed by actor 'squares' in pid (\\d+), another process")
                .group(1));
        assertNotEquals(root, child);
        r.assertInOrder(
                "result: 333833500",
                "computed by actor 'squares' in pid " + child + ", another process",
                "formula n(n+1)(2n+1)/6 agrees: true",
                "the actor's process has exited: true");
        assertEquals(5, r.lines().size(), () -> "unexpected extra output\n" + r);
        r.assertNotRunning(child);
    }
}
