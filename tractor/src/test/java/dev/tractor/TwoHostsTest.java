package dev.tractor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tractor.internal.discovery.Cookie;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Two "hosts": network namespaces A and B joined by a veth pair, each with its own address and nothing
 * else. A runs a daemon that is the registrar and listens on A's address; a program in B joins it there,
 * finds the daemon by name, calls it and streams from it. Either side survives the other's SIGKILL.
 *
 * <p>Needs root (to create the namespaces); skipped otherwise. Everything it creates has a random suffix,
 * and is deleted at the end, also when a test fails.
 */
@Tag("multi-process")
@Timeout(60)
class TwoHostsTest {
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private static String nsA;
    private static String nsB;
    private static String hostA; // A's address; B's is .2 of the same /24
    private static Thread cleanUpOnExit;
    private static String unavailable; // why the hosts could not be created; null once they are

    private final int port = 16000 + ThreadLocalRandom.current().nextInt(1000);
    private final List<RunningProgram> programs = new ArrayList<>();

    @BeforeAll
    static void createTheHosts() throws Exception {
        if (!isRoot()) {
            unavailable = "creating network namespaces needs root";
            return;
        }
        Cookie.secret(); // the programs on both hosts share it: make sure it exists before they start
        String suffix = Integer.toHexString(ThreadLocalRandom.current().nextInt(0x100000, 0x1000000));
        String net = "10." + ThreadLocalRandom.current().nextInt(200, 250) + "." + ThreadLocalRandom.current().nextInt(256);
        nsA = "tractor-a-" + suffix;
        nsB = "tractor-b-" + suffix;
        hostA = net + ".1";
        String vethA = "trva" + suffix; // interface names have at most 15 characters
        String vethB = "trvb" + suffix;
        cleanUpOnExit = new Thread(TwoHostsTest::deleteTheHosts, "delete " + nsA + " and " + nsB);
        Runtime.getRuntime().addShutdownHook(cleanUpOnExit); // if the test JVM is ended before @AfterAll
        try {
            run("ip", "netns", "add", nsA);
            run("ip", "netns", "add", nsB);
            // Created in A with its peer in B: the host's own namespace never holds either end.
            run("ip", "-n", nsA, "link", "add", vethA, "type", "veth", "peer", "name", vethB, "netns", nsB);
            run("ip", "-n", nsA, "addr", "add", hostA + "/24", "dev", vethA);
            run("ip", "-n", nsB, "addr", "add", net + ".2/24", "dev", vethB);
            for (String[] link : new String[][] {{nsA, vethA}, {nsB, vethB}, {nsA, "lo"}, {nsB, "lo"}}) {
                run("ip", "-n", link[0], "link", "set", link[1], "up");
            }
        } catch (IOException e) {
            deleteTheHosts();
            unavailable = "cannot create the network namespaces (ip netns): " + e.getMessage();
        }
    }

    /** Skips each test (so that the report shows why) when the hosts could not be created. */
    @BeforeEach
    void needsTheHosts() {
        Assumptions.assumeTrue(unavailable == null, unavailable);
    }

