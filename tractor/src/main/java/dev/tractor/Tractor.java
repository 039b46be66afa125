package dev.tractor;

import dev.tractor.discovery.RegistryEntry;
import dev.tractor.internal.debug.DebugMode;
import dev.tractor.internal.discovery.Cookie;
import dev.tractor.internal.discovery.Discovery;
import dev.tractor.internal.discovery.Registry;
import dev.tractor.internal.ipc.Peer;
import dev.tractor.internal.runtime.ActorNurseryImpl;
import dev.tractor.internal.runtime.ActorRuntime;
import dev.tractor.internal.runtime.PortalImpl;
import dev.tractor.internal.runtime.ShutdownSignals;
import dev.tractor.internal.serve.EnabledClasses;
import dev.tractor.internal.spawn.ChildJvm;
import dev.tractor.internal.spawn.SpawnMethod;
import dev.tractor.ipc.Address;
import dev.tractor.ipc.Secret;
import dev.tractor.sc.Action;
import dev.tractor.sc.Computation;
import dev.tractor.sc.Event;
import dev.tractor.sc.Nursery;
import dev.tractor.sc.Sc;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Where a program enters the actor world.
 *
 * <pre>{@code
 * long total = Tractor.openNursery(an -> {
 *     Portal worker = an.startActor("worker", ActorOptions.enable(Primes.class));
 *     boolean prime = worker.run(Primes::isPrime, 112272535095293L);
 *     Portal once = an.runInActor("sum", Work::sum, 10);
 *     return once.<Long>result();
 * });
 * }</pre>
 *
 * <p>{@link #run} starts this process's <b>root actor</b> (one per process) around a body;
 * {@link #openNursery} opens an {@link ActorNursery}, starting a root first if none runs. Ctrl-C (SIGINT)
 * or SIGTERM to the root cancels the whole tree in order: the body and every child are cancelled,
 * {@code finally} blocks run, every process is reaped, and then the JVM exits (status 130 for Ctrl-C).
 */
public final class Tractor {
    /** How long a shutdown signal waits for the tree to be torn down before the JVM exits anyway. */
    static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(15);
    /** After a signal, how long the JVM waits for the thread that ran the root to end with its exception. */
    static final Duration CALLER_GRACE = Duration.ofSeconds(1);

    private static final SpawnMethod SPAWN = new ChildJvm();

    private Tractor() {
    }

    /**
     * Runs {@code body} in a new root actor named {@code root}; see {@link #run(String, ActorOptions, Computation)}.
     */
    public static <T> T run(Computation<T, ? extends Exception> body) throws Exception {
        return run("root", ActorOptions.defaults(), body);
    }

    /**
     * Starts this process's root actor named {@code name}, runs {@code body} in it, then shuts the actor
     * down, and returns what the body returned. The root serves calls to the classes {@code options}
     * enables, from any actor that holds the tree's secret. Blocks until everything has ended.
     *
     * @throws TractorException if a root already runs in this process
     * @throws RootCancelled if the root was cancelled (by a shutdown signal, which it names, or a cancel
     *     request) before the body returned
     * @throws Exception whatever the body throws
     */
    public static <T> T run(String name, ActorOptions options, Computation<T, ? extends Exception> body) throws Exception {
        options.runtimeProperties().forEach(System::setProperty); // this process's children inherit them
        DebugMode.moreCarriersForTheRoot();
        ActorRuntime rt = ActorRuntime.install(name, UUID.randomUUID().toString(), true, treeSecret(options),
                EnabledClasses.of(options.enabled()), options.bindAddresses());
        CountDownLatch ended = new CountDownLatch(1);
        ShutdownSignals signals = ShutdownSignals.install();
        Thread caller = Thread.currentThread();
        Thread hook = new Thread(() -> {
            rt.cancel("the process received " + ShutdownSignals.received().orElse("a shutdown signal"));
            try {
                ended.await(SHUTDOWN_WAIT.toMillis(), TimeUnit.MILLISECONDS);
                // After a signal, give the caller (main, usually) a moment to end with the RootCancelled it
                // now raises, so that its stack trace or handler runs before the JVM halts. (Not for an
                // exit the program asked for: its caller may be the thread in System.exit.)
                if (ShutdownSignals.received().isPresent()) {
                    caller.join(CALLER_GRACE.toMillis());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "tractor-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            Object[] result = new Object[1];
            boolean[] done = new boolean[1];
            Sc.run(() -> Nursery.open(service -> {
                rt.start(service);
                rt.discovery().join(options.registryAddresses().isEmpty() ? Discovery.defaultAddresses()
                        : options.registryAddresses(), java.util.Optional.empty(), !options.isJoiningOnly());
                rt.startDebugger(service); // in debug mode, before the body: it watches from the start
                result[0] = runBody(body);
                done[0] = true;
                service.cancelScope().cancel("the root's body has returned");
            }));
            if (!done[0]) {
                Optional<String> signal = ShutdownSignals.received();
                throw new RootCancelled("root actor " + rt.uid() + " was cancelled before its body returned"
                        + signal.map(s -> ", by " + s + (s.equals("SIGINT") ? " (Ctrl-C)" : "")).orElse(""), signal);
            }
            @SuppressWarnings("unchecked")
            T typed = (T) result[0];
            return typed;
        } finally {
            rt.closeLifetime(); // after every task of the root: Sc.run has returned
            rt.shutDown();
            signals.restore();
            ended.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running: it waits for `ended`, which is now counted down
            }
        }
    }

    /**
     * Runs the root's body. In debug mode the tree's debugger stops where an exception is about to be caught
     * here, with the raising frames still live (a post-mortem, ADR 0021): keep the name and the catch.
     */
    private static <T> T runBody(Computation<T, ? extends Exception> body) throws Exception {
        try {
            return body.compute();
        } catch (Throwable t) {
            throw t;
        }
    }

    /**
     * Opens an {@link ActorNursery}, runs {@code body} with it, and returns what the body returned once
     * every child actor has been reaped. Inside a running actor it opens the nursery there; otherwise it
     * first starts a root actor around it (as {@link #run(Computation)}). Blocks; cancellable like any
     * nursery (the children are then cancelled and reaped before it returns).
     */
    public static <T> T openNursery(ActorNurseryBody<T> body) throws Exception {
        ActorRuntime rt = ActorRuntime.currentOrNull();
        if (rt != null && Sc.inTask()) {
            return ActorNurseryImpl.open(rt, SPAWN, body);
        }
        return run(() -> ActorNurseryImpl.open(ActorRuntime.current(), SPAWN, body));
    }

    /**
     * Connects to the actor listening at {@code address} (any actor that holds this tree's secret: a
     * sibling, or an actor of another program started with the same secret), runs {@code body} with a
     * portal to it, and closes the connection. Connecting blocks briefly (not a checkpoint); the body is
     * as cancellable as what it does. The portal calls functions and opens contexts like any other;
     * {@link Portal#cancelActor()} asks that actor to cancel itself; {@link Portal#result()} does not apply.
     *
     * @throws NoRuntime if no actor runtime runs in this process
     * @throws TractorException if nothing listens there, or the handshake fails (another secret)
     */
    public static <T, X extends Exception> T connect(Address address, PortalBody<T, X> body) throws X {
        ActorRuntime rt = ActorRuntime.current();
        return withPortal(rt, rt.connect(address), body);
    }

    /** Runs {@code body} with a portal over {@code peer}, a connection this actor made, then closes it. */
    private static <T, X extends Exception> T withPortal(ActorRuntime rt, Peer peer, PortalBody<T, X> body)
            throws X {
        try {
            return body.run(new PortalImpl(rt, peer));
        } finally {
            rt.disconnect(peer);
        }
    }

    // ---- discovery ---------------------------------------------------------------------------------

    /**
     * Every actor registered with this tree's registrar, oldest first. A checkpoint (a call to the
     * registrar, unless this actor is it).
     *
     * @throws NoRuntime outside a runtime
     * @throws TractorException if this actor knows no registrar
     */
    public static List<RegistryEntry> registry() {
        return ActorRuntime.current().discovery().all();
    }

    /**
     * Where the actor named {@code name} is: the newest registered actor of that name (names need not be
     * unique; see {@link #queryActors}). A checkpoint.
     */
    public static Optional<RegistryEntry> queryActor(String name) {
        List<RegistryEntry> all = queryActors(name);
        return all.isEmpty() ? Optional.empty() : Optional.of(all.getLast());
    }

    /** Every registered actor named {@code name}, oldest first. A checkpoint. */
    public static List<RegistryEntry> queryActors(String name) {
        return ActorRuntime.current().discovery().find(name);
    }

    /**
     * Connects to the actor named {@code name} (the newest of that name) and runs {@code body} with a
     * portal to it, as {@link #connect} does; empty if no actor of that name is registered, or if the one
     * registered is a process of this host that is gone (killed before the registrar noticed). A checkpoint
     * while it asks the registrar.
     */
    public static <T, X extends Exception> Optional<T> findActor(String name, PortalBody<T, X> body) throws X {
        Optional<RegistryEntry> entry = queryActor(name);
        if (entry.isEmpty() || Registry.isGone(entry.get())) { // a registrar elsewhere may not know it yet
            return Optional.empty();
        }
        return Optional.ofNullable(connect(entry.get(), body));
    }

    /**
     * Waits until an actor named {@code name} is registered, then connects to it (the newest of that
     * name) and runs {@code body} with a portal to it. A checkpoint: cancelling the caller ends the wait
     * (the registrar stops waiting too).
     */
    public static <T, X extends Exception> T waitForActor(String name, PortalBody<T, X> body) throws X {
        return connect(ActorRuntime.current().discovery().await(name), body);
    }

    /** Connects to the first of the entry's addresses that answers. */
    private static <T, X extends Exception> T connect(RegistryEntry entry, PortalBody<T, X> body) throws X {
        ActorRuntime rt = ActorRuntime.current();
        TractorException last = null;
        for (Address a : entry.addresses()) {
            Peer peer;
            try {
                peer = rt.connect(a);
            } catch (TractorException e) {
                last = e;
                continue;
            }
            return withPortal(rt, peer, body);
        }
        throw new TractorException("cannot reach actor " + entry.uid() + " at any of " + entry.addresses(), last);
    }

    /**
     * Runs a root that serves calls to the classes {@code options} enables until it is cancelled (Ctrl-C,
     * SIGTERM, or another actor's {@link Portal#cancelActor}): a daemon that other programs find through
     * the registrar (Python tractor's {@code run_daemon}). Blocks until then.
     *
     * @throws TractorException if a root already runs in this process
     */
    public static void runDaemon(String name, ActorOptions options) throws Exception {
        runDaemon(name, options, () -> { });
    }

    /**
     * Like {@link #runDaemon(String, ActorOptions)}, running {@code ready} in the root first, once it has
     * found or become the registrar and registered (to announce that it serves, say). If {@code ready}
     * throws, the daemon ends with that exception.
     */
    public static void runDaemon(String name, ActorOptions options, Action<? extends Exception> ready) throws Exception {
        try {
            run(name, options, () -> {
                ready.run();
                Sc.sleepForever();
                return null;
            });
        } catch (RootCancelled cancelled) {
            // cancelled from outside: that is how a daemon ends
        }
    }

    /**
     * Opens every context of {@code calls} at once (each in a task of its own), runs {@code body} when
     * all have started, then waits for every remote task to end (Python tractor's {@code gather_contexts}).
     * If a context cannot be opened, or the body throws, the others are cancelled. A checkpoint throughout.
     *
     * @return what the body returned
     */
    public static <S, T> T gatherContexts(List<ContextCall<S, ?>> calls, GatheredBody<S, T> body) throws Exception {
        int n = calls.size();
        List<Context<S>> contexts = new ArrayList<>(Collections.nCopies(n, null));
        List<S> firsts = new ArrayList<>(Collections.nCopies(n, null));
        AtomicInteger open = new AtomicInteger();
        Event allOpen = new Event();
        Event done = new Event();
        Object[] value = new Object[1];
        if (n == 0) {
            allOpen.set();
        }
        Nursery.open(nursery -> {
            for (int i = 0; i < n; i++) {
                int index = i;
                ContextCall<S, ?> call = calls.get(i);
                nursery.startSoon("gathered " + call, () -> call.open((ctx, first) -> {
                    synchronized (contexts) {
                        contexts.set(index, ctx);
                        firsts.set(index, first);
                    }
                    if (open.incrementAndGet() == n) {
                        allOpen.set();
                    }
                    done.await();
                    return null;
                }));
            }
            allOpen.await();
            List<Context<S>> openContexts;
            List<S> started;
            synchronized (contexts) {
                openContexts = Collections.unmodifiableList(new ArrayList<>(contexts));
                started = Collections.unmodifiableList(new ArrayList<>(firsts));
            }
            value[0] = body.run(openContexts, started);
            done.set();
        });
        @SuppressWarnings("unchecked")
        T typed = (T) value[0];
        return typed;
    }

    /**
     * Starts {@code count} daemon actors named {@code name-0}, {@code name-1}, ... with {@code options}, all
     * at once, runs {@code body} with their portals, and ends them (Python tractor's
     * {@code open_actor_cluster}). Inside an actor the cluster belongs to that actor; otherwise a root is
     * started around it. Blocks until every actor has been reaped; cancellable like a nursery.
     *
     * @throws IllegalArgumentException if {@code count} is not positive
     */
    public static <T> T openActorCluster(String name, int count, ActorOptions options, ClusterBody<T> body)
            throws Exception {
        if (count <= 0) {
            throw new IllegalArgumentException("a cluster has at least one actor, not " + count);
        }
        return openNursery(an -> {
            Portal[] portals = new Portal[count];
            Nursery.open(starting -> {
                for (int i = 0; i < count; i++) {
                    int index = i;
                    starting.startSoon("start " + name + "-" + i,
                            () -> portals[index] = an.startActor(name + "-" + index, options));
                }
            });
            return body.run(List.of(portals));
        });
    }

    /**
     * The actor this code runs in. Not a checkpoint; never blocks.
     *
     * @throws NoRuntime if no actor runtime runs in this process
     */
    public static Actor currentActor() {
        return ActorRuntime.current().actor();
    }

    /**
     * Ties {@code resource} to the life of the actor this code runs in: it is closed when the actor ends,
     * after every task of the actor has ended, whatever ends it (its body returns, an error, a cancel from its
     * parent, SIGINT or SIGTERM). For what foreign asynchronous code runs on: an {@code ExecutorService}
     * (whose {@code close} waits for its tasks), or an event loop, as {@code () -> group.shutdownGracefully().sync()}.
     * Resources close in the reverse order of their registration; one whose {@code close} fails is logged
     * ({@code dev.tractor}, WARNING) and the others still close. A child actor that its parent ends through the
     * teardown ladder closes them within the ladder's time (3 s after its cancel was acknowledged); a child
     * that gets SIGTERM (the ladder's next step, or an operator's {@code kill}) has 800 ms for its whole
     * teardown, closes included, before its JVM ends (its parent's SIGKILL follows 1 s after the SIGTERM): a
     * close that takes longer is cut short there. SIGINT is the root's: a child ignores it, and the root's
     * teardown ends the children in order. Not a checkpoint; never blocks.
     *
     * @throws NoRuntime if no actor runtime runs in this process
     */
    public static void closeWithActor(AutoCloseable resource) {
        ActorRuntime.current().closeWithActor(java.util.Objects.requireNonNull(resource, "resource"));
    }

    /**
     * A breakpoint: stops the calling thread for the tree's debugger, in debug mode
     * ({@link ActorOptions#withDebugMode()} on the root, or {@code -Dtractor.debug=true}). The root's terminal
     * opens a REPL on it, naming the actor and its pid and showing the line: {@code where}, {@code up},
     * {@code down}, {@code list}, {@code locals}, {@code args}, {@code print EXPR}, {@code next}, {@code step},
     * {@code return}, {@code continue}, {@code quit} ({@code help} lists them; see
     * {@code docs/guide/debugging.md}). Several actors that stop at once get the terminal one at a time, in the
     * order they stopped. The rest of the tree runs on meanwhile. {@code quit} ends the paused task with an
     * error that says the user quit the debugger, which reaches the actor's parent like any remote error.
     *
     * <p>Works in any actor of the tree (in a function serving a call or a context, or in a task), and in the
     * root when the root's JVM was started with a JDWP agent on a fixed loopback port
     * ({@code -agentlib:jdwp=transport=dt_socket,server=y,suspend=n,address=127.0.0.1:PORT}: a running JVM
     * cannot be given one). A checkpoint in a task: a task cancelled while it waits for its turn at the
     * terminal leaves with {@code Cancelled} at once (the REPL says that it went on), and one cancelled while
     * its REPL is open leaves with {@code Cancelled} when the debugger lets it go. Outside a task it returns
     * when the debugger lets the thread go.
     *
     * @throws IllegalStateException outside debug mode; in a tree in debug mode for an IDE
     *     ({@code -Dtractor.debug=ide}); in a root started without a JDWP agent (the message says which option
     *     to add)
     * @throws NoRuntime if no actor runtime runs in this process
     */
    public static void pause() {
        ActorRuntime.current().pause();
    }

    /**
     * A child inherits its tree's secret from its parent (the environment); a root takes the one its
     * options give, else the environment's, else the user's cookie ({@link Cookie}).
     */
    private static Secret treeSecret(ActorOptions options) {
        if (options.secret().isPresent()) {
            return options.secret().get();
        }
        String inherited = System.getenv(ActorRuntime.SECRET_ENV);
        return inherited != null ? Secret.fromBase64(inherited) : Cookie.secret();
    }
}
