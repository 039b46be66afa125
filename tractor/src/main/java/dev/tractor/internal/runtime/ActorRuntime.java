package dev.tractor.internal.runtime;

import dev.tractor.internal.context.ContextImpl;
import dev.tractor.Actor;
import dev.tractor.ActorDied;
import dev.tractor.NoRuntime;
import dev.tractor.RemoteActorError;
import dev.tractor.TractorException;
import dev.tractor.Transport;
import dev.tractor.Portal;
import dev.tractor.internal.debug.DebugMode;
import dev.tractor.internal.debug.Gate;
import dev.tractor.internal.discovery.Discovery;
import dev.tractor.internal.discovery.DiscoveryHost;
import dev.tractor.internal.errors.ErrorBoxing;
import dev.tractor.internal.events.CallEvent;
import dev.tractor.internal.events.CancelKind;
import dev.tractor.internal.events.Events;
import dev.tractor.internal.events.ThisActor;
import dev.tractor.internal.ipc.Channel;
import dev.tractor.internal.ipc.Handshake;
import dev.tractor.internal.ipc.Peer;
import dev.tractor.internal.ipc.PeerHandler;
import dev.tractor.internal.ipc.PythonTractorPeer;
import dev.tractor.internal.ipc.ReaderLoop;
import dev.tractor.internal.ipc.Server;
import dev.tractor.internal.ipc.StaleSockets;
import dev.tractor.internal.msg.Msg;
import dev.tractor.internal.msg.Payload;
import dev.tractor.internal.serve.CallServer;
import dev.tractor.internal.serve.EnabledClasses;
import dev.tractor.internal.serve.Invoker;
import dev.tractor.internal.serve.ServeHost;
import dev.tractor.internal.spawn.ChildJvm;
import dev.tractor.internal.spawn.StartAdmission;
import dev.tractor.ipc.Address;
import dev.tractor.ipc.FrameTooLarge;
import dev.tractor.ipc.IpcException;
import dev.tractor.ipc.Secret;
import dev.tractor.ipc.TransportClosed;
import dev.tractor.msg.MsgPackException;
import dev.tractor.msg.Uid;
import dev.tractor.sc.CancelScope;
import dev.tractor.sc.Cancelled;
import dev.tractor.sc.MemoryChannel;
import dev.tractor.sc.Nursery;
import dev.tractor.sc.ReceiveChannel;
import dev.tractor.sc.Sc;
import dev.tractor.sc.SendChannel;
import dev.tractor.sc.Timeouts;
import java.lang.System.Logger.Level;
import java.lang.reflect.Type;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The runtime of one actor process: its identity, its server, the calls it makes and serves.
 *
 * <p>Implementation overview. One instance per process ({@link #current()}), alive for one
 * {@code Sc.run}. Everything that arrives from any peer comes through {@link #received} on that
 * connection's reader loop (an ipc loop thread, not an sc task), which never blocks: a {@code Start}
 * is registered and becomes a task of the service nursery ({@link CallServer}, the serving side); every
 * other message with a {@code cid} goes to the inbox of the call or context that waits for it (an
 * unbounded memory channel, filled with {@code trySend}); a connection that ends fails the calls and
 * contexts this actor made over it, cancels those it started here, and if it was the parent's, cancels
 * this actor.
 *
 * <p>A {@code cid} names a call or context on its connection, in the id space of the side that started
 * it. Both sides start them, so the ids this actor makes carry a random prefix of its own: a message
 * first goes to a context this actor serves for that peer (the peer's id), then to one it opened.
 *
 * <p>The special call {@code Start{ns: "self", func: "cancel"}} (Python tractor's actor-cancel request)
 * is answered with {@code Return(true)} and then cancels this actor's whole run.
 */
public final class ActorRuntime implements PeerHandler, ServeHost, DiscoveryHost {
    /** The environment variable that carries the tree's secret to a child (never the command line). */
    public static final String SECRET_ENV = "TRACTOR_SECRET";
    /** The {@code SpawnSpec} runtime variable that tells a child the tree's debugger watches it (ADR 0021). */
    static final String DEBUG_WATCHED = "tractor_debug_watched";

    private static final System.Logger LOG = System.getLogger("dev.tractor");
    private static final AtomicReference<ActorRuntime> CURRENT = new AtomicReference<>();

    private final Actor actor;
    /** Where a debugger can attach to this JVM, in debug mode (ADR 0021); read once. */
    private final Optional<Address> debugAddress = DebugMode.on()
            ? DebugMode.listenerAddress(ChildJvm.thisCommandLine()) : Optional.empty();
    private final Msg.Aid aid;
    private final Secret secret;
    private final List<Server> servers;
    private final Discovery discovery = new Discovery(this);
    private final CallServer server = new CallServer(this);
    private volatile Invoker invoker;
    private final Map<String, Call> calls = new ConcurrentHashMap<>();
    /** The children of this actor, by uuid, from {@link ChildActor#create} until they have ENDED. */
    private final Map<String, ChildActor> children = new ConcurrentHashMap<>();
    /** What Tractor.closeWithActor tied to this actor's life, the last registered first. */
    private final java.util.concurrent.ConcurrentLinkedDeque<AutoCloseable> lifetime =
            new java.util.concurrent.ConcurrentLinkedDeque<>();
    /** How many of its children may be starting at once (tractor.spawn.maxConcurrentStarts). */
    private final StartAdmission startAdmission = StartAdmission.fromSystemProperty();
    /** Connections of actors this one asked to cancel, until their end: that end, clean or not, is expected. */
    private final Set<Channel> askedToEnd = ConcurrentHashMap.newKeySet();
    private final java.util.concurrent.atomic.AtomicLong nextCid = new java.util.concurrent.atomic.AtomicLong();
    private final String cidPrefix = Integer.toHexString(java.util.concurrent.ThreadLocalRandom.current().nextInt()) + ".";
    /** Contexts this actor opened, by cid. */
    private final Map<String, ContextImpl<?>> opened = new ConcurrentHashMap<>();
    private volatile Nursery service;
    private volatile Peer parent;
    /** In the root in debug mode: the tree's debugger (ADR 0021). */
    private volatile Portal debugger;
    /** Whether the tree's debugger watches this actor: its pauses stop there. */
    private volatile boolean debugWatched;

    /** An outstanding call of this actor: whom it went to and where its replies go. */
    private record Call(Peer peer, SendChannel<Object> inbox) {
    }

    private ActorRuntime(String name, String uuid, boolean isRoot, Secret secret, EnabledClasses enabled,
            List<Address> bindAddresses) {
        long pid = ProcessHandle.current().pid();
        this.secret = secret;
        this.servers = bind(bindAddresses.isEmpty() ? List.of(defaultAddress(name, uuid, pid)) : bindAddresses);
        this.actor = new Actor(name, new Uid(name, uuid), pid, servers.stream().map(Server::address).toList(), isRoot);
        this.aid = new Msg.Aid(name, uuid, pid, false, false);
        this.invoker = new Invoker(enabled);
    }

    private static Address defaultAddress(String name, String uuid, long pid) {
        return switch (Transport.ofThisProcess()) {
            case UDS -> {
                StaleSockets.removeIn(Address.Uds.directory()); // those of actors killed before they could
                yield Address.Uds.forActor(socketName(name, uuid), pid);
            }
            case TCP -> Address.Tcp.loopback(0);
        };
    }

    /**
     * Binds every address, or none: if one fails, those already bound are closed.
     *
     * @throws TractorException naming the address that could not be bound, and why
     */
    private static List<Server> bind(List<Address> addresses) {
        List<Server> bound = new java.util.ArrayList<>();
        try {
            for (Address a : addresses) {
                bound.add(Server.bind(a));
            }
            return List.copyOf(bound);
        } catch (TransportClosed e) {
            bound.forEach(Server::close);
            throw new TractorException(e.getMessage(), e);
        }
    }

    /**
     * The actor's part of its socket file's name: the name cut to what any file system takes (a Unix
     * socket path has about 100 bytes) and the start of the uuid. {@link Address.Uds#forActor} makes it
     * safe for a file name.
     */
    public static String socketName(String name, String uuid) {
        return name.substring(0, Math.min(32, name.length())) + "-" + uuid.substring(0, Math.min(8, uuid.length()));
    }

    /** The runtime of this process. @throws NoRuntime if none runs */
    public static ActorRuntime current() {
        ActorRuntime rt = CURRENT.get();
        if (rt == null) {
            throw new NoRuntime("no actor runtime runs in this process: start one with Tractor.run or "
                    + "Tractor.openNursery");
        }
        return rt;
    }

    /** The runtime of this process, or null. */
    public static ActorRuntime currentOrNull() {
        return CURRENT.get();
    }

    /**
     * Creates this process's runtime and makes it current.
     *
     * @throws TractorException if one already runs here
     */
    public static ActorRuntime install(String name, String uuid, boolean isRoot, Secret secret, EnabledClasses enabled,
            List<Address> bindAddresses) {
        if (CURRENT.get() != null) { // checked first too, so that a second root does not take the addresses
            throw alreadyRuns();
        }
        ActorRuntime rt = new ActorRuntime(name, uuid, isRoot, secret, enabled, bindAddresses);
        if (!CURRENT.compareAndSet(null, rt)) {
            rt.servers.forEach(Server::close);
            throw alreadyRuns();
        }
        ActorLogging.configure(name);
        ThisActor.is(name, uuid); // the actor its Flight Recorder events name
        return rt;
    }

    private static TractorException alreadyRuns() {
        ActorRuntime running = CURRENT.get();
        return new TractorException("an actor runtime already runs in this process ("
                + (running == null ? "ending" : running.actor) + "); there is one root per process: open "
                + "nurseries inside it instead");
    }

    /** Starts serving, with {@code service} as the nursery for the calls that peers make here. */
    public void start(Nursery service) {
        this.service = service;
        servers.forEach(s -> s.serve(secret, aid, this));
    }

    /** Registers a resource that {@link #closeLifetime} closes when the actor ends ({@code Tractor.closeWithActor}). */
    public void closeWithActor(AutoCloseable resource) {
        lifetime.push(resource);
    }

    /**
     * Closes what {@link #closeWithActor} registered, the last first, once every task of the actor has ended;
     * a failure is logged and the rest still close. Called by the thread that ran the actor; idempotent.
     */
    public void closeLifetime() {
        for (AutoCloseable resource = lifetime.poll(); resource != null; resource = lifetime.poll()) {
            try {
                resource.close();
            } catch (Exception | Error e) {
                LOG.log(Level.WARNING, actor.uid() + ": closing " + resource + " with the actor failed", e);
            }
        }
    }

    /** Stops serving and forgets this runtime. Idempotent. */
    public void shutDown() {
        // Unregister first: closing the parent's connection tells the parent that the teardown is done,
        // and it may end this process (SIGKILL) soon after, which would reset the registrar's connection.
        discovery.shutDown();
        Peer p = parent;
        if (p != null) {
            p.channel().close(); // writes what is queued (the last replies) first
        }
        servers.forEach(Server::close);
        CURRENT.compareAndSet(this, null);
    }

    public Actor actor() {
        return actor;
    }

    @Override
    public Optional<Address> debugAddress() {
        return debugAddress;
    }

    /**
     * {@code Tractor.pause()}: stops the calling thread for the tree's debugger (ADR 0021), which watches this
     * JVM: its breakpoint on the gate catches the thread, and the root's REPL lets it go. In a task, a
     * cancellation ends the wait with {@code Cancelled} (once the debugger lets the thread go, if its REPL is
     * open).
     *
     * @throws IllegalStateException outside debug mode, or where the tree's debugger does not watch this actor
     */
    public void pause() {
        if (!DebugMode.on()) {
            throw new IllegalStateException("Tractor.pause() needs debug mode: ActorOptions.withDebugMode() on the "
                    + "root (Tractor.run), or -Dtractor.debug=true");
        }
        if (!debugWatched) {
            throw new IllegalStateException(notWatched());
        }
        try {
            if (Sc.inTask()) {
                Sc.interruptible(() -> new Gate().await()); // a task cancelled meanwhile leaves with Cancelled
            } else {
                new Gate().await();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // an interrupt that is not a cancellation: kept for the caller
        }
    }

    private String notWatched() {
        if (!DebugMode.treeDebugger()) {
            return "Tractor.pause() needs the tree's debugger, and -D" + DebugMode.PROPERTY + "=" + DebugMode.IDE
                    + " leaves every actor to an IDE instead: use -D" + DebugMode.PROPERTY + "=true";
        }
        if (actor.isRoot()) {
            return "Tractor.pause() in the root needs the root's JVM to listen for a debugger, which only a JVM "
                    + "started so can: add -agentlib:jdwp=transport=dt_socket,server=y,suspend=n,"
                    + "address=127.0.0.1:<a free port> to its java command (docs/guide/debugging.md)";
        }
        return "actor " + uid() + " is not watched by the tree's debugger: its root is not in debug mode "
                + "(ActorOptions.withDebugMode() on the root)";
    }

    /**
     * In the root in debug mode: starts the tree's debugger (an actor of this root's service nursery), has it
     * watch this JVM if it listens for a debugger, and serves its stops in this process's terminal. Returns
     * once the debugger watches. A checkpoint. Outside debug mode, nothing.
     */
    public void startDebugger(Nursery service) throws Exception {
        if (!DebugMode.treeDebugger() || !actor.isRoot()) {
            return;
        }
        Portal tree = TreeDebuggerClient.start(this, service);
        debugger = tree;
        if (debugAddress.isPresent()) {
            TreeDebuggerClient.watch(tree, actor.name(), actor.uid().uuid(), actor.pid(),
                    ((Address.Tcp) debugAddress.get()).port());
            debugWatched = true;
        }
        TreeDebuggerClient.serveStops(tree, service);
    }

    /**
     * Has the tree's debugger watch a child just launched in debug mode, before it runs any code: through
     * the parents up to the root. A checkpoint.
     *
     * @throws TractorException if the debugger cannot watch it
     */
    void watchForDebugger(String name, String uuid, long pid, int port) {
        if (actor.isRoot()) {
            Portal tree = debugger;
            if (tree == null) {
                throw new TractorException("the tree's debugger is not running");
            }
            TreeDebuggerClient.watch(tree, name, uuid, pid, port);
        } else {
            call(parentPeer(), "self", ServeHost.DEBUG_WATCH, Map.of("name", Payload.of(name), "uuid",
                    Payload.of(uuid), "pid", Payload.of(pid), "port", Payload.of(port)), Boolean.class);
        }
    }

    /** Whether this actor's children are to be watched by the tree's debugger. */
    boolean debugsChildren() {
        return DebugMode.treeDebugger() && (actor.isRoot() ? debugger != null : debugWatched);
    }

    /** Set in a child from its {@code SpawnSpec}: whether the tree's debugger watches it. */
    void debugWatched(boolean watched) {
        this.debugWatched = watched;
    }

    @Override
    public Object debugWatch(Map<String, Payload> kwargs) {
        watchForDebugger(kwargs.get("name").as(String.class), kwargs.get("uuid").as(String.class),
                kwargs.get("pid").as(Long.class), kwargs.get("port").as(Integer.class));
        return true;
    }

    public Uid uid() {
        return actor.uid();
    }

    @Override
    public Optional<ActorDied> deathBehind(Peer peer) {
        ChildActor child = children.get(peer.aid().uuid());
        if (child == null) {
            return Optional.empty();
        }
        // Waits only for a connection that has ended, and only in a task (a plain thread cannot wait here)
        return Sc.inTask() && peer.channel().isClosed() ? child.deathDuringCall(peer) : child.deathOn(peer);
    }

    /** The admission of this actor's children's starts: how many may be starting at once. Does not block. */
    StartAdmission startAdmission() {
        return startAdmission;
    }

    public Secret secret() {
        return secret;
    }

    /** Cancels this actor's whole run (its service nursery), for the given reason. Any thread. */
    public void cancel(String reason) {
        Nursery s = service;
        if (s != null) {
            LOG.log(Level.DEBUG, "{0} cancelled: {1}", actor.uid(), reason);
            Events.cancel(CancelKind.ACTOR_CANCELLED, null, null, null, null, reason);
            s.cancelScope().cancel(reason);
        }
    }

    // ---- the child's side of its parent --------------------------------------------------------------

    /**
     * Connects to the parent, proves the secret, receives the {@code SpawnSpec} and starts serving the
     * parent's connection. Blocks; not a checkpoint.
     */
    Msg.SpawnSpec connectToParent(Address parentAddress) {
        Channel channel = Channel.connect(parentAddress);
        Msg.Aid parentAid = Handshake.connect(channel, secret, aid);
        Msg first = channel.receive();
        if (!(first instanceof Msg.SpawnSpec spec)) {
            channel.close();
            throw new TractorException("the parent sent " + first.getClass().getSimpleName() + " where a SpawnSpec "
                    + "was expected");
        }
        invoker = new Invoker(EnabledClasses.of(spec.enableModules().keySet()));
        debugWatched = Boolean.TRUE.equals(spec.runtimeVars().get(DEBUG_WATCHED));
        Peer p = new Peer(channel, parentAid);
        parent = p;
        ReaderLoop.start(p, this);
        return spec;
    }

    // ---- children ------------------------------------------------------------------------------------

    /** Knows {@code child} from now until it has ended ({@link #forget}); see {@link ChildState}. */
    void adopt(ChildActor child) {
        if (children.putIfAbsent(child.uid().uuid(), child) != null) {
            throw new IllegalStateException("two children with the uuid of " + child);
        }
    }

    /** Forgets a child that has ended. */
    void forget(ChildActor child) {
        children.remove(child.uid().uuid(), child);
    }

    /** The children this actor knows (starting, running or ending); for tests. */
    List<ChildActor> children() {
        return List.copyOf(children.values());
    }

    // ---- calls ---------------------------------------------------------------------------------------

    /**
     * Calls {@code ns.func} in the actor at the other end of {@code peer} and returns its result bound to
     * {@code resultType}. A checkpoint, first of all: a caller cancelled already sends nothing; cancelling
     * it later abandons the call (the callee is asked to cancel it).
     *
     * @throws RemoteActorError if the function failed there (or could not be called)
     * @throws TractorException if the connection ended before the result came
     */
    public Object call(Peer peer, String ns, String func, Map<String, Payload> kwargs, Type resultType) {
        return awaitResult(submit(peer, ns, func, kwargs), resultType, false);
    }

    /**
     * A call whose {@code Start} has gone out: {@link #awaitResult} waits for its answer, and must be called
     * (it forgets the call).
     */
    record PendingCall(Peer peer, String cid, String ns, String func, ReceiveChannel<Object> replies, CallEvent event) {
    }

    /**
     * The first half of {@link #call}: sends the {@code Start} of {@code ns.func}. A checkpoint before it
     * sends: a caller cancelled already sends nothing (a call that is sent runs there until a
     * {@code cancel_task} catches up with it).
     *
     * @throws TractorException if the connection has ended
     */
    PendingCall submit(Peer peer, String ns, String func, Map<String, Payload> kwargs) {
        Sc.checkpoint();
        CallEvent event = Events.callStarted();
        String cid = newCid();
        if (ns.equals("self") && func.equals("cancel")) {
            expectEnd(peer.channel());
            Events.cancel(CancelKind.ACTOR_CANCEL_SENT, peer.aid().name(), peer.aid().uuid(), null, null, null);
        }
        MemoryChannel<Object> inbox = MemoryChannel.unbounded();
        calls.put(cid, new Call(peer, inbox.sender()));
        try {
            Msg.Start request = new Msg.Start(cid, ns, func, kwargs, actor.uid(), "typing.Any");
            if (ns.equals("self") && func.equals("cancel")) {
                peer.sendControl(request); // a cancel request gets through even to a peer that is behind
            } else {
                peer.send(request);
            }
        } catch (FrameTooLarge e) { // only this call fails: nothing was sent, the connection goes on
            calls.remove(cid);
            throw e;
        } catch (IpcException e) {
            calls.remove(cid);
            throw new TractorException("cannot call " + ns + "." + func + " in " + peer + ": " + e.getMessage(), e);
        } catch (RuntimeException | Error e) {
            calls.remove(cid);
            throw e;
        }
        return new PendingCall(peer, cid, ns, func, inbox.receiver(), event);
    }

    /**
     * The second half of {@link #call}: waits for the answer of a call that {@link #submit} sent. A
     * checkpoint: a caller cancelled here gives the call up and asks the callee to cancel it. With
     * {@code collectLateFailure} it asks the remote actor to cancel itself instead and waits briefly
     * (shielded) for the call's last word: if the function had failed by then, that failure is raised
     * instead of {@code Cancelled}. That is how one-cancels-all reports every child that failed, not only
     * the first.
     */
    Object awaitResult(PendingCall call, Type resultType, boolean collectLateFailure) {
        Peer peer = call.peer();
        Throwable failure = null; // for its Flight Recorder event
        try {
            for (;;) {
                Object reply = call.replies().receive();
                if (reply instanceof Msg.Return r) {
                    return r.pld().as(resultType, "result");
                } else if (reply instanceof Msg.Error e) {
                    throw ErrorBoxing.unbox(e);
                } else if (reply instanceof IpcException e) {
                    Optional<ActorDied> death = deathBehind(peer);
                    if (death.isPresent()) {
                        throw death.get(); // its process ended under the call without being asked to
                    }
                    throw new TractorException("the connection to " + peer + " ended during the call of " + call.ns()
                            + "." + call.func() + ": " + e.getMessage(), e);
                } else if (!(reply instanceof Msg.StartAck)) {
                    LOG.log(Level.WARNING, "{0}: unexpected reply to {1}.{2}: {3}", actor.uid(), call.ns(), call.func(),
                            reply);
                }
            }
        } catch (Cancelled c) {
            failure = c;
            ChildActor child = children.get(peer.aid().uuid());
            Optional<ActorDied> death = child != null ? child.deathOn(peer) : Optional.empty();
            if (death.isPresent()) { // the child died under the call, which is what cancelled it (or at the same time)
                failure = death.get();
                throw death.get();
            }
            if (collectLateFailure) {
                RemoteActorError late = lateFailure(peer, call.replies());
                if (late != null) {
                    late.addSuppressed(c);
                    failure = late;
                    throw late;
                }
            } else {
                requestCancelTask(peer, call.cid()); // the remote function must not run on for nobody
            }
            throw c;
        } catch (RuntimeException | Error e) {
            failure = e;
            throw e;
        } finally {
            calls.remove(call.cid());
            Events.callEnded(call.event(), peer.aid().name(), peer.aid().uuid(), call.ns(), call.func(), call.cid(), failure);
        }
    }

    /** How long a cancelled caller waits for the last word of a call; see {@link #awaitResult}. */
    static final Duration LATE_FAILURE_WAIT = Duration.ofSeconds(2);

    /** The failure the remote function ended with, if it was not the cancellation itself; shielded, bounded. */
    private RemoteActorError lateFailure(Peer peer, ReceiveChannel<Object> replies) {
        return new CancelScope().shield(true).call(() -> Timeouts.moveOnAfter(LATE_FAILURE_WAIT, () -> {
            ChildActor child = children.get(peer.aid().uuid());
            if (child != null && child.peer() != null && child.peer().channel() == peer.channel()) {
                // The first step of its ladder, which then counts from here. A child that does not even
                // acknowledge it will not send its function's last word either: its ladder goes on at once.
                if (!child.requestCancel()) {
                    return null;
                }
            } else {
                try {
                    call(peer, "self", "cancel", Map.of(), Boolean.class);
                } catch (TractorException ignored) {
                    // the actor is going anyway; what matters is its reply to the call below
                }
            }
            for (;;) {
                Object reply = replies.receive();
                if (reply instanceof Msg.Error e) {
                    RemoteActorError r = ErrorBoxing.unbox(e);
                    return r.isRemote(Cancelled.class) ? null : r;
                } else if (!(reply instanceof Msg.StartAck)) {
                    return null;
                }
            }
        }).orElse(null)).orElse(null);
    }

    // ---- what arrives ----------------------------------------------------------------------------------

    @Override
    public void connected(Peer peer) {
        ChildActor child = children.get(peer.aid().uuid());
        if (child != null && !child.connected(peer)) {
            LOG.log(Level.DEBUG, "{0}: a connection of {1}, which is not waiting for one ({2})", actor.uid(), child,
                    child.state());
        }
    }

    @Override
    public void received(Peer peer, Msg msg) {
        // if/else, not a pattern switch: see ADR 0015 (a child's start-up path avoids SwitchBootstraps)
        if (msg instanceof Msg.Start start) {
            server.serve(peer, start);
        } else if (msg instanceof Msg.StartAck) {
            // A plain call waits only for its Return or Error: waking the caller for the ack would cost a
            // hand-off per call for nothing (contexts, which need the function type, will route it).
        } else if (msg instanceof Msg.Yield m) { // the most frequent: stream values
            route(peer, m.cid(), m);
        } else if (msg instanceof Msg.Return m) {
            route(peer, m.cid(), m);
        } else if (msg instanceof Msg.Started m) {
            route(peer, m.cid(), m);
        } else if (msg instanceof Msg.Stop m) {
            route(peer, m.cid(), m);
        } else if (msg instanceof Msg.Credit m) { // the reader of a stream consumed more (ADR 0023)
            route(peer, m.cid(), m);
        } else if (msg instanceof Msg.Error m && m.cid().isPresent()) {
            route(peer, m.cid().get(), m);
        } else if (msg instanceof Msg.Error m && saysItIsExiting(peer, m)) {
            LOG.log(Level.DEBUG, "{0}: {1} is exiting: {2}", actor.uid(), peer, m.message().orElse(""));
        } else {
            LOG.log(Level.WARNING, "{0}: ignored {1} from {2}", actor.uid(), msg.getClass().getSimpleName(), peer);
        }
    }

    @Override
    public void malformed(Peer peer, MsgPackException error) {
        // The reader loop has logged it; a frame we cannot read names no call to fail.
    }

    @Override
    public boolean expectsEnd(Peer peer) {
        Nursery s = service;
        return askedToEnd.contains(peer.channel()) || s != null && s.cancelScope().cancelCalled()
                || discovery.registeredOver(peer); // an actor's end (or its death) ends its registration
    }

    @Override
    public void ended(Peer peer, IpcException why) {
        askedToEnd.remove(peer.channel());
        for (Call call : calls.values()) {
            if (call.peer().channel() == peer.channel()) {
                call.inbox().trySend(why);
            }
        }
        ChildActor child = children.get(peer.aid().uuid()); // after the calls: a death it reveals fails them
        if (child != null) {
            child.connectionEnded(peer, why);
        }
        server.connectionEnded(peer, why); // before discovery.ended: see Discovery.serve (register_actor)
        for (ContextImpl<?> ctx : opened.values()) {
            if (ctx.peer().channel() == peer.channel()) {
                ctx.deliver(why);
            }
        }
        discovery.ended(peer);
        Peer parentPeer = parent;
        if (parentPeer != null && parentPeer.channel() == peer.channel()) {
            cancel("lost the connection to the parent " + peer + ": " + why.getMessage());
        }
    }

    /**
     * An {@code Error} without a {@code cid} from a child, on its own connection: the child is exiting
     * without having been asked to (its code called {@code System.exit}), and says so before it goes.
     */
    private boolean saysItIsExiting(Peer peer, Msg.Error error) {
        ChildActor child = children.get(peer.aid().uuid());
        return child != null && child.saysItIsExiting(peer, error.message().orElse(error.boxedType()));
    }

    private void route(Peer peer, String cid, Msg msg) {
        ContextImpl<?> ctx = server.servedContext(peer, cid);
        if (ctx == null) {
            ctx = opened.get(cid);
        }
        if (ctx != null) {
            ctx.deliver(msg);
            return;
        }
        Call call = calls.get(cid);
        if (call == null || !call.inbox().trySend(msg)) {
            LOG.log(Level.DEBUG, "{0}: no call or context {1} waits for {2}", actor.uid(), cid, msg);
        }
    }

    // ---- connections this actor makes ----------------------------------------------------------------

    /**
     * Connects to the actor at {@code address}, proves the tree's secret, and serves the connection like
     * any other (calls both ways). Blocks while connecting; not a checkpoint.
     *
     * @throws TractorException if the connection or the handshake fails
     */
    public Peer connect(Address address) {
        Channel channel;
        try {
            channel = Channel.connect(address);
        } catch (IpcException e) {
            throw new TractorException("cannot connect to " + address + ": " + e.getMessage(), e);
        }
        Peer peer = handshake(channel, "the address " + address);
        serve(peer);
        return peer;
    }

    /** How long the other side of a connection this actor makes may take to complete the handshake. */
    static final Duration HANDSHAKE_TIMEOUT = Duration.ofSeconds(3);

    /**
     * Runs the connecting side of the handshake on {@code channel}, giving up after
     * {@link #HANDSHAKE_TIMEOUT}; on failure the channel is closed. Blocks; not a checkpoint.
     *
     * @throws TractorException if the peer does not complete it in time or cannot prove the secret
     */
    public Peer handshake(Channel channel, String what) {
        Duration timeout = HANDSHAKE_TIMEOUT;
        try {
            // with its own watchdog, which never closes a connection that has authenticated
            return new Peer(channel, Handshake.connect(channel, secret, aid, timeout));
        } catch (PythonTractorPeer python) {
            throw new TractorException(what + " is held by a Python tractor actor " + python.describe()
                    + ", which this Java runtime cannot join (Python tractor's registry port is 1616 too)", python);
        } catch (dev.tractor.ipc.AuthenticationFailed e) {
            channel.close();
            if (e.getMessage().contains("could not prove it holds the tree's secret")) { // a proof, of another secret
                throw new TractorException(what + " is held by a tractor actor of another secret (not this tree's:"
                        + " check the cookie or TRACTOR_SECRET of both programs): " + e.getMessage(), e);
            }
            throw notATractorActor(what, timeout, e);
        } catch (RuntimeException e) {
            channel.close();
            throw notATractorActor(what, timeout, e);
        }
    }

    private static TractorException notATractorActor(String what, Duration timeout, RuntimeException e) {
        return new TractorException(what + " is taken by something that is not an actor of this tree (no "
                + "tractor handshake with this secret within " + timeout.toMillis() + " ms: " + e.getMessage() + ")", e);
    }

    /** Starts reading a connection this actor made, and serving it like any other. */
    public void serve(Peer peer) {
        ReaderLoop.start(peer, this);
    }

    /** Serves a registry address: peers that connect there meet a registrar ({@code Aid.is_registrar}). */
    public void serveAsRegistrar(Server server) {
        Msg.Aid registrarAid = new Msg.Aid(aid.name(), aid.uuid(), aid.pid(), true, false);
        server.serve(secret, registrarAid, this);
    }

    public Discovery discovery() {
        return discovery;
    }

    /** The nursery that calls made here run in; null before {@link #start}. */
    public Nursery service() {
        return service;
    }

    /** What runs the functions that peers call here (the classes this actor enables). */
    public Invoker invoker() {
        return invoker;
    }

    /** Whether this actor has been asked to end (its service nursery is cancelled). */
    public boolean isEnding() {
        Nursery s = service;
        return s != null && s.cancelScope().cancelCalled();
    }

    /** The uuid of this actor's parent; only for a child that has connected to it. */
    String parentUuid() {
        return parent.aid().uuid();
    }

    /** The connection to this actor's parent; only for a child that has connected to it. */
    Peer parentPeer() {
        return parent;
    }

    /** How many calls and contexts that peers started here have not ended yet. */
    public int servedCount() {
        return server.servedCount();
    }

    /** How many connections this actor remembers as asked to end (none outlives its connection's end). */
    public int connectionsExpectedToEnd() {
        return askedToEnd.size();
    }

    /**
     * Closes a connection that {@link #connect} made. Its end is expected without a word from here: the
     * reader loop sees that the channel was closed on this side.
     */
    public void disconnect(Peer peer) {
        peer.channel().close();
    }

    /**
     * Remembers that the actor at the other end of {@code channel} was asked to end, until the connection's
     * end ({@link #ended} forgets it). The reader loop closes a channel before it calls {@code ended}: a
     * channel closed already may have had its end, and is not remembered.
     */
    private void expectEnd(Channel channel) {
        askedToEnd.add(channel);
        if (channel.isClosed()) {
            askedToEnd.remove(channel);
        }
    }

    // ---- contexts this actor opens -------------------------------------------------------------------

    /** Registers a context this actor opens, so that the peer's messages for it reach it. */
    <S> ContextImpl<S> openContext(Peer peer, String function, boolean oneWay) {
        String cid = newCid();
        ContextImpl<S> ctx = new ContextImpl<>(this, peer, cid, ContextImpl.Side.OPENER, function, oneWay);
        opened.put(cid, ctx);
        return ctx;
    }

    void forgetContext(ContextImpl<?> ctx) {
        opened.remove(ctx.cid());
        ctx.recordEnd(null);
    }

    /**
     * Sends the {@code Start} of a context this actor opened. A checkpoint, before it sends: an opener
     * cancelled already starts nothing.
     */
    public void start(ContextImpl<?> ctx, String ns, String func, Map<String, Payload> kwargs) {
        Sc.checkpoint();
        try {
            ctx.peer().send(new Msg.Start(ctx.cid(), ns, func, kwargs, actor.uid(), "typing.Any"));
        } catch (FrameTooLarge e) {
            throw e; // only this context fails: nothing was sent, the connection goes on
        } catch (IpcException e) {
            throw new TractorException("cannot open " + ctx + ": " + e.getMessage(), e);
        }
    }

    /** A new id for a call or context of this actor's (see the class comment). */
    public String newCid() {
        return cidPrefix + Long.toString(nextCid.incrementAndGet(), 36);
    }

    /** Asks the callee to cancel the call or context {@code cid} that this side gave up on; does not wait. */
    public void requestCancelTask(Peer peer, String cid) {
        String own = newCid(); // its reply finds no call and is dropped
        Events.cancel(CancelKind.CALL_CANCEL_SENT, peer.aid().name(), peer.aid().uuid(), cid, null, null);
        sendControlQuietly(peer, new Msg.Start(own, "self", "cancel_task", Map.of("cid", Payload.of(cid)),
                actor.uid(), "typing.Any")); // a cancelled caller does not wait for room
    }

    /**
     * Sends a control message ({@link Peer#sendControl}: never waits, for the reader loop's own replies and
     * for cancel requests) if the connection is still up; a failure is only logged.
     */
    public void sendControlQuietly(Peer peer, Msg msg) {
        try {
            peer.sendControl(msg);
        } catch (IpcException e) {
            LOG.log(Level.DEBUG, "{0}: could not send to {1}: {2}", actor.uid(), peer, e.getMessage());
        }
    }

    /**
     * Sends {@code msg} if the connection is still up; a failure is only logged. In a task, a checkpoint
     * while it waits for the peer to read ({@link Peer#send}); not for the reader loop, which uses
     * {@link #sendControlQuietly}.
     */
    public void sendQuietly(Peer peer, Msg msg) {
        try {
            peer.send(msg);
        } catch (IpcException e) {
            LOG.log(Level.DEBUG, "{0}: could not reply to {1}: {2}", actor.uid(), peer, e.getMessage());
        }
    }

    /** The enabled-class list as the wire's {@code enable_modules} map. */
    static Map<String, String> enableModules(List<String> enabled) {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        for (String e : enabled) {
            out.put(e, e);
        }
        return out;
    }
}
