package dev.tractor.internal.serve;

import dev.tractor.internal.context.ContextImpl;
import dev.tractor.internal.context.EmitterImpl;
import dev.tractor.ContextCancelled;
import dev.tractor.NoSuchFunction;
import dev.tractor.TractorException;
import dev.tractor.internal.discovery.Discovery;
import dev.tractor.internal.errors.ErrorBoxing;
import dev.tractor.internal.events.CancelKind;
import dev.tractor.internal.events.Events;
import dev.tractor.internal.events.Outcome;
import dev.tractor.internal.events.ServedCallEvent;
import dev.tractor.internal.ipc.Frames;
import dev.tractor.internal.ipc.Peer;
import dev.tractor.internal.msg.FuncType;
import dev.tractor.internal.msg.Msg;
import dev.tractor.internal.msg.Payload;
import dev.tractor.ipc.FrameTooLarge;
import dev.tractor.ipc.IpcException;
import dev.tractor.msg.PayloadMismatch;
import dev.tractor.msg.Uid;
import dev.tractor.sc.Action;
import dev.tractor.sc.CancelScope;
import dev.tractor.sc.Cancelled;
import dev.tractor.sc.Computation;
import dev.tractor.sc.Sc;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The serving side of an actor: the calls and contexts that peers start here ({@code Start} messages),
 * each in a task of the actor's service nursery and a cancel scope its caller can cancel
 * ({@code self.cancel_task}); the runtime's own functions ({@code ns: "self"}: {@code cancel},
 * {@code cancel_task}, and the registrar's, see {@link Discovery}); and who cancelled what, for the
 * {@code ContextCancelled} of a context served here (ADR 0016).
 *
 * <p>Implementation overview. Everything a connection's reader thread does here is quick and never
 * waits. It registers each call as a {@link ServedCall} (its cancel scope) as soon as the {@code Start}
 * is read, before the call's task exists, and serves {@code cancel_task} on the spot: the messages of one
 * connection are read in order, so a {@code cancel_task} always finds the call it names, however late its
 * task starts (a scope cancelled before its task enters it makes the task start cancelled, and the
 * function then never runs). The end of a connection cancels every call and context it started (Python
 * tractor's {@code _cancel_rpc_tasks} on a channel's end); it is read on the same thread, after all of
 * that connection's {@code Start}s, so no call of a connection that has ended can start running
 * uncancelled. The task does the rest: finding the function and binding its arguments, running it in
 * that scope, and answering.
 */
public final class CallServer {
    private static final System.Logger LOG = System.getLogger("dev.tractor");

    private final ServeHost runtime;
    /** Every call and context served here that has not ended, by connection and cid. */
    private final Map<CallKey, ServedCall> running = new ConcurrentHashMap<>();
    /** The contexts served here (for routing their messages), once their task has made them. */
    private final Map<CallKey, ContextImpl<?>> served = new ConcurrentHashMap<>();
    /** Who asked this actor to cancel itself ({@code self.cancel}), if anyone did. */
    private volatile Uid cancelRequester;

    public CallServer(ServeHost runtime) {
        this.runtime = runtime;
    }

    /** How many calls and contexts served here have not ended yet. */
    public int servedCount() {
        return running.size();
    }

    /** The context served here that {@code cid} on {@code peer}'s connection names, or null. */
    public ContextImpl<?> servedContext(Peer peer, String cid) {
        return served.isEmpty() ? null : served.get(new CallKey(peer.channel(), cid));
    }

    /**
     * A connection ended: every call and context it started is cancelled, and the contexts learn why (a
     * receive fails with it). Called by the reader loop, after the last message of that connection.
     */
    public void connectionEnded(Peer peer, IpcException why) {
        running.forEach((key, call) -> {
            if (key.channel() == peer.channel()) {
                ContextImpl<?> ctx = call.context();
                if (ctx != null) {
                    ctx.deliver(why);
                }
                call.scope().cancel("the connection " + peer + " that started it ended");
            }
        });
    }

    /**
     * Serves a call that a peer made here: registers it and starts its task in the service nursery
     * ({@code cancel_task} is served at once). Called by the reader loop; never blocks.
     */
    public void serve(Peer peer, Msg.Start start) {
        boolean runtimeCall = start.ns().equals("self");
        if (runtimeCall && start.func().equals("cancel_task")) {
            boolean found = cancelTask(peer, start);
            startOrRefuse(peer, start, () -> {
                runtime.sendQuietly(peer, new Msg.StartAck(start.cid(), FuncType.FUNCTION));
                runtime.sendQuietly(peer, new Msg.Return(start.cid(), Payload.of(found)));
            });
            return;
        }
        if (runtimeCall && start.func().equals("cancel")) {
            startOrRefuse(peer, start, () -> cancelActor(peer, start));
            return;
        }
        CallKey key = new CallKey(peer.channel(), start.cid());
        ServedCall call = new ServedCall();
        running.put(key, call);
        if (!startOrRefuse(peer, start, () -> runCall(peer, start, key, call))) {
            running.remove(key, call);
        }
    }

