package dev.tractor.bench;

import dev.tractor.sc.Sc;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.time.Instant;

/**
 * The remote functions of {@link ActorBench}: what its child actors run. Public static methods of a public
 * class, so that a child JVM (which runs with the parent's class path) can call them.
 */
public final class BenchFunctions {
    /** Marks the message of {@link #failAfter}'s exception; the epoch nanoseconds of the throw follow it. */
    public static final String FAILED_AT = "bench failure thrown at epoch-ns ";

    private BenchFunctions() {
    }

    /** The trivial function of the spawn test. */
    public static int one() {
        return 1;
    }

    /** The trivial function of the call test. */
    public static int echo(int x) {
        return x;
    }

    /** Sleeps {@code millis} in a checkpoint (so cancelling the actor ends it at once), then returns it. */
    public static int sleepMillis(int millis) {
        Sc.sleep(Duration.ofMillis(millis));
        return millis;
    }

    /**
     * Sleeps {@code millis}, then throws an {@link IllegalStateException} whose message is {@link #FAILED_AT}
     * followed by the wall-clock time of the throw in nanoseconds since the epoch (the same clock in every
     * process of the machine).
     */
    public static int failAfter(int millis) {
        Sc.sleep(Duration.ofMillis(millis));
        throw new IllegalStateException(FAILED_AT + epochNanos(Instant.now()));
    }

    /**
     * Connects to the Unix-domain socket at {@code path} and echoes length-prefixed frames on a new thread of
     * kind {@code threads} ({@code platform} or {@code virtual}, a daemon) until the other side closes it:
     * the raw floor of the call test, in the same JVM as the actor. Returns once connected.
     */
    public static String rawEcho(String path, String threads) {
        SocketChannel socket;
        try {
            socket = SocketChannel.open(UnixDomainSocketAddress.of(path));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Runnable loop = () -> {
            ByteBuffer buf = ByteBuffer.allocateDirect(64 * 1024).order(ByteOrder.LITTLE_ENDIAN);
            try (socket) {
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
            } catch (EOFException ignored) {
                // the parent closed the connection
            } catch (IOException e) {
                System.err.println("rawEcho: " + e);
            }
        };
        Thread.Builder builder = threads.equals("virtual") ? Thread.ofVirtual() : Thread.ofPlatform().daemon(true);
        builder.name("raw-echo").start(loop);
        return threads;
    }

    static long epochNanos(Instant t) {
        return t.getEpochSecond() * 1_000_000_000L + t.getNano();
    }
}
