package dev.tractor;

import dev.tractor.ipc.Peer;
import dev.tractor.msg.Msg;
import dev.tractor.msg.Uid;
import dev.tractor.sc.CancelScope;
import dev.tractor.sc.Event;
import dev.tractor.sc.Timeouts;
import dev.tractor.spawn.ChildProcess;
import dev.tractor.spawn.ChildSpec;
import dev.tractor.spawn.SpawnFailed;
import dev.tractor.spawn.SpawnMethod;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * The parent's side of one child actor: its process and its connection, how it is started, and the
 * teardown ladder that ends it.
 *
 * <p>The ladder, every step bounded: ask the child to cancel itself over IPC and wait for the ack
 * ({@link #CANCEL_ACK_WAIT}); give an acknowledging child time to finish its own teardown (its children
 * first), which it signals by closing its connection ({@link #EXIT_AFTER_ACK}), and then a moment to exit
 * ({@link #EXIT_AFTER_TEARDOWN}; {@link #EXIT_AFTER_RECORDING} for a child that records an AOT cache) before SIGKILL ends what is left of its JVM; a child that did not
 * acknowledge, or did not finish in time, gets SIGTERM, and SIGKILL after {@link #TERM_GRACE}. It runs
 * shielded, so cancelling the nursery that owns the child cannot cut it short.
 */
final class ChildActor {
    static final Duration CANCEL_ACK_WAIT = Duration.ofMillis(500);
    static final Duration EXIT_AFTER_ACK = Duration.ofSeconds(3);
    static final Duration TERM_GRACE = Duration.ofSeconds(1);
    /** How long a child that has closed its connection after its teardown gets to exit by itself. */
    static final Duration EXIT_AFTER_TEARDOWN = Duration.ofMillis(100);
    /**
     * The same for a child that records its start-up for an AOT cache, which its JVM writes as it exits
     * ({@link ChildProcess#recordsStartupCache()}).
     */
    static final Duration EXIT_AFTER_RECORDING = Duration.ofSeconds(3);
    static final Duration KILL_WAIT = Duration.ofSeconds(5);

    private static final System.Logger LOG = System.getLogger("dev.tractor");

    private final ActorRuntime runtime;
    private final String name;
    private final Uid uid;
    private final ChildProcess process;
    private final Peer peer;
    /** Set once this side ends the child (cancel request or reap): its exit is then expected. */
    private final AtomicBoolean ending;

    private ChildActor(ActorRuntime runtime, String name, Uid uid, ChildProcess process, Peer peer,
            AtomicBoolean ending) {
        this.ending = ending;
        this.runtime = runtime;
        this.name = name;
        this.uid = uid;
        this.process = process;
        this.peer = peer;
    }

    /**
     * Launches the child, waits until it has connected back and proved the secret, and sends it its
     * {@code SpawnSpec}. A checkpoint (while waiting); if it fails or is cancelled, the process is ended
     * before this returns. Later, if the child's process exits without this side having asked it to,
     * {@code onUnexpectedExit} is told why (on a watcher thread).
     *
     * @throws ActorStartFailed if the child cannot be launched, exits first, or does not connect in time
     */
    static ChildActor spawn(ActorRuntime runtime, SpawnMethod method, String name, ActorOptions options,
            Consumer<String> onUnexpectedExit) {
        String uuid = UUID.randomUUID().toString();
        AtomicBoolean ending = new AtomicBoolean();
        PendingChild pending = runtime.expectChild(uuid);
        ChildProcess process;
        try {
            List<String> args = new java.util.ArrayList<>(List.of("--name", name, "--uuid", uuid, "--parent",
                    runtime.actor().address().toString()));
            options.bindAddresses().forEach(a -> args.addAll(List.of("--bind", a.toString())));
            process = method.spawn(new ChildSpec(name, uuid, ActorProcess.class.getName(), args,
                    Map.of(ActorRuntime.SECRET_ENV, runtime.secret().toBase64()), jvmOptions(options)));
        } catch (SpawnFailed e) {
            runtime.forgetChild(uuid);
            throw new ActorStartFailed("cannot launch actor '" + name + "': " + e.getMessage(), e);
        }
        Thread.ofVirtual().name("tractor-watch " + name).start(() -> {
            try {
                process.awaitExit(Duration.ofDays(365));
                if (pending.peer() == null) {
                    int status = process.exitCode();
                    pending.failed(status == ActorProcess.CANNOT_LISTEN
                            ? "it could not listen on " + listenAddresses(options) + " (its error output says why)"
                            : "its process exited with status " + status + " before it connected");
                } else if (!ending.get() && process.exitCode() != 0) {
                    onUnexpectedExit.accept("actor '" + name + "' (pid " + process.pid() + ") died unexpectedly, "
                            + "with exit status " + process.exitCode());
                } else if (!ending.get()) {
                    // Status 0: it ended in order, cancelled by another actor (Portal.cancelActor through a
                    // connection of that actor's). Not a death: its portal's calls now fail, nothing more.
                    LOG.log(Level.DEBUG, "actor {0} ({1}) ended in order without its parent asking", name, uuid);
                }
            } catch (InterruptedException e) {
                // never interrupted
            }
        });
        try {
            Timeouts.moveOnAfter(options.startTimeout(), pending::await);
            if (pending.peer() == null) {
                String why = pending.failure() != null ? pending.failure()
                        : "it did not connect back within " + options.startTimeout();
                throw new ActorStartFailed("actor '" + name + "' did not start: " + why);
            }
            Peer peer = pending.peer();
            List<Object> registry = new java.util.ArrayList<>();
            runtime.discovery().addresses().forEach(a -> registry.add(a.toString()));
            Map<Object, Object> runtimeVars = Map.of(Discovery.PARENT_IS_REGISTRAR, runtime.discovery().isRegistrar());
            peer.send(new Msg.SpawnSpec(Map.of(), runtimeVars, ActorRuntime.enableModules(options.enabled()),
                    registry, List.of()));
            return new ChildActor(runtime, name, new Uid(name, uuid), process, peer, ending);
        } catch (Throwable t) {
            runtime.forgetChild(uuid);
            endProcess(process);
            throw t;
        }
    }

    private static String listenAddresses(ActorOptions options) {
        return options.bindAddresses().isEmpty() ? "its default address" : options.bindAddresses().toString();
    }

    /** The user's JVM options, then the properties that carry the actor's own options. */
    private static List<String> jvmOptions(ActorOptions options) {
        List<String> all = new java.util.ArrayList<>(options.jvmOptions());
        options.runtimeProperties().forEach((k, v) -> all.add("-D" + k + "=" + v));
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
        ending.set(true);
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

    /** Runs the whole teardown ladder (see the class comment), shielded from cancellation. */
    void reap() {
        new CancelScope().shield(true).run(() -> {
            boolean acked = requestCancel();
            // An acknowledging child closes its connection once its teardown (its own children included)
            // is done; after that only its JVM's exit is left, which HotSpot can stretch by 300 ms while
            // any thread sits in a system call (the JDK's socket pollers always do). So once the connection
            // has closed, a short grace for its shutdown hooks, then SIGKILL: nothing of the actor is lost.
            // (A connection that has ended already counts too: the child closed it, or died.)
            Event closed = runtime.disconnection(peer);
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
            runtime.forgetDisconnection(peer);
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
        return "actor " + name + " (pid " + process.pid() + ")";
    }
}
