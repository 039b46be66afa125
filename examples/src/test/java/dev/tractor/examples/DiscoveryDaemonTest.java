package dev.tractor.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Two programs, as a user runs them: {@link DiscoveryDaemon} in the background, then {@link FindService}
 * twice with the same registry address (and the build's test secret), the second time with {@code --stop}.
 */
@Tag("multi-process")
class DiscoveryDaemonTest {
    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void aSecondProgramFindsTheDaemonByNameCallsItAndStopsIt() throws Exception {
        List<String> registry = List.of("-Dtractor.registry=tcp://127.0.0.1:" + freePort());
        try (ExampleProcess.Background daemon = ExampleProcess.start(DiscoveryDaemon.class, registry)) {
            long pid = daemon.pid();
            daemon.awaitLine("adder is registered: pid " + pid + ", serving add\\(a, b\\) until it is stopped",
                    Duration.ofSeconds(60));

            ExampleProcess.Result first = ExampleProcess.run(FindService.class, Duration.ofSeconds(40), registry)
                    .assertSucceeded();
            first.assertInOrder(
                    "adder says 2 + 3 = 5",
                    "the registry:",
                    "  adder (pid " + pid + ", a root)"); // the daemon is the registrar: it registered first
            first.assertMatch("adder is pid " + pid + ", listening on \\[\\S+\\]");
            first.assertMatch("  finder \\(pid \\d+, this program, a root\\)");
            assertEquals(5, first.lines().size(), () -> "unexpected extra output\n" + first);
            assertTrue(daemon.isAlive(), "the daemon serves on after a client has gone");

            ExampleProcess.Result second = ExampleProcess.run(FindService.class, Duration.ofSeconds(40), registry,
                    "--stop").assertSucceeded();
            second.assertInOrder(
                    "adder says 2 + 3 = 5",
                    "the registry:",
                    "  adder (pid " + pid + ", a root)",
                    "asked adder to stop: true");
            second.assertMatch("  finder \\(pid \\d+, this program, a root\\)");

            ExampleProcess.Result ended = daemon.awaitExit(Duration.ofSeconds(30)).assertSucceeded();
            assertEquals(List.of(
                    "adder is registered: pid " + pid + ", serving add(a, b) until it is stopped",
                    "adder: add(2, 3)",
                    "adder: add(2, 3)",
                    "adder: stopped"), ended.lines(), () -> "unexpected output of the daemon\n" + ended);
        }
    }

    /** A TCP port that nothing listens on now (another program could take it before the daemon does). */
    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress("127.0.0.1", 0));
            return s.getLocalPort();
        }
    }
}
