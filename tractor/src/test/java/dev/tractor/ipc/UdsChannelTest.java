package dev.tractor.ipc;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The channel contract over a Unix-domain socket, plus what only that transport has: a socket file. */
class UdsChannelTest extends ChannelContractTest {
    @Override
    Address listenAddress() {
        return Address.Uds.forActor("test-" + UUID.randomUUID().toString().substring(0, 8), ProcessHandle.current().pid());
    }

    @Test
    void theSocketFileIsGoneAfterTheServerCloses() {
        Address.Uds address = (Address.Uds) listenAddress();
        Server s = Server.bind(address);
        assertTrue(Files.exists(address.path()));
        s.close();
        assertFalse(Files.exists(address.path()));
    }
}
