package dev.tractor.internal.runtime;

import dev.tractor.ActorOptions;
import dev.tractor.ActorStartFailed;
import dev.tractor.TractorException;
import dev.tractor.internal.debug.DebugMode;
import dev.tractor.internal.discovery.Discovery;
import dev.tractor.internal.events.ActorSpawnEvent;
import dev.tractor.internal.events.Events;
import dev.tractor.internal.ipc.Peer;
import dev.tractor.internal.msg.Msg;
import dev.tractor.internal.spawn.ChildProcess;
import dev.tractor.internal.spawn.ChildSpec;
import dev.tractor.internal.spawn.SpawnFailed;
import dev.tractor.internal.spawn.SpawnMethod;
import dev.tractor.ipc.IpcException;
import dev.tractor.ipc.PeerWentSilent;
import dev.tractor.msg.Uid;
import dev.tractor.sc.CancelScope;
import dev.tractor.sc.Event;
import dev.tractor.sc.Timeouts;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The parent's side of one child actor: its process and its connection, how it is started, and the
 * teardown ladder that ends it.
 *
 * <p>The ladder, every step bounded: ask the child to cancel itself over IPC and wait for the ack
 * ({@link #CANCEL_ACK_WAIT}); give an acknowledging child time to finish its own teardown (its children
 * first), which it signals by closing its connection ({@link #EXIT_AFTER_ACK}), and then a moment to exit
 * ({@link #EXIT_AFTER_TEARDOWN}; {@link #EXIT_AFTER_RECORDING} for a child that records an AOT cache)
 * before SIGKILL ends what is left of its JVM; a child that did not acknowledge, or did not finish in time, gets SIGTERM, and SIGKILL after {@link #TERM_GRACE}. It runs
 * shielded, so cancelling the nursery that owns the child cannot cut it short.
 *
 * <p>Its life is one state machine, {@link ChildState} (the diagram is there), moved only here, under this
 * object's lock: {@link #start} takes it from STARTING to RUNNING, or (failed, cancelled, aborted) through
 * ENDING to ENDED before it throws; the process watcher moves a child whose process exits, and only a
 * running child that it moves is reported as dead; {@link #requestCancel} makes its exit expected;
 * {@link #reap} ends it. The runtime knows the child (for its connection back and the end of that
 * connection) exactly from {@link #create} to ENDED.
 */
public final class ChildActor {
    static final Duration CANCEL_ACK_WAIT = Duration.ofMillis(500);
    static final Duration EXIT_AFTER_ACK = Duration.ofSeconds(3);
    static final Duration TERM_GRACE = Duration.ofSeconds(1);
    /** How long a child that has closed its connection after its teardown gets to exit by itself. */
    static final Duration EXIT_AFTER_TEARDOWN = Duration.ofMillis(100);
    /**
     * The same for a child that records its start-up for an AOT cache, which its JVM writes as it exits
     * ({@link ChildProcess#recordsStartupCache()}): some 15 MB, which took over 3 s on a loaded machine. Once
     * per cache; the actor itself has ended by then, so nothing waits on it but the exit.
     */
    static final Duration EXIT_AFTER_RECORDING = Duration.ofSeconds(10);
    static final Duration KILL_WAIT = Duration.ofSeconds(5);

    private static final System.Logger LOG = System.getLogger("dev.tractor");

    private final ActorRuntime runtime;
    private final String name;
    private final Uid uid;
    /** Where it is in its life; see {@link ChildState}. Guarded by {@code this}, moved only by {@link #move}. */
    private ChildState state = ChildState.STARTING;
    /** The state its process exited in (null until it has): whether the exit was expected. Guarded by {@code this}. */
    private ChildState exitedIn;
    /** Why its start failed, made by whoever moved it from STARTING to ENDING; guarded by {@code this}. */
    private Supplier<ActorStartFailed> startFailure;
    private volatile ChildProcess process; // null until launched
    private volatile Peer peer; // null until it has connected back
    /** Set once its start is decided: it connected back, its process exited, or its start was aborted. */
    private final Event settled = new Event();
    /** Why its connection ended, if it went silent (then any exit of a running child is a death). */
    private volatile PeerWentSilent wentSilent;
    /** Set when its connection ends (it closed it, or it broke). */
    private final Event disconnected = new Event();
    /** Set when it has {@link ChildState#ENDED}. */
    private final Event ended = new Event();

    private ChildActor(ActorRuntime runtime, String name, String uuid) {
        this.runtime = runtime;
        this.name = name;
        this.uid = new Uid(name, uuid);
    }

    /**
     * A child actor named {@code name}, {@link ChildState#STARTING} and not launched yet: the runtime
     * knows it (and gives it its connection when it connects back) from now until it has
     * {@link ChildState#ENDED}. Does not block.
     */
    static ChildActor create(ActorRuntime runtime, String name) {
        ChildActor child = new ChildActor(runtime, name, UUID.randomUUID().toString());
        runtime.adopt(child);
        return child;
    }

    /**
     * Launches the child, waits until it has connected back and proved the secret, and sends it its
     * {@code SpawnSpec}; it is then {@link ChildState#RUNNING}. A checkpoint (while waiting). If the start
     * fails, is cancelled, or is {@linkplain #abortStart aborted}, the child has {@link ChildState#ENDED}
     * (its process ended, nothing of it left in the runtime) before this throws. Later, if the child's
     * process exits while it is running without this side having asked it to, {@code onUnexpectedExit} is
     * told why (on a watcher thread).
     *
     * @throws ActorStartFailed if the child cannot be launched, exits first, does not connect in time, or
     *     its start was aborted
     */
    void start(SpawnMethod method, ActorOptions options, Consumer<String> onUnexpectedExit) {
        ActorSpawnEvent event = Events.spawnStarted();
        try {
            List<String> args = new java.util.ArrayList<>(List.of("--name", name, "--uuid", uid.uuid(), "--parent",
                    runtime.actor().address().toString()));
            options.bindAddresses().forEach(a -> args.addAll(List.of("--bind", a.toString())));
            boolean debugged = (DebugMode.on() || options.debugMode())
                    && !options.jvmOptions().contains("-D" + DebugMode.PROPERTY + "=false"); // the debugger's own actor
            int debugPort = debugged ? DebugMode.freePort() : 0;
            ChildProcess launched;
            try {
                launched = method.spawn(new ChildSpec(name, uid.uuid(), ActorProcess.class.getName(), args,
                        Map.of(ActorRuntime.SECRET_ENV, runtime.secret().toBase64()), jvmOptions(options, debugPort)));
            } catch (SpawnFailed e) {
                throw new ActorStartFailed("cannot launch actor '" + name + "': " + e.getMessage(), e);
            }
            process = launched;
            watch(launched, options, onUnexpectedExit);
            Timeouts.moveOnAfter(options.startTimeout(), settled::await);
            throwIfNotStarting(options);
            boolean watched = debugPort != 0 && runtime.debugsChildren();
            if (watched) { // before it runs any code, so that its first pause or crash stops (ADR 0021)
                runtime.watchForDebugger(name, uid.uuid(), launched.pid(), debugPort);
            }
            List<Object> registry = new java.util.ArrayList<>();
            runtime.discovery().addresses().forEach(a -> registry.add(a.toString()));
            Map<Object, Object> runtimeVars = Map.of(Discovery.PARENT_IS_REGISTRAR, runtime.discovery().isRegistrar(),
                    ActorRuntime.DEBUG_WATCHED, watched);
            peer.send(new Msg.SpawnSpec(Map.of(), runtimeVars, ActorRuntime.enableModules(options.enabled()),
                    registry, List.of()));
            synchronized (this) {
                if (state == ChildState.STARTING) {
                    move(ChildState.RUNNING);
                    Events.spawnEnded(event, name, uid.uuid(), launched.pid(), null);
                    return;
                }
            }
            throw notStarted(options); // it exited, or its start was aborted, while its SpawnSpec went out
        } catch (Throwable t) {
            endFailedStart();
            Events.spawnEnded(event, name, uid.uuid(), process != null ? process.pid() : -1, t);
            throw t;
        }
    }

    /** Raises why the start failed if it has: it left STARTING, or has not connected (in time). */
    private void throwIfNotStarting(ActorOptions options) {
        synchronized (this) {
            if (state == ChildState.STARTING && peer != null) {
                return;
            }
        }
        throw notStarted(options);
    }

    /** Why a child that is not (or no longer) starting with a connection did not start. */
    private synchronized ActorStartFailed notStarted(ActorOptions options) {
        if (state == ChildState.STARTING) {
            return new ActorStartFailed("actor '" + name + "' did not start: it did not connect back within "
                    + options.startTimeout());
        }
        return startFailure != null ? startFailure.get() : new ActorStartFailed("actor '" + name + "' did not start");
    }

    /** Watches the process (on a thread of its own) and moves the child on when it exits. */
    private void watch(ChildProcess launched, ActorOptions options, Consumer<String> onUnexpectedExit) {
        Thread.ofVirtual().name("tractor-watch " + name).start(() -> {
            try {
                launched.awaitExit(Duration.ofDays(365));
            } catch (InterruptedException e) {
                return; // never interrupted
            }
            int status = launched.exitCode();
            ChildState was = exited(status, options);
            PeerWentSilent silent = wentSilent;
            if (was == ChildState.RUNNING && silent != null) {
                onUnexpectedExit.accept("actor '" + name + "' (pid " + launched.pid() + ") was lost (exit status "
                        + status + "): " + silent.getMessage());
            } else if (was == ChildState.RUNNING && status != 0) {
                onUnexpectedExit.accept("actor '" + name + "' (pid " + launched.pid() + ") died unexpectedly, "
                        + "with exit status " + status);
            } else if (was == ChildState.RUNNING) {
                // Status 0: it ended in order, cancelled by another actor (Portal.cancelActor through a
                // connection of that actor's). Not a death: its portal's calls now fail, nothing more.
                LOG.log(Level.DEBUG, "actor {0} ({1}) ended in order without its parent asking", name, uid.uuid());
            }
        });
    }

    /**
     * Its process has exited: a child still starting has failed its start, a running one is ending (by
     * itself: whether that was a death is for the caller to say). Returns the state it was in.
     */
    private ChildState exited(int status, ActorOptions options) {
        ChildState was;
        synchronized (this) {
            was = state;
            exitedIn = was;
            if (was == ChildState.STARTING) {
                String why = peer != null ? "its process exited with status " + status + " during its start"
                        : status == ActorProcess.CANNOT_LISTEN
                        ? "it could not listen on " + listenAddresses(options) + " (its error output says why)"
                        : "its process exited with status " + status + " before it connected";
                startFailure = () -> new ActorStartFailed("actor '" + name + "' did not start: " + why);
                move(ChildState.ENDING);
            } else if (was == ChildState.RUNNING) {
                move(ChildState.ENDING);
            }
        }
        settled.set();
        return was;
    }

    /**
     * Aborts a start that is under way: the starting task wakes and fails with {@code why}, after ending
     * the process. Does not block; callable from any thread.
     *
     * @return whether the child was still starting (else it has started, or failed, already)
     */
    boolean abortStart(Supplier<ActorStartFailed> why) {
        synchronized (this) {
            if (state != ChildState.STARTING) {
                return false;
            }
            startFailure = why;
            move(ChildState.ENDING);
        }
        settled.set();
        return true;
    }

    /** The end of a start that did not succeed: the process goes (SIGTERM, then SIGKILL), then ENDED. */
    private void endFailedStart() {
        synchronized (this) {
            if (state == ChildState.STARTING) {
                move(ChildState.ENDING); // from now its exit is expected: no death is reported
            }
        }
        ChildProcess p = process;
        if (p != null) {
            endProcess(p);
        }
        Peer connected = peer;
        if (connected != null) {
            connected.channel().close();
        }
        finish();
    }

    /** Its process is gone and its connection closed: it has ENDED, and the runtime forgets it. */
    private void finish() {
        ChildProcess p = process;
        synchronized (this) {
            move(ChildState.ENDED);
            boolean expected = exitedIn != ChildState.RUNNING && exitedIn != ChildState.STARTING; // it had been asked to end
            Events.actorExited(name, uid.uuid(), p != null ? p.pid() : -1, p != null && !p.isAlive() ? p.exitCode() : -1,
                    expected);
        }
        runtime.forget(this);
        ended.set();
    }

    /** Moves to {@code next}, holding the lock; an illegal move is a bug and fails loudly. */
    private void move(ChildState next) {
        if (!state.canBecome(next)) {
            throw new IllegalStateException(this + " cannot go from " + state + " to " + next);
        }
        state = next;
    }

    /**
     * Its connection back has come (from the runtime, on the thread that accepted it). Only the first one
     * of a starting child counts.
     *
     * @return whether it was taken as the child's connection
     */
    boolean connected(Peer p) {
        synchronized (this) {
            if (state != ChildState.STARTING || peer != null) {
                return false;
            }
            peer = p;
        }
        settled.set();
        return true;
    }

    /**
     * A connection of this actor's has ended (from the runtime, on its reader thread). If it ended because
     * the child went silent (ADR 0022: a stopped process, a host that is gone), the process is killed, since
     * nothing can reach it any more, and its exit is reported as a death that names the silence.
     */
    void connectionEnded(Peer p, IpcException why) {
        Peer own = peer;
        if (own != null && own.channel() == p.channel()) {
            if (why instanceof PeerWentSilent silent) {
                wentSilent = silent;
                ChildProcess launched = process;
                if (launched != null && state() == ChildState.RUNNING) {
                    LOG.log(Level.WARNING, "{0}: killing it", silent.getMessage());
                    launched.kill();
                }
            }
            disconnected.set();
        }
    }

    /** Where it is in its life. */
    synchronized ChildState state() {
        return state;
    }

    /** Waits until it has {@link ChildState#ENDED}; a checkpoint. */
    void awaitEnded() {
        ended.await();
    }

    private static String listenAddresses(ActorOptions options) {
        return options.bindAddresses().isEmpty() ? "its default address" : options.bindAddresses().toString();
    }

    /**
     * The options for its subtree (it is in it), the user's JVM options, then the properties that carry the
     * actor's own options; with options for its subtree, the property that carries them to its descendants
     * holds this process's tree options and them.
     */
    private static List<String> jvmOptions(ActorOptions options, int debugPort) {
        List<String> all = new java.util.ArrayList<>(options.childJvmOptions());
        if (debugPort != 0) {
            all.addAll(DebugMode.childOptions(debugPort)); // its own debugger listener (the parent's is not inherited)
        }
        all.addAll(options.jvmOptions());
        String treeOptions = ActorOptions.CHILD_JVM_OPTIONS_PROPERTY;
        options.runtimeProperties().forEach((k, v) -> {
            if (!k.equals(treeOptions)) {
                all.add("-D" + k + "=" + v);
            }
        });
        if (!options.childJvmOptions().isEmpty()) {
            all.add("-D" + treeOptions + "=" + (System.getProperty(treeOptions, "") + " "
                    + String.join(" ", options.childJvmOptions())).strip());
        }
        return all;
    }

    String name() {
        return name;
    }

    Uid uid() {
        return uid;
    }

    long pid() {
        return process.pid();
    }

    Peer peer() {
        return peer;
    }

    ActorRuntime runtime() {
        return runtime;
    }

    /**
     * Asks the child to cancel itself and waits (at most {@link #CANCEL_ACK_WAIT}) for its ack. A
     * checkpoint.
     *
     * @return whether it acknowledged in time
     */
    boolean requestCancel() {
        synchronized (this) {
            if (state == ChildState.RUNNING) {
                move(ChildState.ENDING); // from now its exit is expected
            }
        }
        if (peer.channel().isClosed()) {
            return false;
        }
        try {
            return Timeouts.moveOnAfter(CANCEL_ACK_WAIT,
                    () -> runtime.call(peer, "self", "cancel", Map.of(), Boolean.class)).isPresent();
        } catch (TractorException e) {
            return false; // the connection ended: the ladder goes on with the process
        }
    }

    /**
     * Runs the whole teardown ladder (see the class comment), shielded from cancellation; the child has
     * then {@link ChildState#ENDED}. For a child that has started, by its one owner (its nursery), once.
     */
    void reap() {
        ChildState now = state();
        if (now == ChildState.STARTING || now == ChildState.ENDED) {
            throw new IllegalStateException(this + " cannot be reaped while " + now);
        }
        new CancelScope().shield(true).run(() -> {
            boolean acked = requestCancel();
            // An acknowledging child closes its connection once its teardown (its own children included)
            // is done; after that only its JVM's exit is left, which HotSpot can stretch by 300 ms while
            // any thread sits in a system call (the JDK's socket pollers always do). So once the connection
            // has closed, a short grace for its shutdown hooks, then SIGKILL: nothing of the actor is lost.
            // (A connection that has ended already counts too: the child closed it, or died.)
            Event closed = disconnected;
            boolean tornDown = closed.isSet() || acked && Timeouts.moveOnAfter(EXIT_AFTER_ACK, closed::await);
            boolean exited = awaitExit(!tornDown ? Duration.ZERO
                    : process.recordsStartupCache() ? EXIT_AFTER_RECORDING : EXIT_AFTER_TEARDOWN);
            if (!exited && tornDown) {
                process.kill();
                awaitExit(KILL_WAIT);
            } else if (!exited) {
                LOG.log(Level.DEBUG, "actor {0} did not end after the cancel request (ack: {1}); terminating",
                        uid, acked);
                endProcess(process);
            }
            peer.channel().closeNow(); // the process is gone: nothing queued can reach it, and a child that
            // did not drain must not cost the ladder a grace wait
            finish();
        });
    }

    /** Waits for the process to end (not a checkpoint); whether it did. */
    boolean awaitExit(Duration timeout) {
        try {
            return process.awaitExit(timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !process.isAlive();
        }
    }

    private static void endProcess(ChildProcess process) {
        try {
            process.terminate(TERM_GRACE);
        } catch (InterruptedException e) {
            process.kill();
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        ChildProcess p = process;
        return "actor " + name + (p != null ? " (pid " + p.pid() + ")" : " (not launched)");
    }
}
