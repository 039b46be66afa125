package dev.tractor.internal.context;

import dev.tractor.ActorDied;
import dev.tractor.Context;
import dev.tractor.ContextCall;
import dev.tractor.ContextCancelled;
import dev.tractor.Emitter;
import dev.tractor.Overruns;
import dev.tractor.Portal;
import dev.tractor.RemoteActorError;
import dev.tractor.StreamOverrun;
import dev.tractor.TractorException;
import dev.tractor.internal.errors.ErrorBoxing;
import dev.tractor.internal.events.ContextEvent;
import dev.tractor.internal.events.Events;
import dev.tractor.internal.events.Outcome;
import dev.tractor.internal.ipc.Frames;
import dev.tractor.internal.ipc.Peer;
import dev.tractor.internal.msg.Msg;
import dev.tractor.internal.msg.Payload;
import dev.tractor.ipc.FrameTooLarge;
import dev.tractor.ipc.IpcException;
import dev.tractor.msg.PayloadMismatch;
import dev.tractor.msg.Uid;
import dev.tractor.sc.CancelScope;
import dev.tractor.sc.Cancelled;
import dev.tractor.sc.ClosedResource;
import dev.tractor.sc.EndOfChannel;
import dev.tractor.sc.MemoryChannel;
import dev.tractor.sc.Sc;
import dev.tractor.sc.Signal;
import java.lang.reflect.Type;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** The runtime's {@link Context}: one side of a context, with its inbox, stream and outcome (ADR 0016). */
public final class ContextImpl<S> implements Context<S> {
    /*
     * Implementation overview. One instance per side of a context: the opener's (made by ContextCall or
     * Portal.openStreamFrom, registered in the runtime by cid) and the remote side's (made by the runtime
     * when it serves a Start for a function whose first parameter is a Context or an Emitter, registered
     * by connection and cid, running in its own task under `scope`).
     *
     * The connection's reader loop calls deliver() with every message of the peer's for this context and
     * never blocks: messages go into `inbox` (unbounded, in order); stream values are counted against
     * BUFFER (once this side opened its stream with FAIL_SENDER) and the first over it is dropped and
     * reported to the sender; the peer's last word (Return, Error, the connection's end) is also put in
     * `remoteEnd`, which senders check without reading the inbox.
     *
     * The tasks of this side read the inbox, one at a time (`reading`): awaitStarted (the opener, before
     * its body), receiveValue (the stream, from any number of tasks), awaitResult / takeEnd (the opener,
     * after its body, or any task that waits for the result). What one of them takes as an end (the
     * peer's last word, its Stop, the overrun mark, a value that did not fit) is kept in a field, so that
     * every reader after it sees that end too instead of waiting for an item that was taken; raiseEnd
     * turns the kept end into a fresh exception for each reader (one instance is never thrown in two
     * tasks), or into nothing for a cancellation that this actor asked for (ADR 0016).
     *
     * Credit (ADR 0023): the reader of the stream (receiveValue, whichever task reads) counts the values it
     * consumed and sends a Credit of CREDIT each time CREDIT more were consumed, as a control frame that never
     * waits; a reader that opened its stream with ALLOW grants ALLOW_WINDOW - BUFFER more at once, and then
     * credits in steps of ALLOW_CREDIT. The
     * sending side counts the values it sent against the credits it got (BUFFER to begin with): awaitRoom
     * waits on `roomChanged` until the reader has room for one more. deliver()
     * signals it for every Credit and for everything that makes waiting pointless (the peer's Stop, its last
     * word, its overrun report).
     *
     * On the opener's side, a failure of the remote task (its Error, or the connection's end) cancels the
     * opener's block at once (one cancels all): deliver() cancels `openerBlock`, and the RemoteActorError
     * comes out of openContext.
     */

    /** Which end of the conversation this is. */
    public enum Side { OPENER, CALLEE }

