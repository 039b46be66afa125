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
class CrawlerTest {
    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void theFastPagesArriveAndTheTimeoutAbortsTheStuckRequests() throws Exception {
        ExampleProcess.Result r = ExampleProcess.run(Crawler.class, Duration.ofSeconds(80)).assertSucceeded();
        List<String> expected = new ArrayList<>();
        expected.add("fetched " + Crawler.FAST_PAGES + " pages:");
        for (int i = 0; i < Crawler.FAST_PAGES; i++) {
            expected.add("  /page/" + i + " 200 " + ("<html>/page/" + i + "</html>").length());
        }
        expected.add("the batch timed out: " + Crawler.STUCK_PAGES + " requests cancelled and aborted");
        expected.add("the server saw " + Crawler.STUCK_PAGES + " requests aborted");
        assertEquals(expected, r.lines(), () -> "unexpected output\n" + r);
    }
}
