package dev.tractor.internal.runtime;

import dev.tractor.ActorDied;
import dev.tractor.ActorNursery;
import dev.tractor.ActorNurseryBody;
import dev.tractor.ActorNurseryClosed;
import dev.tractor.ActorOptions;
import dev.tractor.Fn0;
import dev.tractor.Fn1;
import dev.tractor.Fn2;
import dev.tractor.Fn3;
import dev.tractor.Fn4;
import dev.tractor.Proc0;
import dev.tractor.Proc1;
import dev.tractor.Proc2;
import dev.tractor.Proc3;
import dev.tractor.Proc4;
import dev.tractor.Portal;
import dev.tractor.internal.msg.Payload;
import dev.tractor.internal.serve.FunctionRef;
import dev.tractor.internal.spawn.SpawnMethod;
import dev.tractor.sc.Action;
import dev.tractor.sc.CancelScope;
import dev.tractor.sc.Nursery;
import java.io.Serializable;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The runtime's {@link ActorNursery}: starts children on a nursery of tasks and reaps them all when its block ends. */
public final class ActorNurseryImpl implements ActorNursery {
    private static final System.Logger LOG = System.getLogger("dev.tractor");

    private final ActorRuntime runtime;
    private final SpawnMethod spawnMethod;
    private final Nursery tasks;
    /** Guards {@link #closed}, {@link #starting} and {@link #children}. */
    private final Object lock = new Object();
    /** Set when the block has ended and the reaping begins: no child is taken after that. */
    private boolean closed;
    /** Children whose start is under way (their starting task owns them until they are handed over). */
    private final Set<ChildActor> starting = new LinkedHashSet<>();
    /** Children handed over to this nursery and not reaped yet (this nursery owns them). */
    private final List<ChildActor> children = new ArrayList<>();
    /** The first death of a child while the nursery was not cancelled; it must come out of the nursery. */
    private volatile ActorDied firstDeath;

    private ActorNurseryImpl(ActorRuntime runtime, SpawnMethod spawnMethod, Nursery tasks) {
        this.runtime = runtime;
        this.spawnMethod = spawnMethod;
        this.tasks = tasks;
    }

    /** Opens a nursery in the current runtime, runs {@code body}, and reaps every child; see the class comment. */
    public static <T> T open(ActorRuntime runtime, SpawnMethod spawnMethod, ActorNurseryBody<T> body) throws Exception {
        Object[] result = new Object[1];
        ActorNurseryImpl[] self = new ActorNurseryImpl[1];
        try {
            Nursery.open(n -> {
                self[0] = new ActorNurseryImpl(runtime, spawnMethod, n);
                result[0] = body.run(self[0]);
            });
        } finally {
            if (self[0] != null) {
                self[0].reapAll();
            }
        }
        // A death that no task raised (the call it failed was caught, or the body had just ended when it
        // came) still fails the nursery, as one that came in time does.
        ActorDied died = self[0].firstDeath;
        if (died != null) {
            throw died;
        }
        @SuppressWarnings("unchecked")
        T typed = (T) result[0];
        return typed;
    }

    @Override
    public Portal startActor(String name, ActorOptions options) {
        return new PortalImpl(start(name, options), false);
    }

    /**
     * Starts a child and hands it over to this nursery. A start is admitted only while the nursery is
     * open; if the nursery closes while the child starts, {@link #reapAll} aborts the start, or, if the
     * child has just started, this reaps it; either way the caller gets {@link ActorNurseryClosed} and no
     * process outlives the nursery.
     */
    private ChildActor start(String name, ActorOptions options) {
        ChildActor child;
        synchronized (lock) {
            if (closed) {
                throw new ActorNurseryClosed("actor '" + name + "' cannot start: its actor nursery has closed "
                        + "(start actors from the nursery's block, or from tasks that end before it does)");
            }
            child = ChildActor.create(runtime, name);
            starting.add(child);
        }
        try {
            child.start(spawnMethod, options, why -> childDied(child.death().orElseGet(() -> new ActorDied(why))));
        } catch (Throwable t) {
            synchronized (lock) {
                starting.remove(child);
            }
            throw t;
        }
        boolean handedOver;
        synchronized (lock) {
            starting.remove(child);
            handedOver = !closed;
            if (handedOver) {
                children.add(child);
            }
        }
        if (!handedOver) {
            child.reap();
            throw closedWhileStarting(name);
        }
        return child;
    }

