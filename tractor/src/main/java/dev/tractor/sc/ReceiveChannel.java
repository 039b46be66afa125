package dev.tractor.sc;

import java.util.Iterator;
import java.util.Optional;

/**
 * The receiving end of a channel (trio's {@code ReceiveChannel}). Iterable: {@code for (T v : channel)}
 * receives until the channel ends.
 *
 * @param <T> the type of the values
 */
public interface ReceiveChannel<T> extends AutoCloseable, Iterable<T> {
    /**
     * Receives the next value, waiting until there is one. A checkpoint: cancellation while waiting raises
     * {@link Cancelled} and no value is lost.
     *
     * @throws EndOfChannel if every sending handle is closed and the buffer is empty
     * @throws ClosedResource if this handle was closed, also while waiting here
     */
    T receive();

    /**
     * Receives a value if one is ready. Not a checkpoint; never blocks; callable from any thread, also
     * outside a run.
     *
     * @return the value, or empty if none is ready
     * @throws EndOfChannel if every sending handle is closed and the buffer is empty
     * @throws ClosedResource if this handle was closed
     */
    Optional<T> tryReceive();

    /**
     * A new handle to the same receiving end, closed independently of this one.
     *
     * @throws ClosedResource if this handle was closed
     */
    ReceiveChannel<T> clone();

    /**
     * Closes this handle; idempotent, not a checkpoint, never blocks, callable from any thread. Tasks blocked in {@link #receive}
     * through this handle raise {@link ClosedResource}. When it is the last open receiving handle, buffered
     * values are dropped and senders raise {@link BrokenResource}.
     */
    @Override
    void close();

    /**
     * Iterates by calling {@link #receive()}: {@code hasNext()} is a checkpoint that waits for the next
     * value and returns {@code false} at {@link EndOfChannel}.
     */
    @Override
    default Iterator<T> iterator() {
        return new ReceivingIterator<>(this::receive);
    }
}
