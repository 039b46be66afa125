package dev.tractor.internal.runtime;

import dev.tractor.ActorOptions;
import dev.tractor.Portal;
import dev.tractor.RemoteActorError;
import dev.tractor.TractorException;
import dev.tractor.internal.debug.DebugMode;
import dev.tractor.internal.debug.Debugger;
import dev.tractor.internal.debug.Repl;
import dev.tractor.internal.spawn.ChildJvm;
import dev.tractor.sc.Nursery;
import dev.tractor.sc.Sc;

/**
 * The root's side of the tree's debugger (ADR 0021): starts the debugger actor, asks it to watch actors, and
 * serves its stops in the root's terminal by calls to it. A class of its own so that nothing of the debugger
 * is loaded outside debug mode.
 */
final class TreeDebuggerClient implements Repl.TreeDebugger {
    private static final System.Logger LOG = System.getLogger("dev.tractor");
    private final Portal debugger;

    private TreeDebuggerClient(Portal debugger) {
        this.debugger = debugger;
    }

    /**
     * Starts the debugger actor in {@code service} (not in debug mode itself) and returns its portal once it
     * runs. A checkpoint.
     */
    static Portal start(ActorRuntime runtime, Nursery service) throws Exception {
        return service.start(Debugger.ACTOR, status -> ActorNurseryImpl.open(runtime, new ChildJvm(), an -> {
            status.started(an.startActor(Debugger.ACTOR, ActorOptions.enable(Debugger.class)
                    .withJvmOptions("-D" + DebugMode.PROPERTY + "=false")));
            Sc.sleepForever();
            return null;
        }));
    }

    /**
     * Has the debugger watch actor {@code name} at its listener's {@code port}; returns once it does. A
     * checkpoint.
     *
     * @throws TractorException if it cannot
     */
    static void watch(Portal debugger, String name, String uuid, long pid, int port) {
        try {
            debugger.run(Debugger::watch, name, uuid, pid, port);
        } catch (RemoteActorError e) {
            throw new TractorException("the tree's debugger cannot watch actor " + name + ": " + e.remoteMessage(), e);
        }
    }

    /** Serves the debugger's stops in this process's terminal, in a task of {@code service}. */
    static void serveStops(Portal debugger, Nursery service) {
        service.startSoon("tractor-debugger-repl", () -> {
            try {
                Repl.serve(new TreeDebuggerClient(debugger));
            } catch (TractorException ended) { // the debugger actor is gone: the tree goes on without it
                if (!service.cancelScope().cancelCalled()) {
                    LOG.log(System.Logger.Level.WARNING, "the tree's debugger has ended: " + ended.getMessage());
                }
            }
        });
    }

    @Override
    public String awaitStop() {
        return debugger.run(Debugger::awaitStop);
    }

    @Override
    public String execute(String line) {
        return debugger.run(Debugger::execute, line);
    }

    @Override
    public boolean stopOpen() {
        return debugger.run(Debugger::stopOpen);
    }
}
