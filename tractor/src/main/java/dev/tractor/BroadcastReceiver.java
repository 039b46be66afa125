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
public interface BroadcastReceiver<T> extends AutoCloseable, Iterable<T> {

    /**
     * Receives the next value, waiting for it. A checkpoint.
     *
     * @throws Lagged if this subscriber fell too far behind (with {@link Lag#RAISE}); it goes on afterwards
     * @throws EndOfChannel at the end of the stream
     * @throws RemoteActorError (or another error of the stream, see {@link MsgStream#receive()}) if the
     *     stream failed; every subscriber gets it, each as an exception of its own
     * @throws ClosedResource if this receiver was closed
     */
    T receive();

    /** Stops receiving; the others go on. Idempotent; not a checkpoint. */
    void close();

    /** Iterates by {@link #receive()} until the end of the stream. */
    Iterator<T> iterator();
}