    private final ContextHost runtime;
    private final Peer peer;
    private final String cid;
    private final Side side;
    private final String function;
    private final boolean oneWay;
    private final ContextEvent event = Events.contextStarted(); // its Flight Recorder event, from now to recordEnd
    private volatile Throwable failedHere; // the opener's own failure, for that event
    // Everything the peer sends for this context, in order. Unbounded so that the reader loop never
    // blocks; the stream values in it are counted against BUFFER instead.
    private final MemoryChannel<Object> inbox = MemoryChannel.unbounded();
    private final AtomicInteger bufferedValues = new AtomicInteger();
    // Of those, how many arrived before this side opened its stream: they do not count against BUFFER.
    private final AtomicInteger keptBeforeOpen = new AtomicInteger();
    private final AtomicBoolean started = new AtomicBoolean();
    // The tasks of this side take from the inbox one at a time, so that an end one of them takes is kept
    // (below) before the next one looks.
    private final ReaderTurn reading = new ReaderTurn();
    // Whether stream values beyond BUFFER overrun: only once this side has opened its stream without
    // Overruns.ALLOW. Before that, what arrives is kept: the other side may send as soon as it has started,
    // before this side had a chance to open its stream (and choose its overrun policy).
    private volatile boolean limitedBuffer;
    private volatile MsgStreamImpl<?, ?> stream;
    private volatile boolean cancelCalled;
    // The peer's last word once it arrived (a Return, an Error, or the connection's end), seen by the
    // reader loop: senders check it without reading the inbox.
    private volatile Object remoteEnd;
    // What a reader of this side has taken from the inbox as the end (the same, in the inbox's order).
    private volatile Object outcome;
    private volatile boolean remoteStreamClosed;
    // A stream value of the peer's that did not fit its type: the context has failed here (each later
    // reader binds it again and so gets a fresh PayloadMismatch).
    private volatile Msg.Yield mistyped;
    private volatile boolean typedFailureSent;
    // The other side's report that this side overran its buffer, for this side's next send.
    private volatile Msg.Error overrunReport;
    // This side's report that the other side overran its buffer (set by the reader loop), and whether
    // this side's reader has reached the gap.
    private volatile Msg.Error overrunNotice;
    private volatile boolean overrunReached;
    // The callee's task scope and who asked to cancel it.
    private volatile CancelScope scope;
    private volatile Uid cancelledBy;
    // The opener's: what the remote function's result binds to, and the result once bound (guarded by
    // `this`).
    private volatile Type resultType = Object.class;
    private Object result;
    private boolean resultBound;
    // The opener's block while it runs: a failure of the remote task cancels it.
    private volatile CancelScope openerBlock;
    // As a reader: values consumed since the last Credit sent (guarded by the `reading` turn).
    private int consumedSinceCredit;
    // As a sender: values sent, and credit received from the reader (what it consumed, in steps of CREDIT).
    private final AtomicLong sentValues = new AtomicLong();
    private final AtomicLong credited = new AtomicLong();
    // Whether the peer has closed its stream (it reads no more), seen by the reader loop.
    private volatile boolean peerStopped;
    // Signalled by the reader loop when a Credit arrives or the peer stops reading: for awaitRoom.
    private final Signal roomChanged = new Signal();

    public ContextImpl(ContextHost runtime, Peer peer, String cid, Side side, String function, boolean oneWay) {
        this.runtime = runtime;
        this.peer = peer;
        this.cid = cid;
        this.side = side;
        this.function = function;
        this.oneWay = oneWay;
    }

    @Override
    public String cid() {
        return cid;
    }

    @Override
    public Uid remoteActor() {
        return new Uid(peer.aid().name(), peer.aid().uuid());
    }

    @Override
    public boolean isOpener() {
        return side == Side.OPENER;
    }

    @Override
    public void started(S value) {
        if (side == Side.OPENER) {
            throw new IllegalStateException("started is called by the remote task of a context, not by its "
                    + "opener (the opener receives the value as its body's second argument)");
        }
        Sc.checkpoint();
        Payload pld = Payload.of(value, Frames.maxFrameBytes());
        if (!started.compareAndSet(false, true)) {
            throw new IllegalStateException("started was already called for " + this + "; it is called once");
        }
        try {
            send(new Msg.Started(cid, pld));
        } catch (FrameTooLarge e) {
            started.set(false); // nothing was sent: a smaller value may still be
            throw e;
        }
    }

    @Override
    public <I, O> MsgStreamImpl<I, O> openStream(Class<I> receives, Class<O> sends) {
        return openStream(receives, sends, Overruns.FAIL_SENDER);
    }

