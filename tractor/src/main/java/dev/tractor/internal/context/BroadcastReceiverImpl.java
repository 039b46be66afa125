package dev.tractor.internal.context;

import dev.tractor.BroadcastReceiver;
import dev.tractor.Lag;
import dev.tractor.sc.ClosedResource;
import java.util.Iterator;

/** The runtime's {@link BroadcastReceiver}: one subscriber's place in a {@link Broadcast}. */
public final class BroadcastReceiverImpl<T> implements BroadcastReceiver<T> {
    private final Broadcast<T> broadcast;
    private final Lag lag;
    long position; // the sequence number of the next value to read; guarded by the broadcast's lock
    boolean receiving; // inside receive(); guarded by the broadcast's lock
    long lastReceive; // System.nanoTime() when its last receive returned; guarded by the broadcast's lock
    private volatile boolean closed;

    BroadcastReceiverImpl(Broadcast<T> broadcast, Lag lag, long position) {
        this.broadcast = broadcast;
        this.lag = lag;
        this.position = position;
    }

    @Override
    public T receive() {
        if (closed) {
            throw new ClosedResource("this broadcast receiver was closed");
        }
        return broadcast.receive(this);
    }

    Lag lag() {
        return lag;
    }

    @Override
    public void close() {
        closed = true;
        broadcast.unsubscribe(this);
    }

    @Override
    public Iterator<T> iterator() {
        return new ReceivingIterator<>(this::receive);
    }
}