    private static ActorNurseryClosed closedWhileStarting(String name) {
        return new ActorNurseryClosed("actor '" + name + "' did not start: its actor nursery closed while it "
                + "was starting, and ended it");
    }

    @Override
    public <R> Portal runInActor(String name, Fn0<R> fn) {
        return oneShot(name, ActorOptions.defaults(), fn);
    }

    @Override
    public <A, R> Portal runInActor(String name, Fn1<A, R> fn, A a) {
        return oneShot(name, ActorOptions.defaults(), fn, a);
    }

    @Override
    public <A, B, R> Portal runInActor(String name, Fn2<A, B, R> fn, A a, B b) {
        return oneShot(name, ActorOptions.defaults(), fn, a, b);
    }

    @Override
    public <A, B, C, R> Portal runInActor(String name, Fn3<A, B, C, R> fn, A a, B b, C c) {
        return oneShot(name, ActorOptions.defaults(), fn, a, b, c);
    }

    @Override
    public <A, B, C, D, R> Portal runInActor(String name, Fn4<A, B, C, D, R> fn, A a, B b, C c, D d) {
        return oneShot(name, ActorOptions.defaults(), fn, a, b, c, d);
    }

    @Override
    public Portal runInActor(String name, Proc0 fn) {
        return oneShot(name, ActorOptions.defaults(), fn);
    }

    @Override
    public <A> Portal runInActor(String name, Proc1<A> fn, A a) {
        return oneShot(name, ActorOptions.defaults(), fn, a);
    }

    @Override
    public <A, B> Portal runInActor(String name, Proc2<A, B> fn, A a, B b) {
        return oneShot(name, ActorOptions.defaults(), fn, a, b);
    }

    @Override
    public <A, B, C> Portal runInActor(String name, Proc3<A, B, C> fn, A a, B b, C c) {
        return oneShot(name, ActorOptions.defaults(), fn, a, b, c);
    }

    @Override
    public <A, B, C, D> Portal runInActor(String name, Proc4<A, B, C, D> fn, A a, B b, C c, D d) {
        return oneShot(name, ActorOptions.defaults(), fn, a, b, c, d);
    }

    @Override
    public <R> Portal runInActor(String name, ActorOptions options, Fn0<R> fn) {
        return oneShot(name, options, fn);
    }

    @Override
    public <A, R> Portal runInActor(String name, ActorOptions options, Fn1<A, R> fn, A a) {
        return oneShot(name, options, fn, a);
    }

    @Override
    public <A, B, R> Portal runInActor(String name, ActorOptions options, Fn2<A, B, R> fn, A a, B b) {
        return oneShot(name, options, fn, a, b);
    }

    @Override
    public <A, B, C, R> Portal runInActor(String name, ActorOptions options, Fn3<A, B, C, R> fn, A a, B b, C c) {
        return oneShot(name, options, fn, a, b, c);
    }

    @Override
    public <A, B, C, D, R> Portal runInActor(String name, ActorOptions options, Fn4<A, B, C, D, R> fn, A a, B b, C c, D d) {
        return oneShot(name, options, fn, a, b, c, d);
    }

    @Override
    public Portal runInActor(String name, ActorOptions options, Proc0 fn) {
        return oneShot(name, options, fn);
    }

    @Override
    public <A> Portal runInActor(String name, ActorOptions options, Proc1<A> fn, A a) {
        return oneShot(name, options, fn, a);
    }

    @Override
    public <A, B> Portal runInActor(String name, ActorOptions options, Proc2<A, B> fn, A a, B b) {
        return oneShot(name, options, fn, a, b);
    }

