package dev.tractor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tractor.internal.ipc.Channel;
import dev.tractor.internal.ipc.Handshake;
import dev.tractor.internal.msg.Msg;
import dev.tractor.internal.runtime.ActorRuntime;
import dev.tractor.ipc.Address;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link ActorOptions#withBindAddresses}: where a root and a child listen. */
class BindAddressTest {
    @AfterEach
    void noProcessOutlivesTheTest() throws InterruptedException {
        Processes.assertNoDescendantsWithin(Duration.ofSeconds(10));
    }

    @Test
    void aRootListensOnEveryAddressItIsGivenAndItsChildrenUseTheFirst(@TempDir Path dir) throws Exception {
        Address.Uds uds = new Address.Uds(dir.resolve("root.sock"));
        Tractor.run("root", ActorOptions.defaults().withBindAddresses(uds, Address.Tcp.loopback(0)), () -> {
            Actor me = Tractor.currentActor();
            assertEquals(2, me.addresses().size());
            assertEquals(uds, me.address());
            Address.Tcp tcp = (Address.Tcp) me.addresses().get(1);
            assertNotEquals(0, tcp.port(), "the real port, not 0");
            // The child connects back to the first address (the Unix socket) and answers.
            long sum = Tractor.openNursery(an -> an.runInActor("sum", Work::sum, 10).<Long>result());
            assertEquals(55L, sum);
            // The second address serves the tree too: a peer holding the secret is let in, and meets the root.
            try (Channel c = Channel.connect(tcp)) {
                Msg.Aid root = Handshake.connect(c, ActorRuntime.current().secret(),
                        new Msg.Aid("probe", "00000000-0000-4000-8000-000000000001", -1, false, true));
                assertEquals(me.uid().uuid(), root.uuid());
            }
            return null;
        });
    }

    @Test
    void aChildListensWhereItsOptionsSay() throws Exception {
        int port = freePort();
        Address.Tcp fixed = new Address.Tcp("127.0.0.1", port);
        String where = Tractor.openNursery(an -> an.startActor("fixed",
                ActorOptions.enable(Work.class).withBindAddresses(fixed)).run(Work::address));
        assertEquals("tcp://127.0.0.1:" + port, where);
    }

    @Test
    void aChildThatCannotBindItsAddressFailsItsSpawnAndLeavesNothing() throws Exception {
        try (ServerSocketChannel taken = ServerSocketChannel.open()) {
            taken.bind(new InetSocketAddress("127.0.0.1", 0));
            int port = ((InetSocketAddress) taken.getLocalAddress()).getPort();
            ActorStartFailed e = assertThrows(ActorStartFailed.class, () -> Tractor.openNursery(an ->
                    an.startActor("clash", ActorOptions.defaults().withBindAddresses(new Address.Tcp("127.0.0.1", port)))));
            assertTrue(e.getMessage().contains("could not listen on [tcp://127.0.0.1:" + port + "]"), e.getMessage());
        }
    }

    @Test
    void aRootThatCannotBindFailsWithTheReasonAndDoesNotStay() throws Exception {
        try (ServerSocketChannel taken = ServerSocketChannel.open()) {
            taken.bind(new InetSocketAddress("127.0.0.1", 0));
            int port = ((InetSocketAddress) taken.getLocalAddress()).getPort();
            TractorException e = assertThrows(TractorException.class, () -> Tractor.run("root",
                    ActorOptions.defaults().withBindAddresses(Address.Tcp.loopback(0), new Address.Tcp("127.0.0.1", port)),
                    () -> "never"));
            assertTrue(e.getMessage().contains("cannot listen on tcp://127.0.0.1:" + port), e.getMessage());
        }
        assertThrows(NoRuntime.class, Tractor::currentActor);
        assertEquals(1, (int) Tractor.run(() -> 1), "a root can start afterwards");
    }

    @Test
    void theOptionRefusesNoAddressAndTheSameAddressTwice() {
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
                () -> ActorOptions.defaults().withBindAddresses());
        assertTrue(none.getMessage().contains("at least one"), none.getMessage());
        Address a = Address.Tcp.loopback(1616);
        IllegalArgumentException twice = assertThrows(IllegalArgumentException.class,
                () -> ActorOptions.defaults().withBindAddresses(a, Address.Tcp.loopback(1616)));
        assertTrue(twice.getMessage().contains("twice"), twice.getMessage());
        assertThrows(NullPointerException.class, () -> ActorOptions.defaults().withBindAddresses(a, null));
        assertEquals(List.of(a), ActorOptions.defaults().withBindAddresses(a).withLogLevel("INFO").bindAddresses(),
                "kept by the other with... methods");
    }

    private static int freePort() throws IOException {
        try (ServerSocketChannel s = ServerSocketChannel.open()) {
            s.bind(new InetSocketAddress("127.0.0.1", 0));
            return ((InetSocketAddress) s.getLocalAddress()).getPort();
        }
    }
}
