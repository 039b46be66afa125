package dev.tractor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tractor.internal.ipc.Server;
import dev.tractor.internal.runtime.ActorRuntime;
import dev.tractor.ipc.Address;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Unix-socket addresses: directories made for them, and actor names made safe for file names. */
class UnixSocketAddressTest {
    @AfterEach
    void noProcessOutlivesTheTest() throws InterruptedException {
        Processes.assertNoDescendantsWithin(Duration.ofSeconds(10));
    }

    @Test
    void aRegistryAddressInADirectoryThatDoesNotExistGetsTheDirectoryOwnerOnly(@TempDir Path dir) throws Exception {
        Path missing = dir.resolve("not-yet").resolve("here");
        Address.Uds registry = new Address.Uds(missing.resolve("registry.sock"));
        List<Address> addresses = Tractor.run("root", ActorOptions.defaults().withRegistryAddresses(registry),
                () -> ActorRuntime.current().discovery().addresses());
        assertEquals(List.of(registry), addresses, "the root became the registrar there");
        for (Path made : List.of(dir.resolve("not-yet"), missing)) {
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(made)), made.toString());
        }
        assertFalse(Files.exists(registry.path()), "the socket file goes with the root");
    }

    @Test
    void aBindAddressInADirectoryThatDoesNotExistGetsItButAnExistingDirectoryIsLeftAsItIs(@TempDir Path dir)
            throws Exception {
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-x---"));
        Address.Uds uds = new Address.Uds(dir.resolve("sub").resolve("actor.sock"));
        try (Server server = Server.bind(uds)) {
            assertEquals(uds, server.address());
            assertEquals("rwx------",
                    PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("sub"))));
        }
        assertEquals("rwxr-x---", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)),
                "a directory that was there already is the user's choice");
    }

    @Test
    void anActorNamedWithDotsAndSlashesListensOnASocketFileInsideTheSocketDirectory() throws Exception {
        String where = Tractor.openNursery(an -> an.startActor("../worker",
                ActorOptions.enable(Work.class).withTransport(Transport.UDS)).run(Work::address));
        Path socket = ((Address.Uds) Address.parse(where)).path();
        assertEquals(Address.Uds.directory(), socket.getParent(), where);
        String file = socket.getFileName().toString();
        assertFalse(file.contains(".."), file);
        assertFalse(file.startsWith("."), "not a hidden file: " + file);
        assertTrue(file.contains("worker"), "still recognisable: " + file);
    }

    @Test
    void forActorKeepsAnyNameInsideTheSocketDirectory() {
        Path dir = Address.Uds.directory();
        for (String name : List.of("../../etc/passwd", "..", ".", "a/b", "", ".hidden", "x..y", "ünï cödé")) {
            Path socket = Address.Uds.forActor(name, 42).path();
            assertEquals(dir, socket.getParent(), name);
            String file = socket.getFileName().toString();
            assertFalse(file.contains(".."), name + " -> " + file);
            assertFalse(file.startsWith("."), name + " -> " + file);
            assertTrue(file.endsWith("@42.sock"), name + " -> " + file);
        }
        assertEquals(dir.resolve("worker-1.a_b@7.sock"), Address.Uds.forActor("worker-1.a/b", 7).path(),
                "plain names (single dots too) stay as they are");
    }
}