    /**
     * Starts {@code task} in the service nursery; if the actor is ending, answers {@code start} at once
     * instead. Whether the task was started.
     */
    private boolean startOrRefuse(Peer peer, Msg.Start start, Action<RuntimeException> task) {
        try {
            runtime.service().startSoon(start.ns() + "." + start.func(), task);
            return true;
        } catch (IllegalStateException closing) {
            if (start.ns().equals("self") && start.func().equals("cancel")) {
                // Already ending: that is what the request asks for, so acknowledge it.
                runtime.sendControlQuietly(peer, new Msg.StartAck(start.cid(), FuncType.FUNCTION));
                runtime.sendControlQuietly(peer, new Msg.Return(start.cid(), Payload.of(true)));
                return false;
            }
            // On the reader thread: the refusal must never wait for the peer to read.
            runtime.sendControlQuietly(peer, ErrorBoxing.box(new TractorException("actor " + runtime.uid() + " is shutting down"),
                    runtime.uid(), Optional.of(start.cid())));
            return false;
        }
    }

    private void runCall(Peer peer, Msg.Start start, CallKey key, ServedCall call) {
        String cid = start.cid();
        ServedCallEvent event = Events.servedCallStarted();
        String outcome = Outcome.CANCELLED; // for the events, unless it returns or fails
        CancelScope scope = call.scope();
        ContextImpl<?> ctx = null;
        FuncType kind = FuncType.FUNCTION;
        Computation<Object, Exception> work;
        if (start.ns().equals("self")) { // a registrar function (see Discovery), or a refusal
            work = () -> {
                if (start.func().equals(ServeHost.DEBUG_WATCH)) {
                    return runtime.debugWatch(start.kwargs()); // an actor below is to be watched by the debugger
                }
                Object result = runtime.discovery().serve(peer, start.func(), start.kwargs());
                if (result == null) {
                    throw new NoSuchFunction("the runtime has no function '" + start.func() + "'");
                }
                return result;
            };
        } else {
            Invoker.Prepared prepared;
            try {
                prepared = runtime.invoker().prepare(start.ns(), start.func(), start.kwargs());
            } catch (RuntimeException refused) { // not enabled, no such function, bad arguments
                running.remove(key, call);
                runtime.sendQuietly(peer, new Msg.StartAck(cid, FuncType.FUNCTION));
                runtime.sendQuietly(peer, ErrorBoxing.box(refused, runtime.uid(), Optional.of(cid)));
                Events.servedCallEnded(event, peer.aid().name(), peer.aid().uuid(), start.ns(), start.func(), cid, Outcome.of(refused));
                return;
            }
            kind = prepared.kind();
            Object injected = null;
            if (kind != FuncType.FUNCTION) {
                boolean oneWay = kind == FuncType.STREAM;
                ctx = new ContextImpl<>(runtime, peer, cid, ContextImpl.Side.CALLEE, start.ns() + "." + start.func(), oneWay);
                call.serves(ctx);
                served.put(key, ctx);
                injected = oneWay ? new EmitterImpl<>(ctx.openOneWayStream()) : ctx;
            }
            Object argument = injected;
            work = () -> runtime.invoker().run(prepared, argument);
        }
        runtime.sendQuietly(peer, new Msg.StartAck(cid, kind));
        Msg answer;
        try {
            Optional<Object> result = scope.call(() -> {
                Sc.checkpoint(); // cancelled before it started (its caller gave up, or the connection ended)
                return work.compute();
            });
            if (!scope.cancelledCaught()) {
                if (ctx != null) {
                    ctx.closeStream(); // its Stop goes before the Return
                }
                answer = new Msg.Return(cid, resultPayload(start, result.orElse(null)));
                outcome = Outcome.RETURNED;
            } else if (ctx == null) {
                answer = ErrorBoxing.box(new TractorException("the call was cancelled by its caller " + peer),
                        runtime.uid(), Optional.of(cid));
            } else {
                answer = ErrorBoxing.boxCancelled(new TractorException(ctx + " was cancelled"), runtime.uid(),
                        cancellerOf(call, ctx), ctx.toString(), cid);
            }
        } catch (Cancelled c) { // this whole actor is being cancelled
            runtime.sendQuietly(peer, ctx == null ? ErrorBoxing.box(c, runtime.uid(), Optional.of(cid))
                    : ErrorBoxing.boxCancelled(c, runtime.uid(), cancellerOf(call, ctx), ctx.toString(), cid));
            throw c;
        } catch (Throwable t) {
            answer = ErrorBoxing.box(t, runtime.uid(), Optional.of(cid));
            outcome = Outcome.of(t);
        } finally {
            running.remove(key, call);
            if (ctx != null) {
                served.remove(key, ctx);
                ctx.recordEnd(outcome);
            }
            Events.servedCallEnded(event, peer.aid().name(), peer.aid().uuid(), start.ns(), start.func(), cid, outcome);
        }
        answer(peer, start, answer);
    }