    @Override
    public <A, B, C> Portal runInActor(String name, ActorOptions options, Proc3<A, B, C> fn, A a, B b, C c) {
        return oneShot(name, options, fn, a, b, c);
    }

    @Override
    public <A, B, C, D> Portal runInActor(String name, ActorOptions options, Proc4<A, B, C, D> fn, A a, B b, C c, D d) {
        return oneShot(name, options, fn, a, b, c, d);
    }

    @Override
    public void cancel() {
        tasks.cancelScope().cancel("the actor nursery was cancelled");
    }

    @Override
    public int childCount() {
        synchronized (lock) {
            return children.size();
        }
    }

    /**
     * A child's process ended without being asked to: that is a failure of this nursery (one cancels all),
     * unless the nursery is already being cancelled, when the death is expected or already reported (a
     * call that the death failed, in the body or a task, has raised it and cancelled the nursery).
     */
    private void childDied(ActorDied death) {
        if (tasks.cancelScope().cancelCalled()) {
            return;
        }
        if (firstDeath == null) {
            firstDeath = death;
        }
        try {
            tasks.startSoon("supervision", () -> {
                throw death; // the same instance as a call that the death failed raises: reported once
            });
        } catch (IllegalStateException closed) {
            LOG.log(Level.DEBUG, "after its nursery ended: {0}", death.getMessage());
        }
    }

    private Portal oneShot(String name, ActorOptions options, Serializable fn, Object... args) {
        FunctionRef ref = FunctionRef.of(fn);
        Map<String, Payload> kwargs = ref.kwargs(args); // an argument that cannot be sent fails before a child starts
        ChildActor child = start(name, options.withEnabledClassNames(ref.ns()));
        PortalImpl portal = new PortalImpl(child, true);
        Action<RuntimeException> result = portal.startAsResult(ref, kwargs); // the function starts now
        try {
            tasks.startSoon("run " + name, () -> {
                // A child that returned is reaped at once. One that failed is left to reapAll, so that its
                // error reaches the nursery (and cancels the siblings) now, and all are reaped together.
                result.run();
                synchronized (lock) {
                    children.remove(child);
                }
                child.reap();
            });
        } catch (IllegalStateException tasksEnded) {
            // The block has just ended: the child was handed over before the nursery closed, so reapAll,
            // which is about to run, reaps it.
            throw new ActorNurseryClosed("actor '" + name + "' cannot run its function: its actor nursery has "
                    + "closed", tasksEnded);
        }
        return portal;
    }

    /**
     * Closes the nursery to new children and reaps every child still here, all at once, shielded; each
     * reap is bounded. Starts under way are aborted, and waited for: their starting tasks end them.
     */
    private void reapAll() throws Exception {
        List<ChildActor> toReap;
        List<ChildActor> toAbort;
        synchronized (lock) {
            closed = true;
            toReap = List.copyOf(children);
            toAbort = List.copyOf(starting);
        }
        List<ChildActor> aborted = new java.util.ArrayList<>();
        for (ChildActor child : toAbort) { // all marked before any wakes (see markAborted)
            if (child.markAborted(() -> closedWhileStarting(child.name()))) {
                aborted.add(child);
            }
        }
        aborted.forEach(ChildActor::wakeAborted);
        if (toReap.isEmpty() && toAbort.isEmpty()) {
            return;
        }
        new CancelScope().shield(true).run(() -> Nursery.open(n -> {
            for (ChildActor child : toReap) {
                n.startSoon("reap " + child.name(), () -> {
                    try {
                        child.reap();
                    } catch (RuntimeException e) {
                        LOG.log(Level.WARNING, "reaping " + child + " failed", e);
                    } finally {
                        synchronized (lock) {
                            children.remove(child);
                        }
                    }
                });
            }
            for (ChildActor child : toAbort) {
                // Its starting task ends it (or, if it had just started, reaps it): a bounded wait.
                n.startSoon("end the start of " + child.name(), child::awaitEnded);
            }
        }));
    }
}
