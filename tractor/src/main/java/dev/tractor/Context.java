package dev.tractor;

import dev.tractor.msg.PayloadMismatch;
import dev.tractor.msg.Uid;
import dev.tractor.sc.CancelScope;
import dev.tractor.sc.Cancelled;

/**
 * One side of a context: a task in a remote actor started by {@link Portal#openContext}, and the
 * conversation between it and the task that opened it (Python tractor's {@code Context}).
 *
 * <p>The remote side is a function whose first parameter is a {@code Context}:
 * <pre>{@code
 * public static int count(Context<String> ctx, int limit) {
 *     ctx.started("ready");                                // hands the opener its first value
 *     try (MsgStream<Integer, Integer> stream = ctx.openStream(Integer.class, Integer.class)) {
 *         for (int n : stream) {                          // until the opener closes its stream
 *             stream.send(n + 1);
 *         }
 *     }
 *     return limit;                                        // the context's result
 * }
 * }</pre>
 * and the opener talks to it inside a block that ends only once the remote task has:
 * <pre>{@code
 * int result = portal.openContext(Counter::count, 10, (ctx, first) -> {
 *     try (MsgStream<Integer, Integer> stream = ctx.openStream(Integer.class, Integer.class)) {
 *         stream.send(1);
 *         return stream.receive();                         // 2
 *     }
 * });
 * }</pre>
 *
 * <p><b>Cancellation.</b> {@link #cancel()} cancels the remote task only. The opener then sees its
 * context end quietly; if anyone else cancelled the remote task (another actor cancelled that actor, or
 * the task cancelled itself), the opener gets {@link ContextCancelled} naming the canceller. An exception
 * in the opener's block, or the cancellation of the opening task, cancels the remote task too, and
 * {@code openContext} waits (briefly, shielded) for it to end before passing the exception on. The other
 * way round, a failure of the remote task (or the loss of its connection) cancels the opener's block at
 * once, and its {@link RemoteActorError} comes out of {@code openContext}.
 *
 * <p><b>A {@code Cancelled} in a {@code finally} hides the failure.</b> If the remote function throws and
 * its {@code finally} block reaches a checkpoint while its task is being cancelled, the {@code Cancelled}
 * raised there replaces the exception (Java drops it), and the opener sees a cancelled context (quietly,
 * with a {@code null} result, if it asked for the cancel). Run such cleanup in a shielded scope with a
 * deadline, so that the original exception goes on:
 * <pre>{@code
 * try {
 *     work(ctx);
 * } finally {
 *     new CancelScope().shield(true).relativeDeadline(Duration.ofSeconds(2)).run(() -> cleanUp());
 * }
 * }</pre>
 * (see the contexts guide, "A failure hidden by a Cancelled in finally").
 *
 * <p><b>Buffering.</b> Each side receives into a buffer of {@value #BUFFER} stream values once it has
 * opened its stream; see {@link Overruns} for what happens when it is full. (Values that arrive before
 * this side opened its stream are all kept, and do not count against those {@value #BUFFER}.) The connection's reader never waits for a reader of a
 * context, so one slow context never holds up another.
 *
 * <p><b>Typed values.</b> The started value is bound to the type argument of the remote function's
 * {@code Context<S>} parameter, stream values to the types given to {@link #openStream}, the result to the
 * function's return type. A value that does not fit fails this context only: the side that received it
 * raises {@link PayloadMismatch} and the other side gets it as a {@link RemoteActorError}.
 *
 * <p>A context is opened and ended by one task on each side; its stream may be read and written by
 * several tasks of that side (see {@link MsgStream}), and {@link #result()} may be awaited by several
 * tasks: every one of them sees the same end.
 *
 * @param <S> the type of the started value
 */
public interface Context<S> {

    /** How many stream values a side buffers before the sender overruns (see {@link Overruns}). */
    int BUFFER = 64;

    /** This context's id: unique on its connection, the {@code cid} of its messages. */
    String cid();

    /** The actor at the other side. */
    Uid remoteActor();

    /** Whether this side is the opener (the caller of {@link Portal#openContext}) or the remote task. */
    boolean isOpener();

    /**
     * Hands the opener its first value; the remote side calls it once, before opening a stream. A
     * checkpoint.
     *
     * @throws IllegalStateException if called a second time, or on the opener's side
     * @throws PayloadMismatch if the value cannot travel as a payload
     * @throws TractorException if the connection to the opener has ended
     * @throws dev.tractor.ipc.FrameTooLarge if the value makes a message larger than the limit (see
     *     {@link Portal}): nothing is sent, and {@code started} may be called again with a smaller value
     */
    void started(S value);

    /**
     * Opens this side's stream: values of type {@code I} come in, values of type {@code O} go out. One
     * stream per context. Not a checkpoint. Close it (try-with-resources) when done sending: the other side
     * then reads to its end; a stream left open is closed when the context ends.
     *
     * @throws IllegalStateException before {@link #started} on the remote side, after the context was
     *     cancelled, or if this side has opened its stream already
     */
    <I, O> MsgStream<I, O> openStream(Class<I> receives, Class<O> sends);

    /** Like {@link #openStream(Class, Class)}, choosing what happens when this side reads too slowly. */
    <I, O> MsgStream<I, O> openStream(Class<I> receives, Class<O> sends, Overruns overruns);

    /**
     * Cancels the remote task of this context (the opener's side), or this task itself (the remote side).
     * Not a checkpoint; returns at once. The opener then finds the context ended quietly: stream reads end,
     * and {@code openContext} returns once the remote task has ended. Idempotent.
     */
    void cancel();

    /**
     * The remote function's result (the opener's side): closes this side's stream if it is open, then
     * waits for the remote task to end. A checkpoint. Called again, returns the same result; several tasks
     * may call it at once, and all get the same outcome (each its own exception, for a failure).
     *
     * @return the result bound to the function's declared return type, or {@code null} if the context was
     *     cancelled at this side's request
     * @throws IllegalStateException on the remote side
     * @throws ContextCancelled if someone other than this actor cancelled the remote task
     * @throws RemoteActorError if the remote task failed
     * @throws TractorException if the connection to the remote actor ended first
     */
    @SuppressWarnings("unchecked")
    <R> R result();

    /** Whether {@link #cancel()} was called on this side. */
    boolean cancelCalled();
}

