package dev.tractor.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tractor.ActorOptions;
import dev.tractor.Portal;
import dev.tractor.Tractor;
import dev.tractor.discovery.RegistryEntry;
import dev.tractor.ipc.Address;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code tractor ps}: the listing of a running tree, from another program. */
class TractorCommandTest {
    @AfterEach
    void noProcessOutlivesTheTest() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (ProcessHandle.current().descendants().anyMatch(ProcessHandle::isAlive) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertEquals(List.of(), ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)
                .map(h -> h.pid() + " " + h.info().commandLine().orElse("?")).toList(), "processes left behind");
    }

    private static final RegistryEntry ROOT = new RegistryEntry("root", "aaaaaaaa-1", 10,
            List.of(Address.Tcp.loopback(4000)), Optional.empty());
    private static final RegistryEntry CHILD = new RegistryEntry("worker", "bbbbbbbb-2", 11,
            List.of(Address.Tcp.loopback(4001)), Optional.of("aaaaaaaa-1"));
    private static final RegistryEntry GRANDCHILD = new RegistryEntry("leaf", "cccccccc-3", 12,
            List.of(Address.Tcp.loopback(4002), Address.Tcp.loopback(4003)), Optional.of("bbbbbbbb-2"));
    private static final RegistryEntry SECOND = new RegistryEntry("helper", "dddddddd-4", 13,
            List.of(Address.Tcp.loopback(4004)), Optional.of("aaaaaaaa-1"));

    @Test
    void helpPrintsTheUsageAndSucceedsWhileAMistakeFailsWithIt() {
        for (String help : List.of("--help", "-h", "help")) {
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
            assertEquals(0, TractorCommand.run(new String[] {help}, new java.io.PrintStream(out, true,
                    StandardCharsets.UTF_8), new java.io.PrintStream(err, true, StandardCharsets.UTF_8)), help);
            assertTrue(out.toString(StandardCharsets.UTF_8).startsWith("usage: tractor ps"), help);
            assertTrue(out.toString(StandardCharsets.UTF_8).contains("--registry"), help);
            assertEquals("", err.toString(StandardCharsets.UTF_8), help);
        }
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        assertEquals(2, TractorCommand.run(new String[] {"list"}, System.out, new java.io.PrintStream(err, true,
                StandardCharsets.UTF_8)));
        assertTrue(err.toString(StandardCharsets.UTF_8).startsWith("usage: tractor ps"));
    }

    @Test
    void theTableNamesEachActorsParent() {
        assertEquals("""
                NAME    UUID        PID  PARENT  ADDRESSES
                root    aaaaaaaa-1  10   -       tcp://127.0.0.1:4000
                worker  bbbbbbbb-2  11   root    tcp://127.0.0.1:4001
                leaf    cccccccc-3  12   worker  tcp://127.0.0.1:4002 tcp://127.0.0.1:4003
                """, TractorCommand.table(List.of(ROOT, CHILD, GRANDCHILD)));
    }

    @Test
    void inDebugModeTheTableAndTheTreeShowWhereADebuggerAttaches() {
        RegistryEntry debugged = new RegistryEntry("worker", "bbbbbbbb-2", 11, List.of(Address.Tcp.loopback(4001)),
                Optional.of("aaaaaaaa-1"), Optional.of(Address.Tcp.loopback(5005)));
        assertEquals("""
                NAME    UUID        PID  PARENT  DEBUG                 ADDRESSES
                root    aaaaaaaa-1  10   -       -                     tcp://127.0.0.1:4000
                worker  bbbbbbbb-2  11   root    tcp://127.0.0.1:5005  tcp://127.0.0.1:4001
                """, TractorCommand.table(List.of(ROOT, debugged)));
        assertEquals("""
                root (pid 10, aaaaaaaa)
                `-- worker (pid 11, bbbbbbbb, debug tcp://127.0.0.1:5005)
                """, TractorCommand.tree(List.of(ROOT, debugged)));
    }

    @Test
    void theTreeDrawsChildrenUnderTheirParents() {
        assertEquals("""
                root (pid 10, aaaaaaaa)
                |-- worker (pid 11, bbbbbbbb)
                |   `-- leaf (pid 12, cccccccc)
                `-- helper (pid 13, dddddddd)
                """, TractorCommand.tree(List.of(ROOT, CHILD, GRANDCHILD, SECOND)));
    }

    @Test
    void psFromAnotherProgramListsTheRunningTree() throws Exception {
        int port = freePort();
        Address registry = new Address.Tcp("127.0.0.1", port);
        List<String> listing = Tractor.run("ps-root", ActorOptions.defaults().withRegistryAddresses(registry),
                () -> Tractor.openNursery(an -> {
                    Portal worker = an.startActor("ps-worker", ActorOptions.defaults());
                    while (Tractor.queryActor("ps-worker").isEmpty()) {
                        dev.tractor.sc.Sc.sleep(java.time.Duration.ofMillis(20));
                    }
                    List<String> lines = ps("ps", "--tree", "--registry", registry.toString());
                    lines.add("worker pid " + worker.pid());
                    return lines;
                }));
        assertEquals("0", listing.getFirst(), "exit status; output: " + listing);
        long workerPid = Long.parseLong(listing.getLast().substring("worker pid ".length()));
        assertTrue(listing.get(1).startsWith("ps-root (pid " + ProcessHandle.current().pid() + ", "), listing.toString());
        assertTrue(listing.get(2).startsWith("`-- ps-worker (pid " + workerPid + ", "), listing.toString());
        assertEquals(4, listing.size(), "the tool left itself out: " + listing);
    }

    @Test
    void psWithoutARegistrarSaysSoAndFails() throws Exception {
        List<String> out = ps("ps", "--registry", "tcp://127.0.0.1:" + freePort());
        assertEquals("1", out.getFirst());
        assertTrue(String.join("\n", out).contains("no registrar answers at"), out.toString());
    }

    @Test
    void anAddressOfAnActorThatIsNotTheRegistrarIsRefused() throws Exception {
        int port = freePort();
        List<String> out = Tractor.openNursery(an -> {
            an.startActor("bystander", ActorOptions.defaults().withBindAddresses(new Address.Tcp("127.0.0.1", port)));
            return ps("ps", "--registry", "tcp://127.0.0.1:" + port);
        });
        assertEquals("1", out.getFirst());
        assertTrue(String.join("\n", out).contains("the registry address tcp://127.0.0.1:" + port
                + " is taken by actor bystander, which is not a registrar"), out.toString());
    }

    /** Runs the command in a JVM of its own; returns its exit status, then its output lines. */
    private static List<String> ps(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElseThrow(),
                "-Dtractor.cookie=" + System.getProperty("tractor.cookie"), "-cp", System.getProperty("java.class.path"),
                TractorCommand.class.getName()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "tractor ps ended");
        List<String> lines = new ArrayList<>();
        lines.add(Integer.toString(p.exitValue()));
        output.lines().forEach(lines::add);
        return lines;
    }

    private static int freePort() throws IOException {
        try (ServerSocketChannel s = ServerSocketChannel.open()) {
            s.bind(new InetSocketAddress("127.0.0.1", 0));
            return ((InetSocketAddress) s.getLocalAddress()).getPort();
        }
    }
}
