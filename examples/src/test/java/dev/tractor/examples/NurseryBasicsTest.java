package dev.tractor.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class NurseryBasicsTest {
    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void showsWaitingOneCancelsAllGroupsAndCancellingTheNursery() throws Exception {
        ExampleProcess.Result r = ExampleProcess.run(NurseryBasics.class, Duration.ofSeconds(20)).assertSucceeded();

        // 1. open() returns only after both tasks; the body reaches its end before either of them.
        r.assertInOrder(
                "== 1. a nursery waits for its tasks",
                "  [body] started both tasks and reached the end of the block",
                "  [fast] done",
                "  [slow] done",
                "  Nursery.open returned: both tasks have ended");

        // 2. The crash cancels the sleeper and the body, and comes out of open() as itself.
        int section2 = r.assertLine("== 2. a failing task cancels its siblings and the body");
        int sleeper = r.assertLine(
                "  [sleeper] cancelled: task 'crasher' failed: java.lang.IllegalStateException: disk full");
        int body = r.assertLine("  [body] cancelled as well");
        int raised = r.assertLine("  open raised IllegalStateException: disk full");
        assertTrue(section2 < sleeper && sleeper < raised && section2 < body && body < raised, r::toString);

        // 3. Two failures at once: a group with both.
        r.assertInOrder(
                "== 3. several failures come out as an ExceptionGroup",
                "  caught a group of 2: [ArithmeticException: division by zero, IllegalArgumentException: bad input]",
                "  find(ArithmeticException) -> division by zero");

        // 4. Exactly three ticks, then a normal return.
        r.assertInOrder(
                "== 4. cancelling the nursery's scope stops everything",
                "  [ticker] tick 1",
                "  [ticker] tick 2",
                "  [ticker] tick 3",
                "  open returned normally after 3 ticks; cancelledCaught = true");
        assertEquals(0, r.lines().stream().filter(l -> l.contains("tick 4")).count(), r::toString);
    }
}
