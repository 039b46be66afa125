package dev.tractor.sc;

import java.util.concurrent.CompletableFuture;

/**
 * The foreign side's end of a {@link ForeignChannel}, handed to a {@link ForeignTask}. Every method is
 * callable from any thread, outside any task, and never blocks: waiting is a future, which the foreign code
 * composes (or, on a thread of its own, joins).
 *
 * <p>The structured side may leave at any time (its block returned, failed or was cancelled): from then on
 * every future of this end completes exceptionally with {@link StructuredTaskExited}, {@link #trySend}
 * throws it and {@link #structuredSideExited()} completes. The foreign task should then end.
 *
 * @param <I> the type of the values this side sends (what the structured side receives)
 * @param <O> the type of the values this side receives (what the structured side sends)
 */
public interface ForeignEnd<I, O> {

    /**
     * Hands the structured side its first value: {@link ForeignChannel#open} waits for it before its body
     * runs, as {@code Portal.openContext} waits for {@code Context.started}. Called once, before any
     * {@link #send}.
     *
     * @throws IllegalStateException if called a second time
     * @throws StructuredTaskExited if the structured side has left (it gave up waiting)
     */
    void started(I first);

    /**
     * Sends a value to the structured side. The future completes when the value is buffered or handed to a
     * receiving task, so a foreign sender that waits for it runs no further ahead than the channel's
     * capacity. Cancelling the future withdraws the value unless it was taken already.
     *
     * @return a future that fails with {@link StructuredTaskExited} if the structured side has left, or
     *     {@link ClosedResource} if this end was closed
     * @throws IllegalStateException before {@link #started}
     */
    CompletableFuture<Void> send(I value);

    /**
     * Sends a value if there is room now.
     *
     * @return whether the value was sent; {@code false} if the buffer is full
     * @throws StructuredTaskExited if the structured side has left
     * @throws ClosedResource if this end was closed
     * @throws IllegalStateException before {@link #started}
     */
    boolean trySend(I value);

    /**
     * The next value from the structured side. Cancelling the future gives up waiting and loses no value.
     *
     * @return a future of the value, which fails with {@link EndOfChannel} once the structured side closed its
     *     sending end and everything it sent has been received, or with {@link StructuredTaskExited} once it
     *     has left
     */
    CompletableFuture<O> receive();

    /**
     * Closes this side's sending direction: the structured side receives what was sent, then
     * {@link EndOfChannel}. Idempotent. Receiving goes on.
     */
    void close();

    /**
     * A future that completes (normally) when the structured side has left the channel: for foreign code that
     * does not receive, to know when to stop.
     */
    CompletableFuture<Void> structuredSideExited();
}
