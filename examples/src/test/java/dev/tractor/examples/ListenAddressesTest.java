package dev.tractor.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Tag("multi-process")
class ListenAddressesTest {
    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void theRootAndTheChildListenWhereTheirOptionsSay() throws Exception {
        ExampleProcess.Result r = ExampleProcess.run(ListenAddresses.class, Duration.ofSeconds(40)).assertSucceeded();
        Matcher hub = r.assertMatch("hub listens on \\[(uds:///\\S+/hub\\.sock), tcp://127\\.0\\.0\\.1:([1-9]\\d*)\\]");
        Matcher worker = r.assertMatch("worker listens on \\[tcp://127\\.0\\.0\\.1:[1-9]\\d*\\]");
        r.assertInOrder(
                hub.group(),
                worker.group(),
                "the worker connected back to " + hub.group(1),
                "the hub's socket file is gone: true");
        assertEquals(4, r.lines().size(), () -> "unexpected extra output\n" + r);
    }
}
