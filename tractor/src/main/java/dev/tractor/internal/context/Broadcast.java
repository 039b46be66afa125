package dev.tractor.internal.context;

import dev.tractor.Lag;
import dev.tractor.Lagged;
import dev.tractor.MsgStream;
import dev.tractor.TractorException;
import dev.tractor.sc.Cancelled;
import dev.tractor.sc.EndOfChannel;
import dev.tractor.sc.Event;
import dev.tractor.sc.Timeouts;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The fan-out behind {@link MsgStream#subscribe()}: the last {@code capacity} values the stream received,
 * in a ring, and a read position per subscriber.
 *
 * <p>Whoever needs a value that nobody has read from the stream yet reads it (one task at a time; the
 * others wait for it to arrive) and appends it to the ring, overwriting the oldest. Before overwriting a
 * value that a subscriber has not read yet, the reader waits for that subscriber if it is in
 * {@code receive}, or was there less than {@link #LAG_GRACE} ago: such a subscriber is keeping up and only
 * needs a moment of CPU (tasks run in parallel here, preempted by the OS, not in turns as in trio). A new
 * subscriber counts as being in {@code receive} until its first receive returns, so that tasks that
 * subscribed together start together.
 * A subscriber that is busy elsewhere is not waited for: once it is more than {@code capacity} values
 * behind it has lost values, and is told so ({@link Lagged}) or skips them. The end of the stream, or its
 * failure, reaches every subscriber once it has read everything before it, each as an exception of its
 * own (an exception instance is never raised in two tasks).
 */
public final class Broadcast<T> {
    private final MsgStreamImpl<T, ?> source;
    private final Object[] ring;
    private final Object lock = new Object();
    private final List<BroadcastReceiverImpl<T>> receivers = new ArrayList<>(); // guarded by lock
    private long next; // sequence number of the next value to arrive; guarded by lock
    private boolean pulling; // a subscriber is reading the source; guarded by lock
    private RuntimeException end; // how the stream ended (the instance raised to its puller); guarded by lock
    private long waitNanos; // set by behind(): how long to wait for the subscriber that holds up; under lock
    private Event arrived = new Event(); // set (and replaced) when a value arrives or the pull role frees
    private Event advanced = new Event(); // set (and replaced) when a subscriber reads a value
    private final BroadcastReceiverImpl<T> own;

    Broadcast(MsgStreamImpl<T, ?> source, int capacity) {
        this.source = source;
        this.ring = new Object[capacity];
        this.own = subscribe(Lag.RAISE);
        own.receiving = false; // the stream's own receive may never be used: it holds nobody up
    }

    /** A new subscriber; until its first receive returns it counts as waiting (it is about to read). */
    BroadcastReceiverImpl<T> subscribe(Lag lag) {
        synchronized (lock) {
            BroadcastReceiverImpl<T> r = new BroadcastReceiverImpl<>(this, lag, next);
            r.receiving = true;
            receivers.add(r);
            return r;
        }
    }

    void unsubscribe(BroadcastReceiverImpl<T> r) {
        synchronized (lock) {
            receivers.remove(r);
        }
    }

    /** The subscriber that the stream's own {@code receive} reads through. */
    BroadcastReceiverImpl<T> ownReceiver() {
        return own;
    }

    @SuppressWarnings("unchecked")
    T receive(BroadcastReceiverImpl<T> reader) {
        synchronized (lock) {
            reader.receiving = true;
        }
        try {
            for (;;) {
                Event wait = null;
                long timeout = Long.MAX_VALUE;
                RuntimeException ended;
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
                        T value = (T) ring[(int) (reader.position++ % ring.length)];
                        Event e = advanced;
                        advanced = new Event();
                        e.set();
                        return value;
                    }
                    ended = end;
                    if (ended == null) {
                        wait = pulling ? arrived : null;
                        if (wait == null) {
                            wait = behind();
                            timeout = waitNanos;
                        }
                        if (wait == null) {
                            pulling = true;
                        }
                    }
                }
                if (ended != null) {
                    throw endAgain(ended);
                }
                if (wait != null) {
                    if (timeout == Long.MAX_VALUE) {
                        wait.await(); // a checkpoint
                    } else {
                        Event w = wait;
                        Timeouts.moveOnAfter(Duration.ofNanos(timeout), w::await);
                    }
                    continue;
                }
                pull();
            }
        } finally {
            synchronized (lock) {
                reader.receiving = false;
                reader.lastReceive = System.nanoTime();
            }
        }
    }

    /**
     * Called with the lock held: the event to wait for if appending now would overwrite a value that a
     * subscriber who keeps up has not read (see the class comment), with {@link #waitNanos} set to how long
     * to wait at most; null if nobody is held up for.
     */
    private Event behind() {
        long overwritten = next - ring.length; // the sequence number that the next value replaces
        long now = System.nanoTime();
        Event wait = null;
        waitNanos = Long.MAX_VALUE;
        for (BroadcastReceiverImpl<T> r : receivers) {
            if (r.position > overwritten) {
                continue;
            }
            if (r.receiving) {
                wait = advanced;
                waitNanos = Long.MAX_VALUE;
                break;
            }
            long left = LAG_GRACE.toNanos() - (now - r.lastReceive);
            if (left > 0) {
                wait = advanced;
                waitNanos = Math.min(waitNanos, left);
            }
        }
        return wait;
    }

    /** How long a subscriber may stay away from {@code receive} before the others overtake it. */
    static final Duration LAG_GRACE = Duration.ofMillis(200);

    /**
     * The end of the stream once more, for a subscriber other than the one that met it: a fresh exception,
     * never the instance raised in another task. The stream keeps its end (every later receive raises it
     * anew), so it is asked again.
     */
    private RuntimeException endAgain(RuntimeException ended) {
        if (ended instanceof EndOfChannel) {
            return new EndOfChannel(ended.getMessage());
        }
        try {
            source.receiveDirect();
        } catch (RuntimeException fresh) {
            return fresh;
        }
        return new TractorException("the stream gave a value after its end: " + ended, ended);
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
