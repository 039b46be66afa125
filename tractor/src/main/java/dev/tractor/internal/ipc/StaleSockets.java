package dev.tractor.internal.ipc;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * Removes the socket files that actors killed before they could clean up left in a socket directory:
 * {@code <name>@<pid>.sock} files whose process is gone (an actor deletes its own socket file when it ends;
 * one killed with SIGKILL cannot). A file of a live process, one where something still accepts connections,
 * or one that is not a socket, is left alone.
 */
public final class StaleSockets {
    private static final int S_IFMT = 0170000; // the file-type bits of a Unix mode
    private static final int S_IFSOCK = 0140000;

    private StaleSockets() {
    }

    /** Deletes the stale actor sockets in {@code directory}; how many. Best effort: never throws. */
    public static int removeIn(Path directory) {
        int removed = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "*@*.sock")) {
            for (Path file : files) {
                long pid = pidOf(file.getFileName().toString());
                if (pid > 0 && ProcessHandle.of(pid).isEmpty() && isSocket(file) && !accepts(file)
                        && Files.deleteIfExists(file)) {
                    removed++;
                }
            }
        } catch (IOException | RuntimeException e) {
            // the directory is the user's own: what cannot be read or deleted stays for the next one
        }
        return removed;
    }

    /** The pid of {@code <name>@<pid>.sock}, or -1. */
    static long pidOf(String fileName) {
        int at = fileName.lastIndexOf('@');
        String digits = fileName.substring(at + 1, fileName.length() - ".sock".length());
        if (at < 0 || digits.isEmpty() || digits.length() > 18) {
            return -1;
        }
        for (int i = 0; i < digits.length(); i++) {
            if (!Character.isDigit(digits.charAt(i))) {
                return -1;
            }
        }
        return Long.parseLong(digits);
    }

    /** Whether a process accepts connections there after all (a pid of another pid namespace, say). */
    static boolean accepts(Path file) {
        try (SocketChannel probe = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            return probe.connect(UnixDomainSocketAddress.of(file));
        } catch (IOException refused) {
            return false;
        }
    }

    /** Whether {@code file} is a Unix socket (not followed if it is a link). */
    static boolean isSocket(Path file) throws IOException {
        int mode = (Integer) Files.getAttribute(file, "unix:mode", LinkOption.NOFOLLOW_LINKS);
        return (mode & S_IFMT) == S_IFSOCK;
    }
}
