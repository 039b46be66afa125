package dev.tractor.sc;

/**
 * A channel inside one process: a sending end and a receiving end sharing a FIFO buffer of a fixed
 * capacity (trio's {@code open_memory_channel}).
 *
 * <pre>{@code
 * MemoryChannel<String> ch = MemoryChannel.open(0);         // rendezvous
 * Nursery.open(n -> {
 *     n.startSoon("producer", () -> {
 *         try (SendChannel<String> tx = ch.sender()) {
 *             tx.send("hello");
 *         }                                             // closing ends the stream
 *     });
 *     try (ReceiveChannel<String> rx = ch.receiver()) {
 *         for (String s : rx) System.out.println(s);
 *     }
 * });
 * }</pre>
 *
 * <p>Capacity 0 hands each value directly from a sender to a receiver; capacity N lets senders run ahead
 * by N values; {@link #unbounded()} never blocks senders. Values are delivered in order, waiting senders
 * and receivers are served first come, first served, and {@code null} values are refused.
 *
 * @param <T> the type of the values
 * @param sender the sending end (clone it for more senders)
 * @param receiver the receiving end (clone it for more receivers)
 */
public record MemoryChannel<T>(SendChannel<T> sender, ReceiveChannel<T> receiver) {

    /** The capacity of {@link #unbounded()} channels. */
    public static final int UNBOUNDED = Integer.MAX_VALUE;

    /**
     * Opens a channel whose buffer holds up to {@code capacity} values; 0 for a rendezvous channel,
     * {@link #UNBOUNDED} for no limit.
     *
     * @throws IllegalArgumentException if {@code capacity} is negative
     */
    public static <T> MemoryChannel<T> open(int capacity) {
        if (capacity < 0) {
            throw new IllegalArgumentException("channel capacity must be >= 0, was " + capacity);
        }
        ChannelCore<T> core = new ChannelCore<>(capacity);
        return new MemoryChannel<>(core.newSender(), core.newReceiver());
    }

    /** Opens a channel whose senders never wait. */
    public static <T> MemoryChannel<T> unbounded() {
        return open(UNBOUNDED);
    }
}
