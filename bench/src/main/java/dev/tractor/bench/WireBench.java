package dev.tractor.bench;

import dev.tractor.internal.ipc.Channel;
import dev.tractor.internal.ipc.Server;
import dev.tractor.internal.msg.Msg;
import dev.tractor.internal.msg.MsgCodec;
import dev.tractor.internal.msg.Payload;
import dev.tractor.ipc.Address;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * A whole-process benchmark of the wire: tractor's {@link Channel} against raw sockets between <em>two
 * JVMs</em>, over TCP on 127.0.0.1 and over Unix-domain sockets, alternating tractor and raw samples in
 * the same run (as {@link InterleavedRatios} does) and reporting the medians and the ratio of the medians.
 *
 * <pre>
 *   java -cp bench/target/benchmarks.jar dev.tractor.bench.WireBench [--transport tcp|uds|both]
 *       [--mode latency|throughput|both] [--threads platform|virtual|both] [--samples N]
 *       [--messages N] [--round-trips N]
 * </pre>
 *
 * <p>For every (transport, mode, threads) it starts one child JVM ({@link WirePeer}), which connects once
 * to a tractor {@link Server} and once to a raw server socket of this process; samples then alternate
 * between the two connections. No handshake: this measures the channel alone.
 *
 * <ul>
 * <li><b>latency</b>: round trips of one small {@code Yield} (tractor: {@code send} then {@code receive},
 *     the child echoes with {@code receive} then {@code send}) against a blocking {@link SocketChannel}
 *     writing and reading back a frame of the same size from direct buffers (the child echoes the bytes).
 *     Each sample is the median of its round trips.</li>
 * <li><b>throughput</b>: one thread sends small {@code Yield}s back to back, then a marker; the child
 *     counts them and answers the marker with the count, and the clock stops when that answer arrives.
 *     Raw: frames of the same size through a 64 KiB {@link BufferedOutputStream}, read by the child through
 *     a {@link BufferedInputStream} into a new array per frame. Tractor's figure includes encoding and
 *     decoding every message; raw only moves the bytes.</li>
 * </ul>
 *
 * <p>{@code --threads} chooses whether the loops that send, receive and echo run on platform or virtual
 * threads, in both processes. The channel's own writer threads follow {@code -Dtractor.ipc.threads}
 * (virtual unless it says {@code platform}), which the child inherits:
 * {@code JAVA_OPTS=-Dtractor.ipc.threads=platform bench/wire.sh}.
 */
public final class WireBench {
    /** Samples of each kind run and thrown away before the measured ones, so the JIT has compiled the loops. */
    static final int WARMUP_SAMPLES = 2;

    /** The message of every test, as small as a stream value gets. */
    private static final Msg SMALL = new Msg.Yield("c1", Payload.of(42));

    /** The child of the current line, for the shutdown hook. */
    private static volatile Process currentChild;

    private WireBench() {
    }

    /** What to run; see the class comment. */
    private record Options(List<String> transports, List<String> modes, List<String> threads, int samples,
                           int messages, int roundTrips) {
    }

