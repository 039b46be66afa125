package dev.tractor.internal.runtime;

import dev.tractor.ActorDied;
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
import dev.tractor.internal.spawn.StartAdmission;
import dev.tractor.ipc.IpcException;
import dev.tractor.ipc.PeerWentSilent;
import dev.tractor.msg.Uid;
import dev.tractor.sc.CancelScope;
import dev.tractor.sc.Event;
import dev.tractor.sc.Sc;
import dev.tractor.sc.Timeouts;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The parent's side of one child actor: its process and its connection, how it is started, and the
 * teardown ladder that ends it.
 *
 * <p>The ladder, every step bounded: ask the child to cancel itself over IPC and wait for the ack
 * ({@link #CANCEL_ACK_WAIT}); give an acknowledging child time, from its ack, to finish its own teardown (its
 * children first), which it signals by closing its connection ({@link #EXIT_AFTER_ACK}), and then a moment
 * to exit ({@link #EXIT_AFTER_TEARDOWN}; {@link #EXIT_AFTER_RECORDING} for a child that records an AOT
 * cache) before SIGKILL ends what is left of its JVM; a child that did not acknowledge, or did not finish
 * in time, gets SIGTERM, and SIGKILL after {@link #TERM_GRACE}. It counts from the first cancel request the
 * child got ({@link #requestCancel}: a one-shot child's late-failure wait or {@code Portal.cancelActor} may
 * have sent it before the nursery reaps the child), so a child that cancellation cannot reach is gone at
 * most {@code CANCEL_ACK_WAIT + EXIT_AFTER_ACK + TERM_GRACE} (4.5 s) after it was first asked, plus the
 * kernel's reaping after SIGKILL (the guide states this total; TeardownLadderTest checks it). It runs
 * shielded, so cancelling the nursery that owns the child cannot cut it short.
 *
 * <p>Its life is one state machine, {@link ChildState} (the diagram is there), moved only here, under this
 * object's lock: {@link #start} takes it from STARTING to RUNNING, or (failed, cancelled, aborted) through
 * ENDING to ENDED before it throws; the process watcher moves a child whose process exits, and only a
 * running child that it moves can be reported as dead (any status but an orderly 0, and 0 too when the
 * child said it was exiting unasked: {@link #judge}); {@link #requestCancel} makes its exit expected;
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
    /**
     * How long a call whose connection to a running child ended without this side asking waits for the
     * child's process to exit, so as to fail with {@link ActorDied} and the exit status rather than with a
     * bare "connection ended". A child that exits closes its connection moments before its JVM is gone (one
     * that calls {@code System.exit} closes it from its shutdown hook), so this is a bound, rarely waited out.
     */
    static final Duration DEATH_WAIT = Duration.ofSeconds(2);
    /**
     * How long the watcher of a child whose process has exited waits for its connection to end, so that
     * anything the child said before it went (that its own code called {@code System.exit}) has been read.
     * The connection of a process that is gone ends as soon as its reader reads the end.
     */
    static final Duration LAST_WORDS_WAIT = Duration.ofSeconds(1);

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
    /** Where its start waits for its turn (StartAdmission); cancelled when the start is aborted. */
    private final CancelScope waitingForTurn = new CancelScope();
    /** Set once its start is decided: it connected back, its process exited, or its start was aborted. */
    private final Event settled = new Event();
    /** Why its connection ended, if it went silent (then any exit of a running child is a death). */
    private volatile PeerWentSilent wentSilent;
    /** Set when its connection ends (it closed it, or it broke). */
    private final Event disconnected = new Event();
    /** The same, for the process watcher, which is a plain thread and not a task. */
    private final CountDownLatch disconnectedLatch = new CountDownLatch(1);
    /** What the child said as it exited without being asked (its code called System.exit); null if nothing. */
    private volatile String exitingWord;
    /** Its death, once the watcher has judged a running child's exit to be one; null otherwise. */
    private volatile ActorDied death;
    /** Set once the watcher has judged the exit of its process (a death or not) and reported a death. */
    private final Event judged = new Event();
    /** The first cancel request sent to it (by the ladder, a result's late-failure wait or cancelActor). */
    private volatile CancelRequest firstCancel;
    /** Set when it has {@link ChildState#ENDED}. */
    private final Event ended = new Event();
    /** The steps its teardown ladder took, in order, for the ladder's tests. */
    private final List<LadderStep> ladder = new java.util.concurrent.CopyOnWriteArrayList<>();

    /**
     * A cancel request sent to the child: when ({@link System#nanoTime}), and when it acknowledged it
     * ({@code ackedAt}; -1 if it did not within {@link #CANCEL_ACK_WAIT}).
     */
    private record CancelRequest(long sentAt, long ackedAt) {
        boolean acked() {
            return ackedAt >= 0;
        }
    }

    /** One step of the teardown ladder, and when it was taken ({@link System#nanoTime}). */
    record LadderStep(String what, long nanos) {
        LadderStep(String what) {
            this(what, System.nanoTime());
        }
    }

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
     * Waits for its turn ({@link ActorRuntime#startAdmission()}: only so many children start at once),
     * launches the child, waits until it has connected back and proved the secret (at most the options'
     * start timeout, counted from the launch), and sends it its {@code SpawnSpec}; it is then
     * {@link ChildState#RUNNING}. A checkpoint (while waiting); a start cancelled while it waits for its
     * turn launches nothing. If the start
     * fails, is cancelled, or is {@linkplain #markAborted aborted}, the child has {@link ChildState#ENDED}
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
            int debugPort;
            ChildProcess launched;
            // From launch to connection, at most so many children start at once (StartAdmission); the start
            // timeout counts from the launch, so a start that waited its turn gets the whole of it.
            try (StartAdmission.Turn turn = awaitTurn(options)) {
                Events.spawnLaunching(event);
                debugPort = debugged ? DebugMode.freePort() : 0; // taken just before the launch that uses it
                try {
                    launched = method.spawn(new ChildSpec(name, uid.uuid(), ActorProcess.class.getName(), args,
                            Map.of(ActorRuntime.SECRET_ENV, runtime.secret().toBase64()), jvmOptions(options, debugPort)));
                } catch (SpawnFailed e) {
                    throw new ActorStartFailed("cannot launch actor '" + name + "': " + e.getMessage(), e);
                }
                process = launched;
                watch(launched, options, onUnexpectedExit);
                Timeouts.moveOnAfter(options.startTimeout(), settled::await);
            }
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

    /**
     * Waits for this start's turn ({@link ActorRuntime#startAdmission()}); a checkpoint. A start cancelled, or
     * {@linkplain #markAborted aborted}, while it waits raises (Cancelled, or why it was aborted) without a turn,
     * and launches nothing.
     */
    private StartAdmission.Turn awaitTurn(ActorOptions options) {
        StartAdmission admission = runtime.startAdmission();
        if (admission.waiting() > 0 || admission.underWay() >= admission.limit()) {
            LOG.log(Level.DEBUG, "actor {0} waits for its turn to start ({1})", name, admission);
        }
        StartAdmission.Turn turn = waitingForTurn.call(admission::await).orElse(null);
        if (turn == null) {
            throw notStarted(options); // aborted
        }
        try {
            Sc.checkpoint(); // a start cancelled as its turn came launches nothing either
            synchronized (this) {
                if (state == ChildState.STARTING) {
                    return turn;
                }
            }
            throw notStarted(options);
        } catch (Throwable t) {
            turn.close();
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
            ActorDied died = was == ChildState.RUNNING ? judge(launched, status) : null;
            if (died != null) {
                onUnexpectedExit.accept(died.getMessage()); // before judged: the reap waits for that, so its
                // nursery has heard of the death by the time the child has ENDED
            }
            judged.set();
        });
    }

    /**
     * Judges the exit of a child that was running, which this side did not ask for: a death, unless it
     * ended in order with status 0 because another actor of the tree cancelled it (Portal.cancelActor
     * through a connection of that actor's). Any other status is a death, and so is status 0 when the child
     * said, as it went, that its own code ended it ({@code System.exit(0)}), or when it went silent (this
     * side killed it then).
     */
    private ActorDied judge(ChildProcess launched, int status) {
        try {
            disconnectedLatch.await(LAST_WORDS_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // never interrupted; judge by what has been read
        }
        PeerWentSilent silent = wentSilent;
        if (silent != null) { // this side killed it: whatever its status, the child was lost
            ActorDied lost = new ActorDied("actor '" + name + "' (pid " + launched.pid() + ") was lost (exit status "
                    + status + "): " + silent.getMessage());
            lost.initCause(silent);
            death = lost;
            return lost;
        }
        String word = exitingWord;
        if (status == 0 && word == null) {
            LOG.log(Level.DEBUG, "actor {0} ({1}) ended in order without its parent asking", name, uid.uuid());
            return null;
        }
        ActorDied died = new ActorDied("actor '" + name + "' (pid " + launched.pid() + ") died unexpectedly, "
                + "with exit status " + status + (word != null ? " (" + word + ")" : ""));
        death = died;
        return died;
    }

    /**
     * Its death, if its process ended while a call on {@code connection} was outstanding and that end was a
     * death: the call's caller raises it (the very instance its nursery reports, so that the nursery reports
     * it once). Called when that connection has ended: if this side had not asked the child to end, waits
     * up to {@link #DEATH_WAIT} for the process to exit and be judged, shielded from cancellation.
     */
    Optional<ActorDied> deathDuringCall(Peer connection) {
        Peer own = peer;
        if (own == null || own.channel() != connection.channel()) {
            return Optional.empty();
        }
        synchronized (this) {
            boolean unasked = state == ChildState.RUNNING || exitedIn == ChildState.RUNNING;
            if (!unasked) {
                return Optional.empty(); // an end this side asked for: the call fails as before
            }
        }
        // Shielded: the death itself cancels the nursery (its watcher reports it there), and the call must
        // still raise the death rather than that cancellation. Bounded all the same.
        new CancelScope().shield(true).run(() -> Timeouts.moveOnAfter(DEATH_WAIT, judged::await));
        return Optional.ofNullable(death);
    }

    /** Its death, if the watcher judged its exit to be one (see {@link #start}'s {@code onUnexpectedExit}). */
    Optional<ActorDied> death() {
        return Optional.ofNullable(death);
    }

    /**
     * Its death, if it has died and {@code connection} is its own: for a call over that connection that was
     * cancelled, by that very death (its nursery's supervision) or at the same time, and must raise the
     * death instead. Does not block.
     */
    Optional<ActorDied> deathOn(Peer connection) {
        Peer own = peer;
        return own != null && own.channel() == connection.channel() ? death() : Optional.empty();
    }

    /**
     * The child said, on its connection, that it is exiting without having been asked: its own code called
     * {@code System.exit}. Its exit then counts as a death whatever its status. From the reader thread.
     *
     * @return whether {@code connection} is this child's own connection (else the word is not its to take)
     */
    boolean saysItIsExiting(Peer connection, String what) {
        Peer own = peer;
        if (own == null || own.channel() != connection.channel()) {
            return false;
        }
        exitingWord = what;
        return true;
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
     * Aborts a start that is under way, first half: from now the start can only fail, with {@code why}, and a
     * start waiting for its turn that gets it launches nothing. {@link #wakeAborted} then wakes its task. Two
     * halves because a nursery aborts all its starts at once: woken one by one, an aborted start gives its
     * turn back, and a waiting one not marked yet could take it and launch. Does not block.
     *
     * @return whether the child was still starting (else it has started, or failed, already)
     */
    boolean markAborted(Supplier<ActorStartFailed> why) {
        synchronized (this) {
            if (state != ChildState.STARTING) {
                return false;
            }
            startFailure = why;
            move(ChildState.ENDING);
            return true;
        }
    }

    /**
     * Aborts a start that is under way, second half (after {@link #markAborted}): the starting task wakes and
     * fails, after ending the process. Does not block; callable from any thread.
     */
    void wakeAborted() {
        waitingForTurn.cancel("the start of actor '" + name + "' was aborted");
        settled.set();
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
            disconnectedLatch.countDown();
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
        long sentAt = System.nanoTime();
        boolean acked = !peer.channel().isClosed() && ackedCancel();
        synchronized (this) {
            if (firstCancel == null) {
                firstCancel = new CancelRequest(sentAt, acked ? System.nanoTime() : -1);
            }
        }
        return acked;
    }

    private boolean ackedCancel() {
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
        ladder.add(new LadderStep("reap"));
        new CancelScope().shield(true).run(() -> {
            // The ladder counts from the first cancel request the child got: a one-shot child's result
            // (its late failure) or the user may have sent it already, and the child has had that time.
            CancelRequest asked = firstCancel;
            if (asked == null) {
                requestCancel();
                asked = firstCancel;
            }
            ladder.add(new LadderStep("cancel request", asked.sentAt()));
            boolean acked = asked.acked();
            ladder.add(acked ? new LadderStep("acknowledged", asked.ackedAt())
                    : new LadderStep("not acknowledged", asked.sentAt() + CANCEL_ACK_WAIT.toNanos()));
            // An acknowledging child closes its connection once its teardown (its own children included)
            // is done; after that only its JVM's exit is left, which HotSpot can stretch by 300 ms while
            // any thread sits in a system call (the JDK's socket pollers always do). So once the connection
            // has closed, a short grace for its shutdown hooks, then SIGKILL: nothing of the actor is lost.
            // (A connection that has ended already counts too: the child closed it, or died.)
            Event closed = disconnected;
            boolean tornDown = closed.isSet() || acked && Timeouts.moveOnAfter(
                    Duration.ofNanos(Math.max(0, asked.ackedAt() + EXIT_AFTER_ACK.toNanos() - System.nanoTime())),
                    closed::await);
            ladder.add(new LadderStep(tornDown ? "torn down" : "not torn down"));
            boolean exited = awaitExit(!tornDown ? Duration.ZERO
                    : process.recordsStartupCache() ? EXIT_AFTER_RECORDING : EXIT_AFTER_TEARDOWN);
            if (!exited && tornDown) {
                ladder.add(new LadderStep("SIGKILL after its teardown"));
                process.kill();
                awaitExit(KILL_WAIT);
            } else if (!exited) {
                LOG.log(Level.DEBUG, "actor {0} did not end after the cancel request (ack: {1}); terminating",
                        uid, acked);
                ladder.add(new LadderStep("SIGTERM"));
                ladder.add(new LadderStep(String.valueOf(endProcess(process))));
            }
            ladder.add(new LadderStep("exited"));
            peer.channel().closeNow(); // the process is gone: nothing queued can reach it, and a child that
            // did not drain must not cost the ladder a grace wait
            // Its owner learns of a death before the child has ended: the watcher has judged the exit by then
            // (at once, or once what the child said last has been read).
            if (!process.isAlive()) {
                Timeouts.moveOnAfter(LAST_WORDS_WAIT.plus(TERM_GRACE), judged::await);
            }
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

    private static ChildProcess.Ending endProcess(ChildProcess process) {
        try {
            return process.terminate(TERM_GRACE);
        } catch (InterruptedException e) {
            process.kill();
            Thread.currentThread().interrupt();
            return ChildProcess.Ending.KILLED;
        }
    }

    /** The steps its teardown ladder has taken so far; for tests. */
    List<LadderStep> ladder() {
        return List.copyOf(ladder);
    }

    @Override
    public String toString() {
        ChildProcess p = process;
        return "actor " + name + (p != null ? " (pid " + p.pid() + ")" : " (not launched)");
    }
}
