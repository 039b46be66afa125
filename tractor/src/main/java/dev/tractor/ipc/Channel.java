package dev.tractor.ipc;

import dev.tractor.msg.Msg;
import dev.tractor.msg.MsgCodec;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One connection to a peer actor, carrying {@link Msg}s in frames (see {@link Frames}) over TCP or a
 * Unix-domain socket.
 *
 * <p>{@link #send} is safe from any number of threads at once: a frame is written whole under a lock, so
 * frames never interleave. {@link #receive} is meant for the connection's single reader loop. Both block
 * the calling thread (virtual threads are cheap to block); neither is a checkpoint of
 * {@code dev.tractor.sc}, and the threads that run them must never be interrupted, because interrupting a
 * thread blocked on a socket channel closes the channel (ADR 0004). Stop them by closing the channel.
 *
 * <p>Every connection starts with the {@link Handshake}; a channel does not enforce it by itself. Work in
 * progress (issue 3): write coalescing and the choice of reader threads are still to come.
 */
public final class Channel implements AutoCloseable {
    private final SocketChannel socket;
    private final String peer;
    private final int maxFrameBytes;
    private final InputStream in;
    private final OutputStream out;
    private final ReentrantLock sendLock = new ReentrantLock();
    private final java.util.concurrent.atomic.AtomicInteger waitingSenders = new java.util.concurrent.atomic.AtomicInteger();
    private volatile boolean closed;

    private Channel(SocketChannel socket, String peer, int maxFrameBytes) {
        this.socket = socket;
        this.peer = peer;
        this.maxFrameBytes = maxFrameBytes;
        this.in = new BufferedInputStream(Channels.newInputStream(socket), 64 * 1024);
        this.out = new BufferedOutputStream(Channels.newOutputStream(socket), 64 * 1024);
    }

    /**
     * Connects to {@code address}. Blocks until connected.
     *
     * @throws TransportClosed if the connection cannot be made
     */
    public static Channel connect(Address address) {
        try {
            SocketChannel socket = SocketChannel.open(address.socketAddress());
            if (address instanceof Address.Tcp) {
                socket.socket().setTcpNoDelay(true);
            }
            return new Channel(socket, address.toString(), Frames.DEFAULT_MAX_FRAME_BYTES);
        } catch (IOException e) {
            throw new TransportClosed("cannot connect to " + address + ": " + e.getMessage(), false, e);
        }
    }

    /** Wraps an accepted connection; {@code peer} names it in errors. */
    static Channel accepted(SocketChannel socket, String peer, int maxFrameBytes) {
        return new Channel(socket, peer, maxFrameBytes);
    }

    /** Who is at the other end, as given when connecting or accepting. */
    public String peer() {
        return peer;
    }

    /**
     * Sends one message, whole. Safe from many threads at once; when several send at the same time their
     * frames share one flush.
     *
     * @throws TransportClosed if the connection is closed or fails
     */
    public void send(Msg msg) {
        sendFrame(MsgCodec.encode(msg));
    }

    /** Sends one frame body (already encoded), whole; see {@link #send}. */
    public void sendFrame(byte[] body) {
        // Senders that queue up behind each other share one flush: only the last one in line flushes, so a
        // burst from many threads becomes few system calls. A sender that leaves its frame unflushed knows
        // another sender is about to take the lock and flush it (or the channel is failing anyway).
        waitingSenders.incrementAndGet();
        sendLock.lock();
        boolean stillCounted = true;
        try {
            if (closed) {
                throw new TransportClosed("connection to " + peer + " is closed", true, null);
            }
            Frames.write(out, body);
            stillCounted = false;
            if (waitingSenders.decrementAndGet() == 0) {
                out.flush();
            }
        } catch (IOException e) {
            throw new TransportClosed("sending to " + peer + " failed: " + e.getMessage(), false, e);
        } finally {
            if (stillCounted) {
                waitingSenders.decrementAndGet();
            }
            sendLock.unlock();
        }
    }

    /**
     * Receives the next message. A frame that is not a valid message raises
     * {@link dev.tractor.msg.MsgPackException} (or its subclass {@code MalformedMessage}) for that frame
     * only: the connection stays usable and the next call reads the next frame.
     *
     * @throws TransportClosed when the connection ends (see {@link TransportClosed#clean()})
     * @throws FrameTooLarge if the peer announces a frame over the limit; the connection cannot go on
     */
    public Msg receive() {
        return MsgCodec.decode(receiveFrame());
    }

    /** Receives the next frame body without decoding it; see {@link #receive}. */
    public byte[] receiveFrame() {
        if (closed) {
            throw new TransportClosed("connection to " + peer + " is closed", true, null);
        }
        return Frames.read(in, maxFrameBytes, peer);
    }

    /** Whether {@link #close} was called. */
    public boolean isClosed() {
        return closed;
    }

    /** Closes the connection; a blocked {@link #receive} in another thread then ends with TransportClosed. */
    @Override
    public void close() {
        closed = true;
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing is best effort; the socket is gone either way
        }
    }

    @Override
    public String toString() {
        return "Channel[" + peer + (closed ? ", closed" : "") + "]";
    }
}
