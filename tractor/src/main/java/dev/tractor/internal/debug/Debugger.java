package dev.tractor.internal.debug;

import dev.tractor.sc.Sc;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The tree's debugger (ADR 0021): an actor of its own, {@value #ACTOR}, that the root starts in debug mode.
 * It watches every actor of the tree (a {@link Watch} each, from before the actor runs any user code), queues
 * their stops first come first served, and runs the REPL's commands on the stop whose turn it is, for the
 * root, which owns the terminal ({@link Repl}). Its functions are called by the runtime only.
 *
 * <p>It is a JVM of its own because a JVM cannot be its own debugger safely: a thread of the debugger that
 * stopped on an exception could never be let go.
 */
public final class Debugger {
    /** The debugger actor's name. */
    public static final String ACTOR = "tractor-debugger";
    /** How long attaching, and each command, may take on a loaded machine. */
    static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final Stops STOPS = new Stops();
    private static final Map<String, Watch> WATCHES = new ConcurrentHashMap<>();
    private static volatile DebugSession session; // the stop whose turn it is; one REPL drives it

    private Debugger() {
    }

    /**
     * Watches actor {@code name} (uuid {@code uuid}, pid {@code pid}) through its debugger listener on loopback
     * {@code port}: from when this returns, its pauses and crashes stop. Blocking, not a checkpoint.
     *
     * @throws IOException if it cannot attach
     */
    public static boolean watch(String name, String uuid, long pid, int port) throws IOException {
        WATCHES.put(uuid, Watch.attach(name, pid, port, TIMEOUT, STOPS));
        WATCHES.values().removeIf(Watch::gone);
        return true;
    }

    /**
     * Waits for the next stop, opens its session and returns its heading and the source around it. A
     * checkpoint: cancelling the wait leaves the queue as it was.
     */
    public static String awaitStop() throws InterruptedException {
        Stop stop = Sc.interruptible(STOPS::next);
        DebugSession opened = DebugSession.open(stop, TIMEOUT, SourcePath.fromSystem());
        session = opened;
        String heading = opened.heading();
        return opened.ended() ? heading : heading + "\n" + opened.execute("list");
    }

    /** Runs one command line on the open stop; what it prints. */
    public static String execute(String line) throws InterruptedException {
        DebugSession s = session;
        return s == null || s.ended() ? "no stop is open" : s.execute(line);
    }

    /** Whether a stop is open (its actor has not been let go, and is not gone). */
    public static boolean stopOpen() {
        DebugSession s = session;
        return s != null && !s.ended() && !s.actorGone();
    }
}
