package dev.tractor.internal.context;

import dev.tractor.Context;
import dev.tractor.Lag;
import dev.tractor.MsgStream;
import dev.tractor.sc.ClosedResource;
import java.lang.reflect.Type;
import java.util.Iterator;
import java.util.concurrent.atomic.AtomicBoolean;

/** The runtime's {@link MsgStream}: the stream of one context, reading from the context's inbox. */
public final class MsgStreamImpl<I, O> implements MsgStream<I, O> {
    private final ContextImpl<?> ctx;
    private final Type receives;
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile Broadcast<I> broadcast;

    MsgStreamImpl(ContextImpl<?> ctx, Type receives) {
        this.ctx = ctx;
        this.receives = receives;
    }

    @Override
    public void send(O value) {
        if (ctx.oneWay() && ctx.isOpener()) {
            throw new IllegalStateException("a one-way stream (openStreamFrom) only receives");
        }
        if (closed.get()) {
            throw new ClosedResource("this stream of " + ctx + " was closed");
        }
        ctx.sendValue(value);
    }

    @Override
    public int awaitRoom() {
        if (ctx.oneWay() && ctx.isOpener()) {
            throw new IllegalStateException("a one-way stream (openStreamFrom) only receives");
        }
        if (closed.get()) {
            throw new ClosedResource("this stream of " + ctx + " was closed");
        }
        return ctx.awaitRoom();
    }

    @Override
    public I receive() {
        if (closed.get()) {
            throw new ClosedResource("this stream of " + ctx + " was closed");
        }
        Broadcast<I> b = broadcast;
        if (b != null) {
            return b.ownReceiver().receive();
        }
        return receiveDirect();
    }

    @SuppressWarnings("unchecked")
    I receiveDirect() {
        return (I) ctx.receiveValue(receives, "stream value");
    }

    @Override
    public BroadcastReceiverImpl<I> subscribe() {
        return subscribe(Lag.RAISE);
    }

    @Override
    public BroadcastReceiverImpl<I> subscribe(Lag lag) {
        Broadcast<I> b;
        synchronized (this) {
            b = broadcast;
            if (b == null) {
                b = new Broadcast<>(this, Context.BUFFER);
                broadcast = b;
            }
        }
        return b.subscribe(lag);
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true) && !(ctx.oneWay() && ctx.isOpener())) {
            ctx.sendStop();
        }
    }

    @Override
    public boolean isClosed() {
        return closed.get();
    }

    @Override
    public Iterator<I> iterator() {
        return new ReceivingIterator<>(this::receive);
    }

    @Override
    public String toString() {
        return "stream of " + ctx + (closed.get() ? " (closed)" : "");
    }
}
