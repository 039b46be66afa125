package dev.tractor.ipc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;

class AddressTest {

    @Test
    void stringFormsRoundTrip() {
        for (String s : List.of("tcp://127.0.0.1:1616", "tcp://localhost:0", "tcp://[::1]:1616",
                "uds:///run/user/1000/tractor/worker@4242.sock")) {
            assertEquals(s, Address.parse(s).toString());
            assertEquals(Address.parse(s), Address.parse(s), "equality by value");
        }
        assertEquals(new Address.Tcp("::1", 1616), Address.parse("tcp://[::1]:1616"));
        assertEquals(Address.Tcp.loopback(1616), Address.parse("tcp://127.0.0.1:1616"));
    }

    @Test
    void badAddressesSayWhatIsWrong() {
        assertBad("http://x:1", "neither a tcp:// nor a uds://");
        assertBad("tcp://host", "is not tcp://host:port");
        assertBad("tcp://host:port", "the port is not a number");
        assertBad("tcp://host:70000", "outside 0..65535");
        assertBad("tcp://::1:1616", "put an IPv6 host in brackets");
        assertBad("uds://relative.sock", "needs an absolute path");
    }

    @Test
    void loopbackIsRecognised() {
        assertTrue(Address.Tcp.loopback(1).isLoopback());
        assertTrue(new Address.Tcp("::1", 1).isLoopback());
        assertFalse(new Address.Tcp("192.0.2.1", 1).isLoopback()); // a documentation address; never dialled
    }

    @Test
    void theSocketDirectoryIsTheUsersAlone() throws Exception {
        Path dir = Address.Uds.directory();
        assertTrue(Files.isDirectory(dir));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)));
        Address.Uds uds = Address.Uds.forActor("worker", 4242);
        assertEquals(dir.resolve("worker@4242.sock"), uds.path());
    }

    private static void assertBad(String text, String part) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Address.parse(text));
        assertTrue(e.getMessage().contains(part), () -> "'" + e.getMessage() + "' lacks '" + part + "'");
    }
}
