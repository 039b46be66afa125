package dev.tractor;

/**
 * What a one-way streaming function emits its values through: the remote side of
 * {@link Portal#openStreamFrom} (a remote generator). The function's first parameter:
 * <pre>{@code
 * public static void ticks(Emitter<Long> out, int count) {
 *     for (long i = 0; i < count; i++) {
 *         out.emit(i);
 *     }
 * }
 * }</pre>
 * When the reader stops early, the function is cancelled at its next {@code emit} (a checkpoint).
 *
 * @param <T> the type of the values
 */
public interface Emitter<T> {

    /**
     * Sends one value to the reader. A checkpoint (on entry).
     *
     * @throws StreamOverrun if the reader's buffer overran (see {@link Overruns})
     * @throws TractorException if the connection to the reader has ended
     * @throws dev.tractor.ipc.FrameTooLarge if the value makes a message larger than the limit (see
     *     {@link Portal}): nothing is sent, and the stream stays open for the next value
     */
    void emit(T value);
}

