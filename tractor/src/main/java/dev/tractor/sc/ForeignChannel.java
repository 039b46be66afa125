package dev.tractor.sc;

import java.util.Iterator;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A two-way channel between a structured task and a foreign task (code on an executor, an event loop, a
 * framework's threads) that start and end together: the Java counterpart of Python tractor's
 * {@code to_asyncio.open_channel_from}.
 *
 * <pre>{@code
 * String answer = ForeignChannel.open(
 *         (ForeignEnd<String, String> end) -> CompletableFuture.runAsync(() -> {   // the foreign task
 *             end.started("ready");
 *             String question = end.receive().join();
 *             end.send(question.toUpperCase()).join();
 *             end.close();
 *         }, executor),
 *         (channel, first) -> {                                                     // the structured side
 *             channel.send("hello");
 *             return channel.receive();                                            // "HELLO"
 *         });
 * }</pre>
 *
 * <p>{@link #open} starts the foreign task, waits for its first value ({@link ForeignEnd#started}), runs the
 * body with this channel and that value, and returns when both sides have ended. What crosses, and how:
 * <ul>
 * <li><b>Values</b>, each way, in order, buffered up to the channel's capacity ({@value #CAPACITY} by
 *     default). The structured side waits at checkpoints; the foreign side gets futures.</li>
 * <li><b>The ends of the value streams.</b> {@link ForeignEnd#close()} ends the foreign side's values: this
 *     side receives {@link EndOfChannel} after the last one. {@link #close()} does the same the other way.</li>
 * <li><b>A foreign task that ends without closing its end</b> while this side still receives: this side
 *     gets {@link ForeignTaskExited} after the values it had sent. Ended before {@code started}:
 *     {@code open} raises {@link ForeignTaskExited}.</li>
 * <li><b>A foreign task that fails</b> (its future completes exceptionally), before {@code started} or
 *     while the body runs: the body is cancelled, and {@code open} raises the foreign exception itself (its
 *     real cause, not a {@link CompletionException}), or {@link ForeignCancelled} when the foreign future was
 *     cancelled by its own side. The body's own failure, if any, is added to it as suppressed.</li>
 * <li><b>The structured side leaving</b> (the body returned, failed, or was cancelled): the foreign side's
 *     futures fail with {@link StructuredTaskExited}, {@link ForeignEnd#structuredSideExited()} completes, and
 *     {@code open} waits, shielded, at most {@link Sc#AWAIT_SETTLE}, for the foreign task's future to complete.
 *     One that still has not is cancelled ({@code cancel(true)}) and given up on, with a warning in the log:
 *     the foreign task ignored every signal it was given.</li>
 * </ul>
 *
 * <p>Several tasks may receive from (or send to) the channel at once: each value goes to one of them, in
 * the order they started waiting (a fan-out of work). The channel is used by the tasks of the block that
 * {@link #open} runs; after {@code open} returned, it raises {@link StructuredTaskExited}.
 *
 * @param <I> the type of the values the foreign side sends (what this side receives)
 * @param <O> the type of the values this side sends (what the foreign side receives)
 */
public final class ForeignChannel<I, O> implements Iterable<I> {

    /** The capacity of each direction unless {@link #open(int, ForeignTask, ForeignChannelBody)} says otherwise. */
    public static final int CAPACITY = 64;

    private static final System.Logger LOG = System.getLogger("dev.tractor");

    private final Link<I> fromForeign;
    private final Link<O> toForeign;
    private final End end = new End();
    private final Event startedOrEnded = new Event();
    private final CompletableFuture<Void> structuredSideExited = new CompletableFuture<>();

    private ForeignChannel(int capacity) {
        this.fromForeign = new Link<>(capacity);
        this.toForeign = new Link<>(capacity);
    }

    /**
     * Opens a channel of {@value #CAPACITY} values each way; see
     * {@link #open(int, ForeignTask, ForeignChannelBody)}.
     */
    public static <I, O, R> R open(ForeignTask<I, O> task, ForeignChannelBody<I, O, R, ?> body) throws Exception {
        return open(CAPACITY, task, body);
    }

    /**
     * Starts {@code task}, waits for its first value, runs {@code body} in the calling task with the channel
     * and that value, and returns what the body returned once both sides have ended (see the class comment
     * for what crosses). A checkpoint: it waits for the first value, and the body's own checkpoints are the
     * body's. Cancelling the calling task cancels the body; the foreign side then gets
     * {@link StructuredTaskExited}, {@code open} waits for it as described above and raises {@link Cancelled}
     * (unless the foreign task failed meanwhile with an error of its own: that error comes out instead).
     *
     * @param capacity how many values each direction buffers; 0 hands each value straight over
     * @throws Exception what the body raised, or what the foreign task failed with (as itself; hence
     *     {@code throws Exception}, as {@link Sc#await}), or {@link ForeignTaskExited} if it ended before
     *     {@code started}, or {@link ForeignCancelled} if its future was cancelled by its own side
     * @throws IllegalArgumentException if {@code capacity} is negative
     * @throws IllegalStateException outside a task of {@link Sc#run(Action)}
     */
    public static <I, O, R> R open(int capacity, ForeignTask<I, O> task, ForeignChannelBody<I, O, R, ?> body)
            throws Exception {
        Objects.requireNonNull(task, "task");
        Objects.requireNonNull(body, "body");
        Task.current("ForeignChannel.open");
        ForeignChannel<I, O> channel = new ForeignChannel<>(capacity);
        CompletableFuture<?> foreign = Sc.asFuture(Objects.requireNonNull(channel.end.startedBy(task),
                "the ForeignTask returned no future"));
        return channel.run(foreign, body);
    }

    private <R> R run(CompletableFuture<?> foreign, ForeignChannelBody<I, O, R, ?> body) throws Exception {
        CancelScope block = new CancelScope();
        AtomicBoolean bodyEnded = new AtomicBoolean();
        AtomicBoolean failedFirst = new AtomicBoolean();
        foreign.whenComplete((value, failure) -> {
            if (failure != null && !isEcho(failure) && !bodyEnded.get()) {
                failedFirst.set(true);
                block.cancel("the foreign task of the channel failed: " + failure);
            }
            fromForeign.end(() -> new ForeignTaskExited(
                    "the foreign task of the channel ended without closing its end while this side still receives"),
                    () -> new ClosedResource("the foreign task of the channel has ended"));
            startedOrEnded.set();
        });
        R result = null;
        Throwable bodyFailure = null;
        try {
            result = block.call(() -> body.run(this, awaitFirst(foreign))).orElse(null);
        } catch (Throwable t) {
            bodyFailure = t;
        } finally {
            bodyEnded.set(true);
        }
        leave(bodyFailure == null ? "returned" : bodyFailure instanceof Cancelled ? "was cancelled"
                : "failed with " + bodyFailure);
        boolean gaveUp = !settle(foreign);
        Throwable foreignFailure = !gaveUp && foreign.isCompletedExceptionally() ? foreignFailure(foreign) : null;
        // The first failure comes out, the other one with it (suppressed); a Cancelled gives way to an error,
        // as in a nursery.
        if (foreignFailure != null && (failedFirst.get() || bodyFailure == null || bodyFailure instanceof Cancelled)) {
            if (bodyFailure != null && !(bodyFailure instanceof Cancelled)) {
                foreignFailure.addSuppressed(bodyFailure);
            }
            throw Sc.<Exception>sneaky(foreignFailure);
        }
        if (bodyFailure != null) {
            if (foreignFailure != null) {
                bodyFailure.addSuppressed(foreignFailure);
            }
            throw Sc.<Exception>sneaky(bodyFailure);
        }
        return result;
    }

    /** Waits for {@code started}; raises when the foreign task ended without it (its failure is raised later). */
    private I awaitFirst(CompletableFuture<?> foreign) {
        startedOrEnded.await();
        I first = end.first.get();
        if (first != null) {
            return first;
        }
        if (foreign.isCompletedExceptionally()) {
            Sc.checkpoint(); // the block was cancelled by the failure; its Cancelled ends the block
        }
        throw new ForeignTaskExited("the foreign task of the channel ended before it called started(...)");
    }

    /** The structured side has left: the foreign side hears it through every future of its end. */
    private void leave(String how) {
        String why = "the structured side of the channel " + how;
        toForeign.cut(() -> new StructuredTaskExited(why));
        fromForeign.cut(() -> new StructuredTaskExited(why));
        structuredSideExited.complete(null);
    }

    /** Waits, shielded and bounded, for the foreign task to end; whether it did (else it was given up on). */
    private static boolean settle(CompletableFuture<?> foreign) {
        if (foreign.isDone()) {
            return true;
        }
        new CancelScope().shield(true).run(() -> Timeouts.moveOnAfter(Sc.AWAIT_SETTLE,
                () -> Sc.awaitDone(foreign, "ForeignChannel.open")));
        if (!foreign.isDone()) {
            foreign.cancel(true);
            LOG.log(System.Logger.Level.WARNING, "the foreign task of a ForeignChannel did not end within {0} "
                    + "after the structured side left; its future was cancelled and it is no longer waited for",
                    Sc.AWAIT_SETTLE);
            return false;
        }
        return true;
    }

    /** The foreign task's failure as the body's caller sees it, or null when it is only the echo of leaving. */
    private static Throwable foreignFailure(CompletableFuture<?> foreign) {
        Throwable failure = Sc.failureOf(foreign, "the foreign task's future was cancelled by its own side",
                "a stage the foreign task depends on was cancelled");
        return failure instanceof StructuredTaskExited ? null : failure;
    }

    private static boolean isEcho(Throwable failure) {
        return Sc.realCause(failure) instanceof StructuredTaskExited;
    }

    // ---- the structured side's end -----------------------------------------------------------------------

    /**
     * Receives the next value of the foreign side. A checkpoint; cancellation raises {@link Cancelled} and no
     * value is lost.
     *
     * @throws EndOfChannel once the foreign side closed its end and every value it sent was received
     * @throws ForeignTaskExited once the foreign task ended without closing its end and every value it sent
     *     was received
     * @throws StructuredTaskExited after {@link #open} has returned
     */
    public I receive() {
        return fromForeign.receiveInTask();
    }

    /**
     * Sends a value to the foreign side, waiting while the buffer is full. A checkpoint; cancellation raises
     * {@link Cancelled}, and the value is not sent unless it was handed over already.
     *
     * @throws ClosedResource if this side closed its sending end
     * @throws StructuredTaskExited after {@link #open} has returned
     */
    public void send(O value) {
        toForeign.sendInTask(value);
    }

    /**
     * Closes this side's sending end: the foreign side receives what was sent, then {@link EndOfChannel}.
     * Receiving goes on. Idempotent; not a checkpoint.
     */
    public void close() {
        toForeign.end(() -> new EndOfChannel("the structured side of the channel closed its sending end"),
                () -> new ClosedResource("this side of the channel closed its sending end"));
    }

    /**
     * Iterates by {@link #receive()} until the foreign side closed its end; {@code hasNext()} is a checkpoint.
     * A foreign task that ended without closing raises {@link ForeignTaskExited} from {@code hasNext()}.
     */
    @Override
    public Iterator<I> iterator() {
        return new ReceivingIterator<>(this::receive);
    }

    @Override
    public String toString() {
        return "ForeignChannel" + (structuredSideExited.isDone() ? "[left]" : "");
    }

    // ---- the foreign side's end --------------------------------------------------------------------------

    private final class End implements ForeignEnd<I, O> {
        private final AtomicReference<I> first = new AtomicReference<>();

        java.util.concurrent.CompletionStage<?> startedBy(ForeignTask<I, O> task) throws Exception {
            return task.start(this);
        }

        @Override
        public void started(I value) {
            Objects.requireNonNull(value, "channels do not carry null values");
            if (structuredSideExited.isDone()) {
                throw new StructuredTaskExited("the structured side of the channel left before started(...)");
            }
            if (!first.compareAndSet(null, value)) {
                throw new IllegalStateException("started(...) was called already");
            }
            startedOrEnded.set();
        }

        private void checkStarted() {
            if (first.get() == null) {
                throw new IllegalStateException("call started(...) before sending");
            }
        }

        @Override
        public CompletableFuture<Void> send(I value) {
            checkStarted();
            return fromForeign.send(value);
        }

        @Override
        public boolean trySend(I value) {
            checkStarted();
            return fromForeign.trySend(value);
        }

        @Override
        public CompletableFuture<O> receive() {
            return toForeign.receive();
        }

        @Override
        public void close() {
            fromForeign.end(() -> new EndOfChannel("the foreign side of the channel closed its end"),
                    () -> new ClosedResource("this end of the channel was closed"));
        }

        @Override
        public CompletableFuture<Void> structuredSideExited() {
            return structuredSideExited.copy();
        }

        @Override
        public String toString() {
            return "ForeignEnd" + (structuredSideExited.isDone() ? "[structured side left]" : "");
        }
    }
}
