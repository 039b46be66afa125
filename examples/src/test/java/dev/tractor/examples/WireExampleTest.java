package dev.tractor.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class WireExampleTest {
    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void handshakeTypedPayloadsAndBadInput() throws Exception {
        ExampleProcess.Result r = ExampleProcess.run(WireExample.class, Duration.ofSeconds(20));
        r.assertInOrder(
                "== a server on a Unix socket in the per-user directory",
                "  handshake done: talking to 'geometry'",
                "  sent Point[x=3, y=4], got back 5.0",
                "== a payload of the wrong shape fails that message only",
                "  PayloadMismatch: pld: expected Point, got array",
                "  the next message still works: 10.0",
                "== a peer without the secret",
                "  refused: the server could not prove it holds the tree's secret",
                "  the good peer is still served: 13.0",
                "  server closed; socket file removed: true");
        assertEquals(0, r.exitCode(), r::toString);
        // The only thing on stderr may be the server's log line about the intruder (if the program had
        // not ended before the server noticed): a JUL header line, then the reason.
        for (String line : r.stderr().lines().toList()) {
            assertTrue(line.contains("dev.tractor.internal.ipc.Server")
                    || line.matches("WARNING: dropped .* hung up during the handshake .*"), () -> "stderr: " + r);
        }
    }
}