    /**
     * The result of a call as a payload.
     *
     * @throws FrameTooLarge if it is larger than a message may be (measured, not copied): the call fails
     *     with it, and its caller gets it as a remote error
     */
    private static Payload resultPayload(Msg.Start start, Object result) {
        try {
            return Payload.of(result, Frames.maxFrameBytes());
        } catch (FrameTooLarge e) {
            throw new FrameTooLarge("the result of " + start.ns() + "." + start.func() + " cannot be sent: "
                    + e.getMessage(), e.bytes(), e.limit());
        }
    }

    /**
     * Sends the answer of a call. An answer too large to send (a result just under the limit, whose
     * {@code Return} is over it, or an error with an enormous message) is replaced by the error that says
     * so: the caller always hears how its call ended, and the connection goes on.
     */
    private void answer(Peer peer, Msg.Start start, Msg answer) {
        try {
            peer.send(answer);
        } catch (FrameTooLarge tooLarge) {
            String what = answer instanceof Msg.Error e ? "the error (" + e.srcType() + ") of " : "the result of ";
            FrameTooLarge instead = new FrameTooLarge(what + start.ns() + "." + start.func() + " cannot be sent: "
                    + tooLarge.getMessage(), tooLarge.bytes(), tooLarge.limit());
            runtime.sendQuietly(peer, ErrorBoxing.box(instead, runtime.uid(), Optional.of(start.cid())));
        } catch (IpcException gone) {
            LOG.log(System.Logger.Level.DEBUG, "{0}: could not answer {1}: {2}", runtime.uid(), peer, gone.getMessage());
        }
    }

    /**
     * Who cancelled a context served here: whoever asked for it (or the context itself), or for this
     * actor's end, else this actor.
     */
    private Uid cancellerOf(ServedCall call, ContextImpl<?> ctx) {
        Uid requester = ctx.cancelledBy();
        if (requester == null) {
            requester = call.cancelRequester();
        }
        if (requester == null) {
            requester = cancelRequester;
        }
        return requester != null ? requester : runtime.uid();
    }

    /**
     * {@code cancel_task}: cancels the call that a caller gave up on, by its {@code cid} on the same
     * connection. Runs on the reader thread, so every {@code Start} before it has been registered; whether
     * the call was found (it is not once it has ended).
     */
    private boolean cancelTask(Peer peer, Msg.Start start) {
        Payload target = start.kwargs().get("cid");
        String cid;
        try {
            cid = target == null ? null : target.as(String.class);
        } catch (PayloadMismatch notAnId) {
            cid = null;
        }
        ServedCall call = cid == null ? null : running.get(new CallKey(peer.channel(), cid));
        if (call == null) {
            return false;
        }
        call.cancelRequestedBy(start.uid(), "its caller " + peer + " gave up on it");
        Events.cancel(CancelKind.CALL_CANCEL_RECEIVED, peer.aid().name(), peer.aid().uuid(), cid,
                start.uid().name(), null);
        return true;
    }

    /** {@code self.cancel}: answers, then cancels this whole actor. */
    private void cancelActor(Peer peer, Msg.Start start) {
        if (cancelRequester == null) {
            cancelRequester = start.uid();
        }
        Events.cancel(CancelKind.ACTOR_CANCEL_RECEIVED, peer.aid().name(), peer.aid().uuid(), null,
                start.uid().name(), null);
        runtime.sendQuietly(peer, new Msg.StartAck(start.cid(), FuncType.FUNCTION));
        runtime.sendQuietly(peer, new Msg.Return(start.cid(), Payload.of(true)));
        runtime.cancel("cancel requested by " + peer);
    }
}