    @Override
    public <I, O> MsgStreamImpl<I, O> openStream(Class<I> receives, Class<O> sends, Overruns overruns) {
        return openStream((Type) receives, overruns);
    }

    public <I, O> MsgStreamImpl<I, O> openStream(Type receives, Overruns overruns) {
        if (side == Side.CALLEE && !started.get()) {
            throw new IllegalStateException("call started(...) before opening the stream of " + this);
        }
        if (cancelCalled || isCancelledEnd(remoteEnd)) {
            throw new IllegalStateException(this + " was cancelled; its stream cannot be opened");
        }
        MsgStreamImpl<I, O> opened = new MsgStreamImpl<>(this, receives);
        synchronized (this) {
            if (stream != null) { // checked first: a second opener (another task) changes nothing
                throw new IllegalStateException(this + " has its stream open already: one stream per context");
            }
            keptBeforeOpen.set(bufferedValues.get()); // they come first, and are read first
            limitedBuffer = overruns == Overruns.FAIL_SENDER;
            stream = opened;
        }
        if (overruns == Overruns.ALLOW) {
            // This side keeps whatever comes: the sender may have ALLOW_WINDOW in flight, not just BUFFER.
            runtime.sendControlQuietly(peer, new Msg.Credit(cid, ALLOW_WINDOW - BUFFER));
        }
        return opened;
    }