    /**
     * Runs the benchmark; see the class comment for the options.
     *
     * @param args the options
     * @throws Exception if a child fails or a connection breaks; the child is gone by then
     */
    public static void main(String[] args) throws Exception {
        Options options = parse(args);
        // On Ctrl-C no finally block runs: make sure the child goes too.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            Process child = currentChild;
            if (child != null) {
                child.destroyForcibly();
            }
        }));
        int frameBytes = 4 + MsgCodec.encode(SMALL).length;
        System.out.printf(Locale.ROOT, "# WireBench: %d cores, %s %s, load average %s%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.name"),
                System.getProperty("java.runtime.version"), loadAverage());
        System.out.printf(Locale.ROOT, "# %d-byte frames (Yield c1 42); latency: %d round trips per sample; "
                        + "throughput: %d messages per sample; %d samples after %d warm-up samples, tractor and raw "
                        + "alternating; one child JVM per line%n",
                frameBytes, options.roundTrips(), options.messages(), options.samples(), WARMUP_SAMPLES);
        long start = System.nanoTime();
        for (String transport : options.transports()) {
            for (String mode : options.modes()) {
                for (String threads : options.threads()) {
                    runLine(transport, mode, threads, options);
                }
            }
        }
        System.out.printf(Locale.ROOT, "# done in %.0f s, load average %s%n", (System.nanoTime() - start) / 1e9,
                loadAverage());
    }

    /** Measures one (transport, mode, threads) against a fresh child and prints its line. */
    private static void runLine(String transport, String mode, String threads, Options options) throws Exception {
        Thread.Builder builder = threadBuilder(threads);
        List<Double> tractor = new ArrayList<>();
        List<Double> raw = new ArrayList<>();
        Peer peer = new Peer();
        try {
            peer.start(transport, mode, threads);
            boolean latency = mode.equals("latency");
            Sample tractorSample;
            Sample rawSample;
            if (latency) {
                RawLatency rawLatency = new RawLatency(peer.raw);
                tractorSample = () -> tractorLatency(peer.tractor, options.roundTrips());
                rawSample = () -> rawLatency.run(options.roundTrips());
            } else {
                RawThroughput rawThroughput = new RawThroughput(peer.raw);
                tractorSample = () -> options.messages() / (tractorThroughput(peer.tractor, options.messages()) / 1e9);
                rawSample = () -> options.messages() / (rawThroughput.run(options.messages()) / 1e9);
            }
            for (int i = 0; i < WARMUP_SAMPLES + options.samples(); i++) {
                double t = inThread(builder, tractorSample);
                double r = inThread(builder, rawSample);
                if (i >= WARMUP_SAMPLES) {
                    tractor.add(t);
                    raw.add(r);
                }
            }
        } catch (Throwable e) {
            int exit = peer.close();
            System.err.printf(Locale.ROOT, "WireBench: %s %s %s failed; the peer exited with status %d%n",
                    transport, mode, threads, exit);
            throw e;
        }
        int exit = peer.close();
        if (exit != 0) {
            throw new IllegalStateException("the peer exited with status " + exit);
        }
        double tm = median(tractor);
        double rm = median(raw);
        double ratio = tm / rm;
        if (mode.equals("latency")) {
            System.out.printf(Locale.ROOT, "%-3s  %-10s  %-8s  tractor %8.2f us      raw %8.2f us      "
                            + "ratio %5.2fx  (target <= 1.30: %s)%n", transport, mode, threads, tm / 1e3, rm / 1e3,
                    ratio, ratio <= 1.3 ? "met" : "missed");
        } else {
            System.out.printf(Locale.ROOT, "%-3s  %-10s  %-8s  tractor %8.3f M msg/s  raw %8.3f M msg/s  "
                            + "ratio %5.2fx  (target >= 0.30: %s)%n", transport, mode, threads, tm / 1e6, rm / 1e6,
                    ratio, ratio >= 0.3 ? "met" : "missed");
        }
    }

    // ---- the measured loops (this process's side) ----

    /** Round trips of {@link #SMALL} over a tractor channel; returns the median round trip in nanoseconds. */
    private static double tractorLatency(Channel channel, int roundTrips) {
        long[] nanos = new long[roundTrips];
        for (int i = 0; i < roundTrips; i++) {
            long t0 = System.nanoTime();
            channel.send(SMALL);
            Msg back = channel.receive();
            nanos[i] = System.nanoTime() - t0;
            if (!(back instanceof Msg.Yield)) {
                throw new IllegalStateException("expected the echoed Yield, got " + back);
            }
        }
        return medianOf(nanos);
    }

    /** The raw side of the latency test: one frame of {@link #SMALL}'s size, written and read back. */
    private static final class RawLatency {
        private final SocketChannel socket;
        private final ByteBuffer frame;
        private final ByteBuffer in = ByteBuffer.allocateDirect(64 * 1024).order(ByteOrder.LITTLE_ENDIAN);

        RawLatency(SocketChannel socket) {
            this.socket = socket;
            byte[] body = MsgCodec.encode(SMALL);
            frame = ByteBuffer.allocateDirect(4 + body.length).order(ByteOrder.LITTLE_ENDIAN);
            frame.putInt(body.length).put(body).flip();
        }

        /** Returns the median round trip in nanoseconds. */
        double run(int roundTrips) throws IOException {
            long[] nanos = new long[roundTrips];
            for (int i = 0; i < roundTrips; i++) {
                long t0 = System.nanoTime();
                frame.rewind();
                while (frame.hasRemaining()) {
                    socket.write(frame);
                }
                in.clear();
                if (!readFrame(socket, in)) {
                    throw new EOFException("the peer closed the raw connection");
                }
                nanos[i] = System.nanoTime() - t0;
                if (in.position() != frame.limit()) {
                    throw new IllegalStateException("echoed " + in.position() + " bytes, sent " + frame.limit());
                }
            }
            return medianOf(nanos);
        }
    }

    /**
     * Sends {@code messages} copies of {@link #SMALL} and a {@code Stop}, then waits for the child's count;
     * returns the nanoseconds from the first send until the count arrived.
     */
    private static long tractorThroughput(Channel channel, int messages) {
        long t0 = System.nanoTime();
        for (int i = 0; i < messages; i++) {
            channel.send(SMALL);
        }
        channel.send(new Msg.Stop("c1"));
        // Stop the clock only when the child has received everything: send may return before the bytes left.
        Msg reply = channel.receive();
        long nanos = System.nanoTime() - t0;
        if (!(reply instanceof Msg.Return r) || r.pld().as(Long.class) != messages) {
            throw new IllegalStateException("expected a count of " + messages + ", got " + reply);
        }
        return nanos;
    }

    /** The raw side of the throughput test: length-prefixed frames through a 64 KiB buffered stream. */
    private static final class RawThroughput {
        private final OutputStream out;
        private final DataInputStream in;
        private final byte[] body = MsgCodec.encode(SMALL);
        private final byte[] header = {(byte) body.length, (byte) (body.length >>> 8), (byte) (body.length >>> 16),
                (byte) (body.length >>> 24)};

        RawThroughput(SocketChannel socket) {
            out = new BufferedOutputStream(Channels.newOutputStream(socket), 64 * 1024);
            in = new DataInputStream(new BufferedInputStream(Channels.newInputStream(socket)));
        }

        /** Returns the nanoseconds from the first frame until the child's count arrived. */
        long run(int messages) throws IOException {
            long t0 = System.nanoTime();
            for (int i = 0; i < messages; i++) {
                out.write(header);
                out.write(body);
            }
            out.write(new byte[4]); // the marker: an empty frame
            out.flush();
            int length = Integer.reverseBytes(in.readInt());
            long count = Long.reverseBytes(in.readLong());
            long nanos = System.nanoTime() - t0;
            if (length != 8 || count != messages) {
                throw new IllegalStateException("expected a count of " + messages + ", got " + count);
            }
            return nanos;
        }
    }

    /**
     * Reads one length-prefixed frame into {@code buf} (cleared, little-endian), whole; one frame at most is
     * in flight, so nothing past it arrives. Returns false if the stream ended before the first byte.
     */
    static boolean readFrame(SocketChannel socket, ByteBuffer buf) throws IOException {
        while (buf.position() < 4) {
            if (socket.read(buf) < 0) {
                if (buf.position() == 0) {
                    return false;
                }
                throw new EOFException("the stream ended inside a frame header");
            }
        }
        int length = buf.getInt(0);
        if (length < 0 || length > buf.capacity() - 4) {
            throw new IOException("frame of " + length + " bytes does not fit the buffer");
        }
        while (buf.position() < 4 + length) {
            if (socket.read(buf) < 0) {
                throw new EOFException("the stream ended inside a frame");
            }
        }
        return true;
    }

    // ---- the child process and the connections to it ----

    /**
     * One child JVM and this process's two connections to it. {@link #close} always leaves no process
     * behind: it closes the connections (so the child's loops end), waits a little, then kills it.
     */
    private static final class Peer {
        private Process child;
        private Path directory;
        private volatile Server server;
        private volatile ServerSocketChannel rawServer;
        private volatile Channel tractor;
        private volatile SocketChannel raw;
        private volatile boolean closing;

        void start(String transport, String mode, String threads) throws IOException {
            Address rawAddress;
            if (transport.equals("tcp")) {
                server = Server.bind(Address.Tcp.loopback(0));
                rawServer = ServerSocketChannel.open(StandardProtocolFamily.INET);
                rawServer.bind(new InetSocketAddress("127.0.0.1", 0));
                rawAddress = Address.Tcp.loopback(((InetSocketAddress) rawServer.getLocalAddress()).getPort());
            } else {
                directory = Files.createTempDirectory("tractor-wire-"); // owner-only permissions
                server = Server.bind(new Address.Uds(directory.resolve("tractor.sock")));
                rawAddress = new Address.Uds(directory.resolve("raw.sock"));
                rawServer = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
                rawServer.bind(rawAddress.socketAddress());
            }
            String java = ProcessHandle.current().info().command()
                    .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            // The channel's own writer threads follow -Dtractor.ipc.threads; the child gets the same choice.
            String writerThreads = "-Dtractor.ipc.threads=" + System.getProperty("tractor.ipc.threads", "virtual");
            child = new ProcessBuilder(java, "-Xss1m", writerThreads, "-cp", System.getProperty("java.class.path"),
                    WirePeer.class.getName(), mode, threads, server.address().toString(), rawAddress.toString())
                    .inheritIO()
                    .start();
            currentChild = child;
            // If the child dies early, whatever this process is blocked in (accept, receive) would wait
            // forever: closing everything makes it fail instead.
            child.onExit().thenRun(() -> {
                if (!closing) {
                    closeSockets();
                }
            });
            tractor = server.accept();
            raw = rawServer.accept();
            if (transport.equals("tcp")) {
                raw.socket().setTcpNoDelay(true); // as tractor's channel does
            }
            // The child connects once; stop listening (this also deletes the socket files).
            closeServers();
        }

        /** Closes the connections, then makes sure the child is gone; returns its exit status (-1 if killed). */
        int close() throws InterruptedException {
            closing = true;
            closeSockets();
            try {
                if (child == null) {
                    return -1;
                }
                return child.waitFor(10, TimeUnit.SECONDS) ? child.exitValue() : -1;
            } finally {
                if (child != null) {
                    child.destroyForcibly();
                    child.waitFor();
                    currentChild = null;
                }
                deleteDirectory();
            }
        }

        private void closeSockets() {
            if (tractor != null) {
                tractor.close();
            }
            closeQuietly(raw);
            closeServers();
        }

        private void closeServers() {
            if (server != null) {
                server.close();
            }
            closeQuietly(rawServer);
            if (directory != null) {
                try {
                    Files.deleteIfExists(directory.resolve("raw.sock"));
                } catch (IOException ignored) {
                    // deleteDirectory tries again
                }
            }
        }

        private void deleteDirectory() {
            if (directory != null) {
                try {
                    Files.deleteIfExists(directory.resolve("raw.sock"));
                    Files.deleteIfExists(directory.resolve("tractor.sock"));
                    Files.deleteIfExists(directory);
                } catch (IOException e) {
                    System.err.println("cannot delete " + directory + ": " + e);
                }
            }
        }

        private static void closeQuietly(AutoCloseable c) {
            if (c != null) {
                try {
                    c.close();
                } catch (Exception ignored) {
                    // best effort: the socket is gone either way
                }
            }
        }
    }

    // ---- helpers ----

    /** One sample, measured in a loop thread. */
    @FunctionalInterface
    private interface Sample {
        double run() throws Exception;
    }

    /** Runs {@code sample} in a new thread of {@code builder}'s kind and waits for it. */
    private static double inThread(Thread.Builder builder, Sample sample) throws Exception {
        double[] result = new double[1];
        Throwable[] failure = new Throwable[1];
        Thread thread = builder.start(() -> {
            try {
                result[0] = sample.run();
            } catch (Throwable e) {
                failure[0] = e;
            }
        });
        thread.join(); // also makes the thread's writes visible here
        if (failure[0] instanceof Exception e) {
            throw e;
        }
        if (failure[0] instanceof Error e) {
            throw e;
        }
        return result[0];
    }

    /** A builder of the thread kind named {@code platform} or {@code virtual}, for the loops. */
    static Thread.Builder threadBuilder(String kind) {
        return switch (kind) {
            case "platform" -> Thread.ofPlatform().name("wire-loop-", 0);
            case "virtual" -> Thread.ofVirtual().name("wire-loop-", 0);
            default -> throw new IllegalArgumentException("unknown thread kind " + kind);
        };
    }

    private static double medianOf(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0;
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2.0;
    }

    private static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
            return String.join(" ", Arrays.asList(fields).subList(0, 3));
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private static final String USAGE = "usage: WireBench [--transport tcp|uds|both] [--mode latency|throughput|both]"
            + " [--threads platform|virtual|both] [--samples N] [--messages N] [--round-trips N]";

    private static Options parse(String[] args) {
        List<String> transports = List.of("tcp", "uds");
        List<String> modes = List.of("latency", "throughput");
        List<String> threads = List.of("platform", "virtual");
        int samples = 7;
        int messages = 500_000;
        int roundTrips = 20_000;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("-h") || args[i].equals("--help")) {
                System.out.println(USAGE);
                System.exit(0);
            }
            if (i + 1 >= args.length) {
                fail(args[i] + " needs a value");
            }
            String value = args[++i];
            switch (args[i - 1]) {
                case "--transport" -> transports = choice(value, "tcp", "uds");
                case "--mode" -> modes = choice(value, "latency", "throughput");
                case "--threads" -> threads = choice(value, "platform", "virtual");
                case "--samples" -> samples = positive(value);
                case "--messages" -> messages = positive(value);
                case "--round-trips" -> roundTrips = positive(value);
                default -> fail("unknown option " + args[i - 1]);
            }
        }
        return new Options(transports, modes, threads, samples, messages, roundTrips);
    }

    private static List<String> choice(String value, String a, String b) {
        if (value.equals("both")) {
            return List.of(a, b);
        }
        if (value.equals(a) || value.equals(b)) {
            return List.of(value);
        }
        fail("'" + value + "' is not " + a + ", " + b + " or both");
        return List.of();
    }

    private static int positive(String value) {
        try {
            int n = Integer.parseInt(value);
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        fail("'" + value + "' is not a positive number");
        return 0;
    }

    private static void fail(String message) {
        System.err.println("WireBench: " + message);
        System.err.println(USAGE);
        System.exit(2);
    }
}
