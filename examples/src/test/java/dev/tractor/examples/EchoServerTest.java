package dev.tractor.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Tag("multi-process")
class EchoServerTest {
    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void everyRequestIsAnsweredAndTheServerCountsThem() throws Exception {
        ExampleProcess.Result r = ExampleProcess.run(EchoServer.class, Duration.ofSeconds(40)).assertSucceeded();
        r.assertMatch("mean round trip: \\d+ us");
        r.assertInOrder(
                "server says: echo is listening",
                "request 1 'hello' -> response 1 'hello' from echo",
                "request 2 'is anybody there?' -> response 2 'is anybody there?' from echo",
                "request 3 'bye' -> response 3 'bye' from echo",
                "1000 more round trips, every one echoed: true",
                "the server returned: served 1003 requests");
        assertEquals(7, r.lines().size(), () -> "unexpected extra output\n" + r);
    }
}