    @Override
    public void cancel() {
        cancelCalled = true;
        if (side == Side.OPENER) {
            if (remoteEnd == null) {
                runtime.requestCancelTask(peer, cid);
            }
        } else {
            cancelledBy = runtime.uid();
            CancelScope s = scope;
            if (s != null) {
                s.cancel(this + " cancelled itself");
            }
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public <R> R result() {
        if (side == Side.CALLEE) {
            throw new IllegalStateException("result() is the opener's: the remote side returns its result");
        }
        awaitResult();
        synchronized (this) {
            return (R) result;
        }
    }

    @Override
    public boolean cancelCalled() {
        return cancelCalled;
    }

    @Override
    public String toString() {
        return "context " + function + " [" + cid + "] with " + peer;
    }

    // ---- for the runtime: delivery, from the connection's reader loop -------------------------------

    /** Takes one message of the peer's for this context. Called by the reader loop; never blocks. */
    public void deliver(Object msg) {
        if (msg instanceof Msg.Credit c) {
            credited.addAndGet(c.n());
            roomChanged.signalAll();
            return;
        }
        if (msg instanceof Msg.Yield) {
            if (closing()) {
                return; // this side stopped reading: what is still on its way is dropped, without a word
            }
            if (overrunNotice != null) {
                return; // the stream has a gap already: this context has failed
            }
            if (limitedBuffer && bufferedValues.get() - keptBeforeOpen.get() >= BUFFER) {
                overrun();
                return;
            }
            bufferedValues.incrementAndGet();
        } else if (msg instanceof Msg.Error e && isOverrunReport(e)) {
            // Addressed to this side as a sender, not the end of the context: the remote task goes on
            // (until this side's failure cancels it). The next send raises it.
            overrunReport = e;
            roomChanged.signalAll(); // a sender waiting for room raises it at its next send
            return;
        } else if (msg instanceof Msg.Return || msg instanceof Msg.Error || msg instanceof IpcException) {
            if (remoteEnd == null) {
                remoteEnd = msg;
                if (failsOpener(msg)) {
                    cancelOpenerBlock();
                }
                roomChanged.signalAll(); // a sender waiting for room raises the end at its next send
            }
        } else if (msg instanceof Msg.Stop) {
            peerStopped = true;
            roomChanged.signalAll(); // nobody reads over there any more
        }
        inbox.sender().trySend(msg);
    }

    /**
     * The opener's block runs in {@code block} (until it returns): a failure of the remote task cancels it
     * at once, so that the failure comes out of {@code openContext} without waiting for the block.
     */
    public void runsBlockIn(CancelScope block) {
        openerBlock = block;
        Object end = remoteEnd; // it may have come already (deliver reads openerBlock after remoteEnd)
        if (end != null && failsOpener(end)) {
            cancelOpenerBlock();
        }
    }

    private void cancelOpenerBlock() {
        CancelScope block = openerBlock;
        if (block != null) {
            block.cancel(this + " failed in its remote task");
        }
    }

    /**
     * Whether the peer's last word is a failure that ends the opener's block: an error (other than a
     * cancellation this actor asked for) or the loss of the connection. Not when this side failed the
     * context first (an overrun of its buffer, a value that did not fit): the remote task's error is then
     * the echo of this side's, which the block meets where it is in its stream.
     */
    private boolean failsOpener(Object end) {
        if (side != Side.OPENER || overrunNotice != null || typedFailureSent) {
            return false;
        }
        if (end instanceof IpcException) {
            return true;
        }
        return end instanceof Msg.Error e && !isOwnCancel(ErrorBoxing.unbox(e));
    }

    /** Whether this side has stopped reading: its stream is closed, or it asked to cancel the context. */
    private boolean closing() {
        MsgStreamImpl<?, ?> s = stream;
        return cancelCalled || s != null && s.isClosed();
    }

    /**
     * The buffer is full: drop the value and tell the sender. Once: {@link #deliver} (the reader loop,
     * one thread) drops every later value itself.
     */
    private void overrun() {
        Msg.Error notice = ErrorBoxing.boxOverrun(runtime.uid(), "the receive buffer of " + this
                + " on actor " + runtime.uid() + " overran (" + BUFFER + " values unread); the value was "
                + "dropped. Read faster, or open the stream with Overruns.ALLOW", cid);
        overrunNotice = notice;
        Events.overrun(peer.aid().name(), peer.aid().uuid(), function, cid, BUFFER);
        runtime.sendControlQuietly(peer, notice); // the reader loop must never wait for room
        // This side fails too, where the gap is: its reader gets the values before it, then the error
        // (the sender may have finished already and never see the report).
        inbox.sender().trySend(OVERRUN_MARK);
    }

    /** Where the stream lost values, in the inbox. */
    private static final Object OVERRUN_MARK = new Object();

    // ---- for the stream ------------------------------------------------------------------------------

    /**
     * The next stream value bound to {@code type}. A checkpoint.
     *
     * @throws EndOfChannel when the other side closed its stream or its task ended, or this side cancelled
     */
    Object receiveValue(Type type, String what) {
        reading.take(); // while another task of this side reads, waits for it (a checkpoint)
        try {
            for (;;) {
                if (overrunReached) {
                    throw ErrorBoxing.unbox(overrunNotice);
                }
                Msg.Yield bad = mistyped;
                if (bad != null) {
                    throw mismatchOf(bad, type, what);
                }
                if (outcome != null || remoteStreamClosed) {
                    raiseEnd();
                    throw new EndOfChannel("the other side of " + this + " closed its stream");
                }
                Object msg = inbox.receiver().receive();
                if (msg instanceof Msg.Yield y) {
                    if (keptBeforeOpen.get() > 0) {
                        keptBeforeOpen.decrementAndGet();
                    }
                    bufferedValues.decrementAndGet();
                    consumed();
                    try {
                        return y.pld().as(type, what);
                    } catch (PayloadMismatch e) {
                        mistyped = y;
                        throw failTyped(e);
                    }
                } else if (msg == OVERRUN_MARK) {
                    overrunReached = true;
                } else if (msg instanceof Msg.Stop) {
                    remoteStreamClosed = true;
                } else if (isEnd(msg)) {
                    outcome = msg;
                }
                // a StartAck or Started (read already) is passed over
            }
        } finally {
            reading.give();
        }
    }

    /**
     * Counts one stream value consumed by this side's reader and, every {@link #CREDIT} of them, tells the
     * sender (in the reading task, under its turn). A control frame: it never waits for the connection, and
     * a connection that has ended is reported to the reader by other means.
     */
    private void consumed() {
        int step = limitedBuffer ? CREDIT : ALLOW_CREDIT;
        if (++consumedSinceCredit >= step) {
            consumedSinceCredit = 0;
            runtime.sendControlQuietly(peer, new Msg.Credit(cid, step));
        }
    }

    /** How many consumed values one {@link Msg.Credit} stands for: half the buffer. */
    static final int CREDIT = BUFFER / 2;

    /**
     * How many values a reader that opened its stream with {@link Overruns#ALLOW} lets its sender have
     * unconsumed (it grants the difference to {@link #BUFFER} when it opens the stream): 65,536. A sender
     * that waits for room sends at most a window per round trip of a credit, and that round trip grows with
     * what is queued on the way (outbox, socket, inbox), so BUFFER held a fast stream to 0.15-0.2x of a plain
     * send loop, 4096 to about 0.45x, 16,384 to 0.6x (bench/RESULTS.md, "A Flow.Publisher into a stream").
     * Large values are held back earlier by the sender's outbox (4 MiB queued). A reader with FAIL_SENDER
     * keeps BUFFER: that is its limit.
     */
    static final int ALLOW_WINDOW = 1024 * BUFFER;

    /**
     * How many consumed values one {@link Msg.Credit} stands for when this side reads with ALLOW: a quarter
     * of its window (32 each would be 2,048 frames per window for nothing; the bench did not tell them apart).
     */
    static final int ALLOW_CREDIT = ALLOW_WINDOW / 4;

    /**
     * Waits until the peer has fewer values of this stream unread than it keeps ({@link #BUFFER}, or
     * {@link #ALLOW_WINDOW} when it reads with ALLOW), as far as its credits tell; see
     * {@link dev.tractor.MsgStream#awaitRoom()}. A checkpoint.
     *
     * @return how many values can be sent before the peer must consume more; 0 when the peer has closed its
     *     stream (it reads no more; also when its task then returned), and at least 1 when its task has
     *     failed or ended otherwise, the connection is gone or it reported an overrun (the next send raises
     *     that)
     */
    int awaitRoom() {
        roomChanged.await(() -> room() > 0 || peerStopped || remoteEnd != null || overrunReport != null);
        if (peerStopped) {
            return 0; // first: a task that returned closed its stream before (its Stop comes before its Return)
        }
        if (remoteEnd != null || overrunReport != null) {
            return Math.max(1, room());
        }
        return room();
    }

    /**
     * What this side may send without overrunning the peer: its window (BUFFER, and what it granted on top
     * of that) less what it may not have consumed yet.
     */
    private int room() {
        long room = BUFFER + credited.get() - sentValues.get();
        return (int) Math.max(0, Math.min(Integer.MAX_VALUE, room));
    }

    /** A fresh PayloadMismatch for a value that did not fit (it was bound and failed before). */
    private static PayloadMismatch mismatchOf(Msg.Yield bad, Type type, String what) {
        try {
            bad.pld().as(type, what);
        } catch (PayloadMismatch e) {
            return e;
        }
        throw new IllegalStateException("a value that did not fit " + type + " fits it now");
    }

    /** Sends one stream value. A checkpoint (on entry). */
    void sendValue(Object value) {
        Sc.checkpoint();
        Msg.Error overran = overrunReport;
        if (overran != null) {
            throw ErrorBoxing.unbox(overran);
        }
        Object end = remoteEnd;
        if (end != null) {
            raiseEndForSender(end);
        }
        send(new Msg.Yield(cid, Payload.of(value, Frames.maxFrameBytes())));
        sentValues.incrementAndGet();
    }

    /** Sends the end of this side's stream. */
    void sendStop() {
        runtime.sendQuietly(peer, new Msg.Stop(cid));
    }

    boolean oneWay() {
        return oneWay;
    }

    public Peer peer() {
        return peer;
    }

    /** The remote side's stream of a one-way streaming function: no started value first. */
    public <O> MsgStreamImpl<Void, O> openOneWayStream() {
        MsgStreamImpl<Void, O> opened = new MsgStreamImpl<>(this, Void.class);
        stream = opened;
        return opened;
    }

    // ---- for the opener -----------------------------------------------------------------------------

    /** Waits for the started value and binds it to {@code type}. A checkpoint. */
    public Object awaitStarted(Type type) {
        reading.take(); // while another task of this side reads, waits for it (a checkpoint)
        try {
            for (;;) {
                if (outcome != null) {
                    raiseEnd();
                    throw new TractorException(function + " returned without calling started(...), so " + this
                            + " has no first value");
                }
                Object msg = inbox.receiver().receive();
                if (msg instanceof Msg.Started s) {
                    try {
                        return s.pld().as(type, "started");
                    } catch (PayloadMismatch e) {
                        throw failTyped(e);
                    }
                } else if (isEnd(msg)) {
                    outcome = msg;
                }
            }
        } finally {
            reading.give();
        }
    }

    public void expectResult(Type type) {
        resultType = type;
    }

    /** Whether the peer's last word for this context has arrived (it may not have been read yet). */
    public boolean ended() {
        return remoteEnd != null;
    }

    /**
     * Closes this side's stream if it is open, then waits for the remote task's end, passing over stream
     * values nobody read, and keeps its result. A checkpoint.
     *
     * @throws ContextCancelled if someone other than this actor cancelled the remote task
     * @throws RemoteActorError if the remote task failed
     */
    public void awaitResult() {
        MsgStreamImpl<?, ?> s = stream;
        if (s != null) {
            s.close();
        }
        takeEnd();
        if (outcome instanceof Msg.Return r) {
            synchronized (this) {
                if (resultBound) {
                    return;
                }
            }
            Object value;
            try {
                value = r.pld().as(resultType, "result");
            } catch (PayloadMismatch e) {
                throw failTyped(e);
            }
            synchronized (this) {
                if (!resultBound) { // every task that waits for the result gets the same one
                    result = value;
                    resultBound = true;
                }
            }
            return;
        }
        raiseEnd(); // returns only for a cancellation this actor asked for
    }

    /**
     * After the opener's body failed or was cancelled: cancels the remote task and waits at most
     * {@code wait}, shielded, for its end.
     *
     * @return the remote task's own failure if it ended with one (not the cancellation), else null
     */
    public RemoteActorError cancelAndAwaitEnd(java.time.Duration wait) {
        return new CancelScope().shield(true).call(() -> {
            if (typedFailureSent) {
                // The remote task was told why this context failed; let its own stream raise it (so that
                // both sides fail with the mismatch) before cancelling a task that does not read.
                dev.tractor.sc.Timeouts.moveOnAfter(TYPED_FAILURE_GRACE, this::takeEnd);
            }
            if (outcome == null) {
                cancel();
                dev.tractor.sc.Timeouts.moveOnAfter(wait, this::takeEnd);
            }
            if (outcome instanceof Msg.Error e) {
                RemoteActorError r = ErrorBoxing.unbox(e);
                return r instanceof ContextCancelled || r.isRemote(Cancelled.class) ? null : r;
            }
            return null;
        }).orElse(null);
    }

    /** How long a context that failed on a mistyped value waits for the remote task to fail with it. */
    static final java.time.Duration TYPED_FAILURE_GRACE = java.time.Duration.ofMillis(500);

    /** Reads the inbox up to the peer's last word, passing over stream values. A checkpoint. */
    private void takeEnd() {
        if (outcome != null) {
            return;
        }
        reading.take(); // while another task of this side reads, waits for it (a checkpoint)
        try {
            while (outcome == null) {
                Object msg = inbox.receiver().receive();
                if (msg instanceof Msg.Yield) {
                    bufferedValues.decrementAndGet();
                } else if (isEnd(msg)) {
                    outcome = msg;
                }
            }
        } finally {
            reading.give();
        }
    }

    /** The opener's block failed with {@code failure} (or was cancelled): that is the context's outcome here. */
    public void failedHere(Throwable failure) {
        failedHere = failure;
    }

    /**
     * This side is done with the context: records its Flight Recorder event (if a recording wants it) with
     * {@code outcome}, or, if that is null, with how it ended for the opener: its own failure, else the
     * peer's last word.
     */
    public void recordEnd(String outcome) {
        if (Events.contextWanted(event)) {
            Events.contextEnded(event, peer.aid().name(), peer.aid().uuid(), function, cid, side == Side.OPENER,
                    outcome != null ? outcome : outcomeOfRemoteEnd());
        }
    }

    private String outcomeOfRemoteEnd() {
        Object end = remoteEnd;
        if (failedHere != null) {
            return Outcome.of(failedHere);
        } else if (end instanceof Msg.Return) {
            return Outcome.RETURNED;
        } else if (end instanceof Msg.Error e) {
            return cancelCalled ? Outcome.CANCELLED : Outcome.of(ErrorBoxing.unbox(e));
        } else if (end instanceof IpcException) {
            return "connection lost";
        }
        return Outcome.CANCELLED; // this side gave up before the peer's last word came
    }

    // ---- for the callee -----------------------------------------------------------------------------

    public void runsIn(CancelScope taskScope) {
        scope = taskScope;
    }

    /** Records who asked to cancel this context's task (a {@code cancel_task} request). */
    public void cancelRequestedBy(Uid requester) {
        if (cancelledBy == null) {
            cancelledBy = requester;
        }
    }

    public Uid cancelledBy() {
        return cancelledBy;
    }

    boolean hasStarted() {
        return started.get();
    }

    /** Closes this side's stream if it is open (the callee's function has ended). */
    public void closeStream() {
        MsgStreamImpl<?, ?> s = stream;
        if (s != null) {
            s.close();
        }
    }

    // ---- shared ------------------------------------------------------------------------------------

    /**
     * Sends one message of this context.
     *
     * @throws FrameTooLarge if it is too large: only that message fails (nothing was sent)
     * @throws TractorException if the connection has ended
     */
    private void send(Msg msg) {
        try {
            peer.send(msg);
        } catch (FrameTooLarge e) {
            throw e;
        } catch (IpcException e) {
            throw new TractorException("the connection of " + this + " has ended: " + e.getMessage(), e);
        }
    }

    /** Whether an error is the other side's report that this side overran its buffer (not its end). */
    private static boolean isOverrunReport(Msg.Error e) {
        // A relayed one (boxed type RemoteActorError) is a task's failure passed on, which does end it.
        return e.boxedType().equals(StreamOverrun.TYPE) || e.boxedType().equals("StreamOverrun");
    }

    private static boolean isEnd(Object msg) {
        return msg instanceof Msg.Return || msg instanceof Msg.Error || msg instanceof IpcException;
    }

    private boolean isCancelledEnd(Object end) {
        return end instanceof Msg.Error e && (e.srcType().equals(ContextCancelled.TYPE) || cancelCalled);
    }

    /**
     * Raises what the taken outcome means for this side: nothing for a Return or a cancellation this
     * actor asked for, the remote error otherwise, a {@link TractorException} for a lost connection.
     */
    private void raiseEnd() {
        Object end = outcome;
        if (end instanceof Msg.Error e) {
            RemoteActorError error = ErrorBoxing.unbox(e);
            if (!isOwnCancel(error)) {
                throw error;
            }
        } else if (end instanceof IpcException lost) {
            throw connectionEnded(lost);
        }
    }

    /**
     * The death of the child actor at the other end, if its process ended without being asked: what the
     * opener raises instead of the connection's end, or of the cancellation that death caused.
     */
    public Optional<ActorDied> deathBehind() {
        return runtime.deathBehind(peer);
    }

    /** What a task of this context raises when its connection ended: its child's death, if that was why. */
    private RuntimeException connectionEnded(IpcException lost) {
        Optional<ActorDied> death = runtime.deathBehind(peer);
        if (death.isPresent()) {
            return death.get();
        }
        return new TractorException("the connection of " + this + " ended: " + lost.getMessage(), lost);
    }

    private void raiseEndForSender(Object end) {
        if (end instanceof Msg.Return) {
            throw new dev.tractor.sc.BrokenResource("the other side of " + this + " has ended; nobody reads "
                    + "this stream any more");
        }
        if (end instanceof Msg.Error e) {
            RemoteActorError error = ErrorBoxing.unbox(e);
            if (isOwnCancel(error)) {
                throw new ClosedResource(this + " was cancelled at this side's request");
            }
            throw error;
        }
        throw connectionEnded((IpcException) end);
    }

    /** Whether the error is the end of a cancellation that this actor asked for. */
    private boolean isOwnCancel(RemoteActorError error) {
        return error instanceof ContextCancelled
                && (cancelCalled || error.canceller().map(runtime.uid()::equals).orElse(false));
    }

    /**
     * A value of the peer's did not fit its declared type: this context fails on both sides. Tells the peer
     * (its task's next stream operation raises it) and returns the error to raise here.
     */
    private PayloadMismatch failTyped(PayloadMismatch e) {
        if (!typedFailureSent) { // set before the send: the remote task's answer must not cancel the block
            typedFailureSent = true;
            runtime.sendQuietly(peer, ErrorBoxing.box(e, runtime.uid(), java.util.Optional.of(cid)));
        }
        return e;
    }
}
