package dev.tractor;

import dev.tractor.ipc.IpcException;
import dev.tractor.ipc.Peer;
import dev.tractor.msg.FuncType;
import dev.tractor.msg.Msg;
import dev.tractor.msg.Payload;
import dev.tractor.msg.Uid;
import dev.tractor.sc.CancelScope;
import dev.tractor.sc.Cancelled;
import dev.tractor.sc.Computation;
import dev.tractor.sc.Nursery;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The serving side of an actor: the calls and contexts that peers start here ({@code Start} messages),
 * each in a task of the actor's service nursery and a cancel scope its caller can cancel
 * ({@code self.cancel_task}); the runtime's own functions ({@code ns: "self"}: {@code cancel},
 * {@code cancel_task}, and the registrar's, see {@link Discovery}); and who cancelled what, for the
 * {@code ContextCancelled} of a context served here (ADR 0016).
 */
final class CallServer {
    private final ActorRuntime runtime;
    private final Map<CallKey, CancelScope> running = new ConcurrentHashMap<>();
    /** Contexts served here, by connection and cid. */
    private final Map<CallKey, Context<?>> served = new ConcurrentHashMap<>();
    /** Who asked this actor to cancel itself ({@code self.cancel}), if anyone did. */
    private volatile Uid cancelRequester;

    CallServer(ActorRuntime runtime) {
        this.runtime = runtime;
    }

    /** The context served here that {@code cid} on {@code peer}'s connection names, or null. */
    Context<?> servedContext(Peer peer, String cid) {
        return served.isEmpty() ? null : served.get(new CallKey(peer.channel(), cid));
    }

    /** A connection ended: the contexts served over it learn why. Called by the reader loop. */
    void connectionEnded(Peer peer, IpcException why) {
        served.forEach((key, ctx) -> {
            if (key.channel() == peer.channel()) {
                ctx.deliver(why);
            }
        });
    }

    /** Runs a call that a peer made here, in a task of the service nursery. Called by the reader loop. */
    void serve(Peer peer, Msg.Start start) {
        Nursery s = runtime.service();
        try {
            s.startSoon(start.ns() + "." + start.func(), () -> runCall(peer, start));
        } catch (IllegalStateException closing) {
            if (start.ns().equals("self") && start.func().equals("cancel")) {
                // Already ending: that is what the request asks for, so acknowledge it.
                runtime.sendControlQuietly(peer, new Msg.StartAck(start.cid(), FuncType.FUNCTION));
                runtime.sendControlQuietly(peer, new Msg.Return(start.cid(), Payload.of(true)));
                return;
            }
            // On the reader thread: the refusal must never wait for the peer to read.
            runtime.sendControlQuietly(peer, ErrorBoxing.box(new TractorException("actor " + runtime.uid() + " is shutting down"),
                    runtime.uid(), Optional.of(start.cid())));
        }
    }

    private void runCall(Peer peer, Msg.Start start) {
        String cid = start.cid();
        boolean runtimeCall = start.ns().equals("self");
        if (runtimeCall && (start.func().equals("cancel") || start.func().equals("cancel_task"))) {
            runtime.sendQuietly(peer, new Msg.StartAck(cid, FuncType.FUNCTION));
            runRuntimeCall(peer, start);
            return;
        }
        CallKey key = new CallKey(peer.channel(), cid);
        CancelScope scope = new CancelScope();
        Context<?> ctx = null;
        FuncType kind = FuncType.FUNCTION;
        Computation<Object, Exception> work;
        if (runtimeCall) { // a registrar function (see Discovery), or a refusal
            work = () -> {
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
                runtime.sendQuietly(peer, new Msg.StartAck(cid, FuncType.FUNCTION));
                runtime.sendQuietly(peer, ErrorBoxing.box(refused, runtime.uid(), Optional.of(cid)));
                return;
            }
            kind = prepared.kind();
            Object injected = null;
            if (kind != FuncType.FUNCTION) {
                boolean oneWay = kind == FuncType.STREAM;
                ctx = new Context<>(runtime, peer, cid, Context.Side.CALLEE, start.ns() + "." + start.func(), oneWay);
                ctx.runsIn(scope);
                served.put(key, ctx);
                injected = oneWay ? new Emitter<>(ctx.openOneWayStream()) : ctx;
            }
            Object argument = injected;
            work = () -> runtime.invoker().run(prepared, argument);
        }
        running.put(key, scope);
        runtime.sendQuietly(peer, new Msg.StartAck(cid, kind));
        Msg answer;
        try {
            Optional<Object> result = scope.call(work);
            if (!scope.cancelledCaught()) {
                if (ctx != null) {
                    ctx.closeStream(); // its Stop goes before the Return
                }
                answer = new Msg.Return(cid, Payload.of(result.orElse(null)));
            } else if (ctx == null) {
                answer = ErrorBoxing.box(new TractorException("the call was cancelled by its caller " + peer),
                        runtime.uid(), Optional.of(cid));
            } else {
                answer = ErrorBoxing.boxCancelled(new TractorException(ctx + " was cancelled"), runtime.uid(),
                        cancellerOf(ctx), ctx.toString(), cid);
            }
        } catch (Cancelled c) { // this whole actor is being cancelled
            runtime.sendQuietly(peer, ctx == null ? ErrorBoxing.box(c, runtime.uid(), Optional.of(cid))
                    : ErrorBoxing.boxCancelled(c, runtime.uid(), cancellerOf(ctx), ctx.toString(), cid));
            throw c;
        } catch (Throwable t) {
            answer = ErrorBoxing.box(t, runtime.uid(), Optional.of(cid));
        } finally {
            running.remove(key);
            if (ctx != null) {
                served.remove(key);
            }
        }
        runtime.sendQuietly(peer, answer);
    }

    /** Who cancelled a context served here: whoever asked for it or for this actor's end, else this actor. */
    private Uid cancellerOf(Context<?> ctx) {
        Uid requester = ctx.cancelledBy();
        if (requester == null) {
            requester = cancelRequester;
        }
        return requester != null ? requester : runtime.uid();
    }

    /**
     * The runtime's cancel requests ({@code ns: "self"}): {@code cancel} (this whole actor) and
     * {@code cancel_task} (one call that a caller gave up on, by its {@code cid}). The runtime's other
     * functions (the registrar's) run like any call, in {@link #runCall}.
     */
    private void runRuntimeCall(Peer peer, Msg.Start start) {
        switch (start.func()) {
            case "cancel" -> {
                if (cancelRequester == null) {
                    cancelRequester = start.uid();
                }
                runtime.sendQuietly(peer, new Msg.Return(start.cid(), Payload.of(true)));
                runtime.cancel("cancel requested by " + peer);
            }
            case "cancel_task" -> {
                Payload target = start.kwargs().get("cid");
                CallKey key = target == null ? null : new CallKey(peer.channel(), target.as(String.class));
                CancelScope scope = key == null ? null : running.get(key);
                Context<?> ctx = key == null ? null : served.get(key);
                if (ctx != null) {
                    ctx.cancelRequestedBy(start.uid());
                }
                if (scope != null) {
                    scope.cancel("its caller " + peer + " gave up on it");
                }
                runtime.sendQuietly(peer, new Msg.Return(start.cid(), Payload.of(scope != null)));
            }
            default -> throw new IllegalArgumentException("not a cancel request: " + start.func());
        }
    }
}
