package dev.tractor.internal.runtime;

import dev.tractor.ActorDied;
import dev.tractor.ActorOptions;
import dev.tractor.ActorStartFailed;
import dev.tractor.TractorException;
import dev.tractor.internal.discovery.Discovery;
import dev.tractor.internal.errors.ErrorBoxing;
import dev.tractor.internal.events.FlightRecordings;
import dev.tractor.internal.ipc.Peer;
import dev.tractor.internal.msg.Msg;
import dev.tractor.internal.serve.EnabledClasses;
import dev.tractor.internal.spawn.ParentWatch;
import dev.tractor.ipc.Address;
import dev.tractor.ipc.IpcException;
import dev.tractor.ipc.Secret;
import dev.tractor.sc.Nursery;
import dev.tractor.sc.Sc;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The entry point of a child actor's JVM; the parent starts it, nobody else should:
 * {@code java ... dev.tractor.internal.runtime.ActorProcess --name N --uuid U --parent ADDRESS [--bind ADDRESS]...}, with
 * the tree's secret in the environment variable {@code TRACTOR_SECRET}.
 *
 * <p>The child first binds its own server (the {@code --bind} addresses of its
 * {@link ActorOptions#withBindAddresses options}, else its default address): the bind addresses travel on
 * the command line rather than in the {@code SpawnSpec}, so that an address that cannot be bound ends the
 * child before it connects, and the parent's spawn fails with {@link ActorStartFailed}. The child connects to its parent, proves the secret, receives its {@code SpawnSpec} (the classes
 * it enables), serves calls until it is cancelled (by its parent's request, by the loss of its parent's
 * connection, or by its parent's death, which {@link ParentWatch} notices even after a SIGKILL), then
 * tears down its own children and exits. If the actor's own code ends the JVM instead
 * ({@code System.exit}), the shutdown hook says so to the parent and closes its connection at once: the
 * parent counts that exit as a death, whatever its status, and fails its calls here without waiting.
 */
public final class ActorProcess {
    /** Exit status when the command line or environment is wrong. */
    static final int USAGE = 2;

    /** The exit status of a child that could not listen on its addresses (it says why on its stderr). */
    static final int CANNOT_LISTEN = 3;
    /** How long after the parent's death the process is halted if its teardown has not ended. */
    static final Duration HALT_AFTER_PARENT_DEATH = Duration.ofSeconds(5);

    /** How long a SIGTERM waits for the actor's teardown: less than the parent's grace before SIGKILL. */
    static final Duration SIGTERM_TEARDOWN = Duration.ofMillis(800);

    /** What a child whose own code ends its JVM says to its parent; the parent's ActorDied quotes it. */
    static final String EXIT_CALLED = "its own code called System.exit";

    private static final System.Logger LOG = System.getLogger("dev.tractor");
    /** Set when {@link #main} itself ends the JVM: an exit the runtime made, after the actor's teardown. */
    private static volatile boolean exiting;

    private ActorProcess() {
    }

    /**
     * Runs the child actor; see the class comment.
     *
     * @param args {@code --name N --uuid U --parent ADDRESS}, then {@code --bind ADDRESS} for each address
     *     to listen on (none: the default one)
     */
    public static void main(String[] args) {
        ShutdownSignals.ignoreInterrupts(); // Ctrl-C is the root's to act on: it ends the tree in order
        ShutdownSignals.install(); // SIGTERM is recorded (about 1 ms): the shutdown hook tells it from System.exit
        String name = option(args, "--name");
        String uuid = option(args, "--uuid");
        String parent = option(args, "--parent");
        String secret = System.getenv(ActorRuntime.SECRET_ENV);
        if (name == null || uuid == null || parent == null || secret == null) {
            System.err.println("ActorProcess is started by a parent actor: --name, --uuid, --parent and the "
                    + ActorRuntime.SECRET_ENV + " environment variable are required");
            System.exit(USAGE);
        }
        List<Address> bind = new java.util.ArrayList<>();
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals("--bind")) {
                bind.add(Address.parse(args[i + 1]));
            }
        }
        ActorRuntime rt;
        try {
            rt = ActorRuntime.install(name, uuid, false, Secret.fromBase64(secret), EnabledClasses.of(List.of()),
                    bind);
        } catch (TractorException e) {
            System.err.println("actor '" + name + "' cannot start: " + e.getMessage());
            System.exit(CANNOT_LISTEN);
            return;
        }
        ParentWatch.start(() -> rt.cancel("the parent process died"), HALT_AFTER_PARENT_DEATH);
        // SIGTERM (the ladder's second step, or Ctrl-C in a terminal) cancels the actor, so that its
        // finally blocks run, within the grace the parent gives before SIGKILL.
        CountDownLatch ended = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (!exiting && ShutdownSignals.received().isEmpty()) {
                // Neither the runtime nor a signal ends the JVM: the actor's own code called System.exit,
                // in a task that will never return. The parent hears it now, and counts it as a death.
                // The teardown is still started, but not waited for: the exiting task keeps it from ending.
                sayExitingToParent(rt);
                rt.cancel("the actor's code called System.exit");
                return;
            }
            rt.cancel("the process received a shutdown signal");
            try {
                ended.await(SIGTERM_TEARDOWN.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "tractor-shutdown"));
        int status = 0;
        try {
            Sc.run(() -> Nursery.open(service -> {
                rt.start(service);
                Msg.SpawnSpec spec = rt.connectToParent(Address.parse(parent));
                service.startSoon("register", () -> register(rt, spec));
                Sc.sleepForever();
            }));
        } catch (Throwable t) {
            LOG.log(Level.ERROR, "actor " + rt.uid() + " failed", t);
            status = 1;
        } finally {
            // What the actor printed goes out before its connection closes: the parent may end the JVM
            // (SIGKILL) soon after that.
            System.out.flush();
            System.err.flush();
            FlightRecordings.writeBeforeExit(); // as for its output: before the parent may SIGKILL it
            rt.closeLifetime(); // after every task of the actor (Sc.run has returned), before the parent hears
            rt.shutDown();
            ended.countDown();
        }
        exiting = true;
        System.exit(status);
    }

    /**
     * Says to the parent, over its connection, that this actor is exiting without having been asked to (an
     * {@code Error} without a {@code cid}), and closes that connection (after what is queued, bounded), so
     * that the parent fails its calls here and counts the exit as a death now, not once the JVM has gone.
     * For the shutdown hook; never throws.
     */
    private static void sayExitingToParent(ActorRuntime rt) {
        Peer parent = rt.parentPeer();
        if (parent == null) {
            return; // not connected yet: its parent sees a failed start
        }
        try {
            parent.sendControl(ErrorBoxing.box(new ActorDied(EXIT_CALLED), rt.uid(), Optional.empty()));
        } catch (IpcException gone) {
            // the connection has ended: the parent learns from the exit alone
        }
        parent.channel().close();
    }

    /** Registers with the registrar the parent named, in the background; a failure is only logged. */
    private static void register(ActorRuntime rt, Msg.SpawnSpec spec) {
        List<Address> registry = new java.util.ArrayList<>();
        for (Object a : spec.registryAddresses()) {
            registry.add(Address.parse(String.valueOf(a)));
        }
        try { // with no registry addresses too: that ends the joining that lookups wait for
            if (Boolean.TRUE.equals(spec.runtimeVars().get(Discovery.PARENT_IS_REGISTRAR))) {
                rt.discovery().joinThroughParent(rt.parentPeer(), registry);
            } else {
                rt.discovery().join(registry, java.util.Optional.of(rt.parentUuid()), false);
            }
        } catch (TractorException e) {
            // Not worth a warning while the actor is ending anyway (its tree may be going away).
            LOG.log(rt.isEnding() ? Level.DEBUG : Level.WARNING, "actor " + rt.uid() + " could not register with "
                    + "the registrar: " + e.getMessage());
        }
    }

    private static String option(String[] args, String name) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return null;
    }
}
