package dev.tractor.bench;

import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

/**
 * The floor of {@link ActorBench}'s spawn test: the least a child JVM can do to report that it has started.
 * It connects to the Unix-domain socket named on its command line, sends its pid (8 bytes), and exits; with
 * {@code hold} it stays until the parent closes the connection (an idle bare JVM, for the memory test and
 * the reap floor).
 *
 * <pre>
 *   java -cp bench/target/benchmarks.jar dev.tractor.bench.SpawnFloor SOCKET_PATH [hold]
 * </pre>
 *
 * <p>It uses nothing of tractor, only {@code java.base}, so it loads as few classes as a JVM that talks over
 * a socket can. If the parent is gone it cannot connect, or reads end of file, and exits.
 */
public final class SpawnFloor {
    private SpawnFloor() {
    }

    /**
     * Connects, sends the pid, and exits (or holds; see the class comment).
     *
     * @param args the socket's path, and optionally {@code hold}
     * @throws IOException if it cannot connect or send
     */
    public static void main(String[] args) throws IOException {
        try (SocketChannel socket = SocketChannel.open(UnixDomainSocketAddress.of(args[0]))) {
            ByteBuffer pid = ByteBuffer.allocate(Long.BYTES).putLong(ProcessHandle.current().pid()).flip();
            while (pid.hasRemaining()) {
                socket.write(pid);
            }
            if (args.length > 1 && args[1].equals("hold")) {
                ByteBuffer sink = ByteBuffer.allocate(1);
                while (socket.read(sink.clear()) >= 0) {
                    // nothing is sent here: wait for the end of the stream
                }
            }
        }
    }
}