    @AfterAll
    static void deleteTheHostsAtTheEnd() {
        deleteTheHosts();
        if (cleanUpOnExit != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(cleanUpOnExit);
            } catch (IllegalStateException shuttingDown) {
                // it runs anyway
            }
        }
    }

    /** Deletes both namespaces (the veth pair goes with them); what does not exist is skipped. */
    private static synchronized void deleteTheHosts() {
        for (String ns : new String[] {nsA, nsB}) {
            if (ns != null) {
                try {
                    new ProcessBuilder("ip", "netns", "del", ns).redirectErrorStream(true)
                            .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor(10, TimeUnit.SECONDS);
                } catch (IOException | InterruptedException e) {
                    System.err.println("could not delete the network namespace " + ns + ": " + e);
                }
            }
        }
    }

    @AfterEach
    void nothingIsLeft() throws InterruptedException {
        for (RunningProgram p : programs) {
            p.kill();
        }
        Processes.assertNoDescendantsWithin(Duration.ofSeconds(10));
    }

    @Test
    void aProgramOnAnotherHostFindsTheDaemonCallsItAndStreams() throws Exception {
        RunningProgram daemon = daemon();
        long daemonPid = Long.parseLong(daemon.awaitValue("daemon pid ", PATIENCE).split(" ")[0]);
        assertEquals(daemon.process().pid(), daemonPid, "ip netns exec execs the program: killing it kills the JVM");
        RunningProgram client = client(5, 0, "child");
        assertEquals(0, client.awaitExit(PATIENCE), () -> "the client's exit status; " + client.lines());
        List<String> out = client.lines();
        assertTrue(out.contains("pid " + client.process().pid()), out.toString());
        assertTrue(out.contains("registry: [host-client, host-daemon]"), out.toString());
        assertTrue(out.stream().anyMatch(l -> l.matches("daemon at: \\[tcp://" + hostA.replace(".", "\\.") + ":\\d+]")),
                "the daemon is registered at its address on host A: " + out);
        assertTrue(out.contains("called: hello client from host-daemon pid " + daemonPid), out.toString());
        assertEquals(List.of("context open: ticking", "got 0", "got 1", "got 2", "got 3", "got 4", "result: 5"),
                out.subList(out.indexOf("context open: ticking"), out.indexOf("result: 5") + 1));
        // A child of the daemon that listens on host A's address is found and called from host B too.
        assertTrue(out.stream().anyMatch(l -> l.matches("child at: \\[tcp://" + hostA.replace(".", "\\.") + ":\\d+]")),
                out.toString());
        assertTrue(out.stream().anyMatch(l -> l.matches("called child: hello client from host-child pid \\d+")),
                out.toString());
        assertEquals(List.of("child context result: null", "done"), out.subList(out.size() - 2, out.size()),
                "cancelled by its opener, the context ends quietly");
        assertTrue(daemon.process().isAlive(), "the daemon serves on: " + daemon.lines());
    }

    @Test
    void killingTheDaemonMidStreamFailsTheClientWithoutAHang() throws Exception {
        RunningProgram daemon = daemon();
        daemon.awaitValue("daemon pid ", PATIENCE);
        RunningProgram client = client(1_000_000, 50);
        client.awaitLine("got 3"::equals, PATIENCE, "got 3");
        daemon.kill();
        assertEquals(3, client.awaitExit(Duration.ofSeconds(20)), () -> "the client fails; " + client.lines());
        String failure = client.awaitValue("failed: ", Duration.ofSeconds(1));
        assertTrue(failure.startsWith("dev.tractor.TractorException: the connection of context "
                + Hosting.class.getName() + ".ticks"), failure);
        assertTrue(failure.contains("with host-daemon@tcp://" + hostA + ":") && failure.contains("ended"), failure);
        assertTrue(client.lines().stream().noneMatch(l -> l.equals("done") || l.startsWith("result: ")),
                client.lines().toString());
    }

    @Test
    void killingTheClientMidStreamLeavesTheDaemonServingANewClient() throws Exception {
        RunningProgram daemon = daemon();
        long daemonPid = Long.parseLong(daemon.awaitValue("daemon pid ", PATIENCE).split(" ")[0]);
        RunningProgram first = client(1_000_000, 50);
        first.awaitLine("got 3"::equals, PATIENCE, "got 3");
        first.kill();

        RunningProgram second = client(3, 0);
        assertEquals(0, second.awaitExit(PATIENCE), () -> "the second client's exit status; " + second.lines());
        List<String> out = second.lines();
        assertTrue(out.contains("registry: [host-client, host-daemon]"), "the killed client is dropped: " + out);
        assertTrue(out.contains("called: hello client from host-daemon pid " + daemonPid), out.toString());
        assertTrue(out.contains("other streams: 0"), "the killed client's stream has ended in the daemon: " + out);
        assertEquals(List.of("context open: ticking", "got 0", "got 1", "got 2", "result: 3", "done"),
                out.subList(out.indexOf("context open: ticking"), out.size()));
        assertTrue(daemon.process().isAlive(), "the daemon serves on: " + daemon.lines());
        assertTrue(daemon.lines().stream().noneMatch(l -> l.startsWith("failed: ")), daemon.lines().toString());
    }

    private RunningProgram daemon() throws IOException {
        return inNamespace(nsA, "daemon", HostProgram.class, "daemon", hostA, String.valueOf(port));
    }

    private RunningProgram client(int count, int millis, String... more) throws IOException {
        List<String> args = new ArrayList<>(List.of("client", hostA, String.valueOf(port), String.valueOf(count),
                String.valueOf(millis)));
        args.addAll(List.of(more));
        return inNamespace(nsB, "client", HostProgram.class, args.toArray(String[]::new));
    }

    /** Starts {@code main} in the network namespace {@code ns} ({@code ip netns exec} execs the JVM). */
    private RunningProgram inNamespace(String ns, String label, Class<?> main, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of("ip", "netns", "exec", ns));
        command.addAll(RunningProgram.javaCommand(List.of("-D" + Cookie.PROPERTY + "=" + Cookie.path()), main, args));
        RunningProgram p = RunningProgram.start(label, command);
        programs.add(p);
        return p;
    }

    private static boolean isRoot() {
        try {
            return run("id", "-u").strip().equals("0");
        } catch (IOException e) {
            return false;
        }
    }

    /** Runs a command to its end and returns its output. @throws IOException if it fails */
    private static String run(String... command) throws IOException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IOException(String.join(" ", command) + " failed: " + out.strip());
            }
            return out;
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException(String.join(" ", command) + " was interrupted", e);
        }
    }
}
