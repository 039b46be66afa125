package dev.tractor.internal.ipc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.tractor.internal.msg.Msg;
import dev.tractor.internal.msg.Payload;
import dev.tractor.ipc.Address;
import dev.tractor.ipc.Secret;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * An accept loop outlives a shortage of file descriptors (issue 14, item 2): a server limited to a few
 * descriptors is flooded with connections until it cannot accept; once they are gone, a legitimate peer
 * gets in and is served. (Before, the loop logged "stopped accepting ... Too many open files" and ended for
 * good while the port stayed open.)
 */
class AcceptLoopTest {
    private static final Msg.Aid CLIENT = new Msg.Aid("client", "uuid-c", 2, false, false);

    @Test
    @Timeout(120)
    void theAcceptLoopSurvivesTooManyOpenFiles() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/bin/sh")), "needs a POSIX shell for ulimit");
        Secret secret = Secret.generate();
        String java = ProcessHandle.current().info().command().orElseThrow();
        // No cap on handshakes here (it alone would keep a flood from taking every descriptor)
        String command = "ulimit -n 160 && exec '" + java + "' -Dtractor.ipc.maxHandshakes=100000 -cp '" + System.getProperty("java.class.path")
                + "' " + EchoServerProgram.class.getName() + " " + secret.toBase64();
        Process server = new ProcessBuilder("/bin/sh", "-c", command).redirectErrorStream(true).start();
        List<Socket> flood = new ArrayList<>();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
            String first = out.readLine();
            while (first != null && !first.startsWith("port ")) { // its log's first line comes first
                first = out.readLine();
            }
            assertTrue(first != null, "the server's port");
            int port = Integer.parseInt(first.substring(5));
            List<String> log = new java.util.concurrent.CopyOnWriteArrayList<>();
            Thread.ofVirtual().start(() -> out.lines().forEach(log::add));

            // One conversation first, as an actor has had by then: out of descriptors, the JVM cannot load a
            // class the handshake needs for the first time, and a failed resolution stays failed.
            try (Channel warmUp = Channel.connect(new Address.Tcp("127.0.0.1", port))) {
                Handshake.connect(warmUp, secret, CLIENT);
                Msg.Yield y = new Msg.Yield("c0", Payload.of("hello"));
                warmUp.send(y);
                assertEquals(y, warmUp.receive());
            }
            // More connections than the server has descriptors: it runs out, then its backlog fills up too
            for (int i = 0; i < 400 && log.stream().noneMatch(l -> l.contains("cannot accept on")); i++) {
                Socket s = new Socket();
                flood.add(s);
                try {
                    s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 2000);
                } catch (SocketTimeoutException backlogFull) {
                    break;
                }
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (log.stream().noneMatch(l -> l.contains("cannot accept on")) && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertTrue(log.stream().anyMatch(l -> l.contains("cannot accept on")), () -> "it ran out: " + log);
            for (Socket s : flood) {
                s.close();
            }
            flood.clear();

            // The server gets its descriptors back as it sees the flood hang up, a moment later: until then a
            // peer may be hung up on (not left hanging); a legitimate one that tries again gets in.
            long recovered = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            for (int attempt = 1;; attempt++) {
                try (Channel good = Channel.connect(new Address.Tcp("127.0.0.1", port))) {
                    Handshake.connect(good, secret, CLIENT);
                    Msg.Yield y = new Msg.Yield("c1", Payload.of("still here"));
                    good.send(y);
                    assertEquals(y, good.receive(), "a legitimate peer is served again");
                    break;
                } catch (dev.tractor.ipc.IpcException notYet) {
                    if (System.nanoTime() > recovered) {
                        throw new AssertionError("no legitimate peer was served within 30 s, " + attempt
                                + " attempts: " + log, notYet);
                    }
                    Thread.sleep(200);
                }
            }
            assertTrue(log.stream().filter(l -> l.contains("cannot accept on")).count() <= 3,
                    () -> "one warning per episode, not one per failed accept: " + log);
        } finally {
            for (Socket s : flood) {
                s.close();
            }
            server.getOutputStream().close();
            if (!server.waitFor(20, TimeUnit.SECONDS)) {
                server.destroyForcibly();
            }
        }
    }
}
