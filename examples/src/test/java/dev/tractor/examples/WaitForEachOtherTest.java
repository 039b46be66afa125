package dev.tractor.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Tag("multi-process")
class WaitForEachOtherTest {
    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void donnyWaitsForGretchenThenGreetsHer() throws Exception {
        ExampleProcess.Result r = ExampleProcess.run(WaitForEachOther.class, Duration.ofSeconds(40)).assertSucceeded();
        assertEquals(List.of(
                "Alright... Action!",
                "donny heard: Hi donny, I'm gretchen",
                "gretchen says: gretchen was greeted by donny",
                "Cut!"), r.lines(), () -> "unexpected output\n" + r);
    }
}
