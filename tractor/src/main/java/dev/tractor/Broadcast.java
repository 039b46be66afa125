package dev.tractor;

import dev.tractor.sc.Cancelled;
import dev.tractor.sc.EndOfChannel;
import dev.tractor.sc.Event;

/**
 * The fan-out behind {@link MsgStream#subscribe()}: the last {@code capacity} values the stream received,
 * in a ring, and a read position per subscriber.
 *
 * <p>Whoever needs a value that nobody has read from the stream yet reads it (one task at a time; the
 * others wait for it to arrive) and appends it to the ring, overwriting the oldest. The ring never waits
 * for a slow subscriber: one that falls more than {@code capacity} values behind has lost values and is
 * told so ({@link Lagged}) or skips them. The end of the stream, or its failure, reaches every subscriber
 * once it has read everything before it.
 */
final class Broadcast<T> {
    private final MsgStream<T, ?> source;
    private final Object[] ring;
    private final Object lock = new Object();
    private long next; // sequence number of the next value to arrive; guarded by lock
    private boolean pulling; // a subscriber is reading the source; guarded by lock
    private RuntimeException end; // how the stream ended, for all; guarded by lock
    private Event arrived = new Event(); // set (and replaced) whenever a value arrives or the pull role frees
    private final BroadcastReceiver<T> own = new BroadcastReceiver<>(this, Lag.RAISE, 0);

    Broadcast(MsgStream<T, ?> source, int capacity) {
        this.source = source;
        this.ring = new Object[capacity];
    }

    BroadcastReceiver<T> subscribe(Lag lag) {
        synchronized (lock) {
            return new BroadcastReceiver<>(this, lag, next);
        }
    }

    /** The subscriber that the stream's own {@code receive} reads through. */
    BroadcastReceiver<T> ownReceiver() {
        return own;
    }

    @SuppressWarnings("unchecked")
    T receive(BroadcastReceiver<T> reader) {
        for (;;) {
            Event wait;
            synchronized (lock) {
                long oldest = Math.max(0, next - ring.length);
                if (reader.position < oldest) {
                    long missed = oldest - reader.position;
                    reader.position = oldest;
                    if (reader.lag() == Lag.RAISE) {
                        throw new Lagged(missed);
                    }
                }
                if (reader.position < next) {
                    return (T) ring[(int) (reader.position++ % ring.length)];
                }
                if (end != null) {
                    throw end instanceof EndOfChannel ? new EndOfChannel(end.getMessage()) : end;
                }
                wait = pulling ? arrived : null;
                pulling = true;
            }
            if (wait != null) {
                wait.await(); // a checkpoint
                continue;
            }
            pull();
        }
    }

    /** Reads one value from the stream for everyone. */
    private void pull() {
        T value;
        try {
            value = source.receiveDirect();
        } catch (Cancelled c) {
            release(null); // another subscriber takes over; no value was lost
            throw c;
        } catch (RuntimeException e) {
            release(e);
            return; // the loop raises it to this subscriber too
        }
        Event woken;
        synchronized (lock) {
            ring[(int) (next++ % ring.length)] = value;
            pulling = false;
            woken = arrived;
            arrived = new Event();
        }
        woken.set();
    }

    private void release(RuntimeException ending) {
        Event woken;
        synchronized (lock) {
            if (ending != null) {
                end = ending;
            }
            pulling = false;
            woken = arrived;
            arrived = new Event();
        }
        woken.set();
    }
}
