package dev.tractor.internal.ipc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The socket files of actors killed before they could delete them go; nothing else does (issue 14, item 7). */
class StaleSocketsTest {
    @TempDir
    Path dir;

    /** A socket file at {@code file} whose server is closed, as a killed actor leaves it. */
    private static void leftBehind(Path file) throws Exception {
        ServerSocketChannel s = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        s.bind(UnixDomainSocketAddress.of(file));
        s.close(); // closing does not delete the file
        assertTrue(Files.exists(file));
    }

    /** The pid of a process that has ended. */
    private static long deadPid() throws Exception {
        Process p = new ProcessBuilder("true").start();
        p.waitFor();
        return p.pid();
    }

    @Test
    void theSocketsOfDeadActorsGoAndTheRestStays() throws Exception {
        long dead = deadPid();
        Path ghost = dir.resolve("worker-1a2b3c4d@" + dead + ".sock");
        leftBehind(ghost);
        Path mine = dir.resolve("root-5e6f7a8b@" + ProcessHandle.current().pid() + ".sock");
        leftBehind(mine);
        Path notASocket = Files.writeString(dir.resolve("notes@" + dead + ".sock"), "a plain file");
        Path otherName = dir.resolve("other-" + dead + ".sock");
        leftBehind(otherName);
        try (ServerSocketChannel live = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            Path listening = dir.resolve("elsewhere@" + dead + ".sock"); // a pid of another namespace, say
            live.bind(UnixDomainSocketAddress.of(listening));

            assertEquals(1, StaleSockets.removeIn(dir));
            assertFalse(Files.exists(ghost), "the dead actor's socket is gone");
            assertTrue(Files.exists(mine), "a live process's socket stays");
            assertTrue(Files.exists(notASocket), "a file that is no socket stays");
            assertTrue(Files.exists(otherName), "a file not named <name>@<pid>.sock stays");
            assertTrue(Files.exists(listening), "a socket something still listens on stays");
        }
    }

    @Test
    void onlyNameAtDigitsDotSockNamesAPid() {
        assertEquals(4242, StaleSockets.pidOf("worker-1a2b@4242.sock"));
        assertEquals(7, StaleSockets.pidOf("a@b@7.sock"));
        assertEquals(-1, StaleSockets.pidOf("worker@.sock"));
        assertEquals(-1, StaleSockets.pidOf("worker@12x.sock"));
        assertEquals(-1, StaleSockets.pidOf("worker@1234567890123456789.sock"));
    }

    @Test
    void aMissingDirectoryRemovesNothing() {
        assertEquals(0, StaleSockets.removeIn(dir.resolve("missing")));
    }
}
