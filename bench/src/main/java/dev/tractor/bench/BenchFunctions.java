package dev.tractor.bench;

import dev.tractor.Context;
import dev.tractor.Emitter;
import dev.tractor.MsgStream;
import dev.tractor.internal.msg.Msg;
import dev.tractor.internal.msg.MsgCodec;
import dev.tractor.internal.msg.Payload;
import dev.tractor.sc.Sc;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
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

    /**
     * The context function of the stream throughput test: starts, then sends the ints {@code 0 .. count - 1}
     * on its stream as fast as it can, then closes it. Returns the nanoseconds from opening its stream until
     * the last {@code send} returned (the sender's own rate; the values may still be on their way).
     */
    public static long streamInts(Context<Void> ctx, int count) {
        ctx.started(null);
        long t0 = System.nanoTime();
        try (MsgStream<Void, Integer> stream = ctx.openStream(Void.class, Integer.class)) {
            for (int i = 0; i < count; i++) {
                stream.send(i);
            }
        }
        return System.nanoTime() - t0;
    }

    /** The one-way streaming function of the throughput test: emits {@code 0 .. count - 1}. */
    public static void emitInts(Emitter<Integer> out, int count) {
        for (int i = 0; i < count; i++) {
            out.emit(i);
        }
    }

    /**
     * The context function of the stream round-trip test: starts, then answers every value {@code i} with
     * {@code i + 1} until the opener closes its stream; returns how many it answered.
     */
    public static int increment(Context<Void> ctx) {
        ctx.started(null);
        int answered = 0;
        try (MsgStream<Integer, Integer> stream = ctx.openStream(Integer.class, Integer.class)) {
            for (int n : stream) {
                stream.send(n + 1);
                answered++;
            }
        }
        return answered;
    }

    /**
     * The raw floor of the stream throughput test, in the same JVM as the actor: connects to the Unix-domain
     * socket at {@code path} and, on a new thread of kind {@code threads} (a daemon), serves requests until
     * the other side closes the connection. A request is a little-endian int {@code count}; the answer is
     * {@code count} length-prefixed frames whose body is the encoding of {@code Yield(cid, value)} (the same
     * bytes every time: the size of one of tractor's stream values), written back to back through a 64 KiB
     * {@link BufferedOutputStream}, then an empty frame, then a flush (as {@link WireBench}'s throughput
     * test, in the other direction). Returns the frame's size in bytes once connected.
     */
    public static int rawStream(String path, String threads, String cid, int value) {
        SocketChannel socket;
        try {
            socket = SocketChannel.open(UnixDomainSocketAddress.of(path));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        byte[] body = MsgCodec.encode(new Msg.Yield(cid, Payload.of(value)));
        byte[] header = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(body.length).array();
        Runnable loop = () -> {
            try (socket) {
                DataInputStream in = new DataInputStream(new BufferedInputStream(Channels.newInputStream(socket)));
                OutputStream out = new BufferedOutputStream(Channels.newOutputStream(socket), 64 * 1024);
                byte[] marker = new byte[4];
                while (true) {
                    int count;
                    try {
                        count = Integer.reverseBytes(in.readInt());
                    } catch (EOFException e) {
                        return; // the parent closed the connection
                    }
                    for (int i = 0; i < count; i++) {
                        out.write(header);
                        out.write(body);
                    }
                    out.write(marker);
                    out.flush();
                }
            } catch (IOException e) {
                System.err.println("rawStream: " + e);
            }
        };
        Thread.Builder builder = threads.equals("virtual") ? Thread.ofVirtual() : Thread.ofPlatform().daemon(true);
        builder.name("raw-stream").start(loop);
        return header.length + body.length;
    }

    static long epochNanos(Instant t) {
        return t.getEpochSecond() * 1_000_000_000L + t.getNano();
    }
}
