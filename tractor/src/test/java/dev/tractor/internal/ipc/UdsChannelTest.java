package dev.tractor.internal.ipc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tractor.ipc.Address;
import dev.tractor.ipc.TransportClosed;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.nio.channels.ServerSocketChannel;
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

    @Test
    void aStaleSocketFileIsReplacedButALiveSocketAndOtherFilesAreNot() throws IOException {
        Address.Uds address = (Address.Uds) listenAddress();
        try (ServerSocketChannel gone = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            gone.bind(address.socketAddress()); // closing it leaves the file behind: a crashed server's
        }
        assertTrue(Files.exists(address.path()));
        try (Server replaced = Server.bind(address)) {
            TransportClosed live = assertThrows(TransportClosed.class, () -> Server.bind(address));
            assertTrue(live.getMessage().contains("another process listens there"), live.getMessage());
            try (Channel c = Channel.connect(address)) {
                assertFalse(c.isClosed(), "the first server still accepts");
            }
        }
        Files.writeString(address.path(), "precious");
        try {
            TransportClosed notSocket = assertThrows(TransportClosed.class, () -> Server.bind(address));
            assertTrue(notSocket.getMessage().contains("is not a socket"), notSocket.getMessage());
            assertEquals("precious", Files.readString(address.path()));
        } finally {
            Files.delete(address.path());
        }
    }
}
