package dev.tractor.sc;

/**
 * The sending end of a channel (trio's {@code SendChannel}). Each handle is closed on its own; the channel
 * ends for receivers once every clone of the sending end is closed.
 *
 * @param <T> the type of the values
 */
public interface SendChannel<T> extends AutoCloseable {
    /**
     * Sends {@code value}, waiting while the channel's buffer is full (for a rendezvous channel, until a
     * receiver takes it). A checkpoint: cancellation while waiting raises {@link Cancelled} and the value
     * is not sent; a value that was handed over before the cancellation stays sent.
     *
     * @throws BrokenResource if every receiving handle is closed
     * @throws ClosedResource if this handle was closed, also while waiting here
     */
    void send(T value);

    /**
     * Sends {@code value} if that can be done without waiting. Not a checkpoint; never blocks; callable from
     * any thread, also outside a run.
     *
     * @return {@code true} if the value was sent, {@code false} if the buffer is full
     * @throws BrokenResource if every receiving handle is closed
     * @throws ClosedResource if this handle was closed
     */
    boolean trySend(T value);

    /**
     * A new handle to the same sending end, closed independently of this one.
     *
     * @throws ClosedResource if this handle was closed
     */
    SendChannel<T> clone();

    /**
     * Closes this handle; idempotent, not a checkpoint, never blocks, callable from any thread. Tasks blocked in {@link #send}
     * through this handle raise {@link ClosedResource}. When it is the last open sending handle, receivers
     * get the buffered values and then {@link EndOfChannel}.
     */
    @Override
    void close();
}
