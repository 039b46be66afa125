package dev.tractor.bench;

import dev.tractor.internal.ipc.Channel;
import dev.tractor.internal.msg.Msg;
import dev.tractor.internal.msg.Payload;
import dev.tractor.ipc.Address;
import dev.tractor.ipc.TransportClosed;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;

/**
 * The child-process side of {@link WireBench}: connects once to the parent's tractor server and once to its
 * raw server, then serves each connection in a loop of its own until the parent closes it.
 *
 * <pre>
 *   java -Xss1m -cp ... dev.tractor.bench.WirePeer latency|throughput platform|virtual TRACTOR_ADDRESS RAW_ADDRESS
 * </pre>
 *
 * <p>In {@code latency} mode it echoes every message (tractor: {@code receive} then {@code send}; raw: the
 * frame's bytes). In {@code throughput} mode it counts messages until a marker (tractor: a {@code Stop};
 * raw: an empty frame) and then answers with the count. Prints nothing but errors, to stderr; exits 0 when
 * both connections ended cleanly, 1 otherwise.
 */
public final class WirePeer {
    private WirePeer() {
    }

    /**
     * Runs the peer; see the class comment for the arguments.
     *
     * @param args mode, thread kind, tractor address, raw address (in {@link Address}'s string form)
     * @throws Exception if it cannot connect
     */
    public static void main(String[] args) throws Exception {
        if (args.length != 4) {
            System.err.println("usage: WirePeer latency|throughput platform|virtual TRACTOR_ADDRESS RAW_ADDRESS");
            System.exit(2);
        }
        // If the parent dies without closing our sockets cleanly, do not outlive it.
        ProcessHandle.current().parent().ifPresent(p -> p.onExit().thenRun(() -> Runtime.getRuntime().halt(1)));
        boolean latency = switch (args[0]) {
            case "latency" -> true;
            case "throughput" -> false;
            default -> throw new IllegalArgumentException("unknown mode " + args[0]);
        };
        Thread.Builder threads = WireBench.threadBuilder(args[1]);
        Address tractorAt = Address.parse(args[2]);
        Address rawAt = Address.parse(args[3]);

        Channel tractor = Channel.connect(tractorAt);
        SocketChannel raw = SocketChannel.open(rawAt.socketAddress());
        if (rawAt instanceof Address.Tcp) {
            raw.socket().setTcpNoDelay(true); // as tractor's channel does
        }
        Thread t = threads.start(guarded(() -> {
            if (latency) {
                echoTractor(tractor);
            } else {
                countTractor(tractor);
            }
        }));
        Thread r = threads.start(guarded(() -> {
            if (latency) {
                echoRaw(raw);
            } else {
                countRaw(raw);
            }
        }));
        t.join();
        r.join();
        tractor.close();
        raw.close();
    }

    /** A loop body that may throw. */
    @FunctionalInterface
    private interface Loop {
        void run() throws Exception;
    }

    /** Runs {@code loop}; any failure ends the process, so that the parent sees it at once. */
    private static Runnable guarded(Loop loop) {
        return () -> {
            try {
                loop.run();
            } catch (Throwable e) {
                System.err.println("WirePeer failed:");
                e.printStackTrace();
                System.exit(1);
            }
        };
    }

    private static void echoTractor(Channel channel) {
        try {
            while (true) {
                channel.send(channel.receive());
            }
        } catch (TransportClosed e) {
            if (!e.clean()) {
                throw e;
            }
        }
    }

    private static void countTractor(Channel channel) {
        long count = 0;
        try {
            while (true) {
                switch (channel.receive()) {
                    case Msg.Yield _ -> count++;
                    case Msg.Stop stop -> {
                        channel.send(new Msg.Return(stop.cid(), Payload.of(count)));
                        count = 0;
                    }
                    case Msg other -> throw new IllegalStateException("unexpected message " + other);
                }
            }
        } catch (TransportClosed e) {
            if (!e.clean()) {
                throw e;
            }
        }
    }

    private static void echoRaw(SocketChannel socket) throws IOException {
        ByteBuffer buf = ByteBuffer.allocateDirect(64 * 1024).order(ByteOrder.LITTLE_ENDIAN);
        while (true) {
            buf.clear();
            if (!WireBench.readFrame(socket, buf)) {
                return;
            }
            buf.flip();
            while (buf.hasRemaining()) {
                socket.write(buf);
            }
        }
    }

    private static void countRaw(SocketChannel socket) throws IOException {
        DataInputStream in = new DataInputStream(new BufferedInputStream(Channels.newInputStream(socket), 64 * 1024));
        OutputStream out = Channels.newOutputStream(socket);
        long count = 0;
        while (true) {
            int length;
            try {
                length = Integer.reverseBytes(in.readInt()); // frames are little-endian
            } catch (EOFException e) {
                return; // the parent closed the connection between frames
            }
            if (length == 0) {
                // The marker: answer with the count as one 8-byte frame.
                ByteBuffer reply = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN).putInt(8).putLong(count);
                out.write(reply.array());
                count = 0;
                continue;
            }
            byte[] body = new byte[length]; // a new array per frame, as a real reader hands each one on
            in.readFully(body);
            count++;
        }
    }
}
