package dev.tractor;

import dev.tractor.sc.ClosedResource;
import dev.tractor.sc.EndOfChannel;
import java.util.Iterator;

/**
 * One side's stream of a {@link Context}: values of type {@code I} come in, values of type {@code O} go
 * out (Python tractor's {@code MsgStream}). Open it with {@link Context#openStream}; iterate it with
 * {@code for (I value : stream)}, which ends when the other side closes its stream or its task ends.
 *
 * <p>{@link #send}, {@link #awaitRoom} and {@link #receive} are checkpoints. One task may send while another receives; two
 * tasks receiving from one stream split the values between them (use {@link #subscribe()} to give each
 * task every value), and the end of the stream, or its failure, reaches every one of them (each gets an
 * exception of its own).
 *
 * @param <I> the type of the values received
 * @param <O> the type of the values sent
 */
public interface MsgStream<I, O> extends AutoCloseable, Iterable<I> {

    /**
     * Sends a value to the other side. A checkpoint (on entry); it waits only if the connection is far
     * behind.
     *
     * @throws ClosedResource if this stream was closed, or the context was cancelled at this side's request
     * @throws StreamOverrun if the other side's buffer overran (it reads too slowly; see {@link Overruns})
     * @throws RemoteActorError if the other side's task failed
     * @throws dev.tractor.sc.BrokenResource if the other side's task has ended
     * @throws IllegalStateException on the reading side of a one-way stream
     * @throws dev.tractor.ipc.FrameTooLarge if the value makes a message larger than the limit (see
     *     {@link Portal}): nothing is sent, and the stream stays open for the next value
     */
    void send(O value);

    /**
     * Waits until a {@link #send} cannot overrun the other side: until it has fewer than
     * {@value Context#BUFFER} values of this stream unread, as far as its reader's credits tell (the reader
     * tells the sender each time it has consumed 32 more). A sender that calls it before each send, or
     * sends no more than it returns, never meets {@link StreamOverrun}, however slowly the other side
     * reads; {@link Flows#send} does so for a {@link java.util.concurrent.Flow.Publisher}. A reader that
     * opened its stream with {@link Overruns#ALLOW} cannot be overrun, and lets a sender have 65,536 values
     * unread instead of {@value Context#BUFFER} (and credits it in steps of 16,384): enough for a fast stream
     * of small values to go at full speed, while a slow reader still holds back a sender that waits for
     * room.
     *
     * <p>A checkpoint: cancellation while waiting raises {@link dev.tractor.sc.Cancelled}, and nothing was
     * sent. It returns at once, without waiting for room, when waiting would be pointless: the other side's
     * task has ended, the connection is gone, or the other side reported an overrun; the next {@code send}
     * then raises what it raises for that.
     *
     * @return how many values can be sent now before the other side must read more (at least 1); 0 when
     *     the other side has closed its stream (as its task does when it returns): it reads no more, and
     *     what is sent is dropped unread
     * @throws ClosedResource if this stream was closed
     * @throws IllegalStateException on the reading side of a one-way stream
     */
    int awaitRoom();

    /**
     * Receives the next value, waiting for it. A checkpoint: cancellation while waiting raises
     * {@link dev.tractor.sc.Cancelled} and loses no value.
     *
     * @throws EndOfChannel when the other side has closed its stream or its task has ended (or this side
     *     cancelled the context)
     * @throws ClosedResource if this stream was closed
     * @throws dev.tractor.msg.PayloadMismatch if the value does not fit {@code I} (the context then fails)
     * @throws ContextCancelled if someone else cancelled the other side's task
     * @throws RemoteActorError if the other side's task failed
     */
    I receive();

    /**
     * A receiver that gets every value received from now on, like every other subscriber of this stream
     * (trio's broadcast channel; Python tractor's {@code MsgStream.subscribe}). After the first
     * {@code subscribe}, {@link #receive()} is a subscriber too. Not a checkpoint.
     *
     * <p>The subscribers share a ring of the last {@value Context#BUFFER} values. A subscriber that keeps
     * coming back to {@code receive} is never overtaken: the others wait for it (a subscriber that has not
     * received yet since it subscribed counts as keeping up). One that stays away longer than 200 ms while
     * the others read more than {@value Context#BUFFER} values further gets {@link Lagged} at its next
     * receive and then goes on from the oldest value still kept. Close a subscriber that will not read:
     * until its first receive it holds the others up.
     */
    BroadcastReceiver<I> subscribe();

    /** Like {@link #subscribe()}, choosing what a lagging subscriber gets. */
    BroadcastReceiver<I> subscribe(Lag lag);

    /**
     * Closes this side's stream: the other side's reads end once it has read what was sent. Idempotent;
     * not a checkpoint.
     */
    void close();

    /** Whether {@link #close()} was called. */
    boolean isClosed();

    /** Iterates by {@link #receive()}; {@code hasNext()} is a checkpoint that is false at the stream's end. */
    Iterator<I> iterator();
}

