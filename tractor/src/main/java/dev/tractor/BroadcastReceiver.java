package dev.tractor;

import dev.tractor.sc.ClosedResource;
import dev.tractor.sc.EndOfChannel;
import java.util.Iterator;

/**
 * One subscriber of a {@link MsgStream}: it receives every value the stream receives from the moment it
 * subscribed, whatever the other subscribers read (see {@link MsgStream#subscribe()}). Used by one task.
 *
 * @param <T> the type of the values
 */
public final class BroadcastReceiver<T> implements AutoCloseable, Iterable<T> {
    private final Broadcast<T> broadcast;
    private final Lag lag;
    long position; // the sequence number of the next value to read; guarded by the broadcast's lock
    boolean receiving; // inside receive(); guarded by the broadcast's lock
    long lastReceive; // System.nanoTime() when its last receive returned; guarded by the broadcast's lock
    private volatile boolean closed;

    BroadcastReceiver(Broadcast<T> broadcast, Lag lag, long position) {
        this.broadcast = broadcast;
        this.lag = lag;
        this.position = position;
    }

    /**
     * Receives the next value, waiting for it. A checkpoint.
     *
     * @throws Lagged if this subscriber fell too far behind (with {@link Lag#RAISE}); it goes on afterwards
     * @throws EndOfChannel at the end of the stream
     * @throws RemoteActorError (or another error of the stream, see {@link MsgStream#receive()}) if the
     *     stream failed; every subscriber gets it, each as an exception of its own
     * @throws ClosedResource if this receiver was closed
     */
    public T receive() {
        if (closed) {
            throw new ClosedResource("this broadcast receiver was closed");
        }
        return broadcast.receive(this);
    }

    Lag lag() {
        return lag;
    }

    /** Stops receiving; the others go on. Idempotent; not a checkpoint. */
    @Override
    public void close() {
        closed = true;
        broadcast.unsubscribe(this);
    }

    /** Iterates by {@link #receive()} until the end of the stream. */
    @Override
    public Iterator<T> iterator() {
        return new ReceivingIterator<>(this::receive);
    }
}
