package dev.tractor.internal.events;

import jdk.jfr.FlightRecorder;

/**
 * The runtime's hooks: where it records its Flight Recorder events. Every method first asks whether JFR
 * has started in this process, and touches an event class only if it has: loading the first event class
 * initialises JFR's metadata (over a hundred classes, hundreds of milliseconds on a busy machine), a price
 * that an actor with no recording, whose start-up the tree waits for, must not pay. A duration's start
 * returns null when JFR has not started; its end accepts that null and does nothing.
 */
public final class Events {
    private Events() {
    }

    /** Whether JFR has started here (a recording runs, or ran): loads one class of jdk.jfr, nothing more. */
    static boolean started() {
        return FlightRecorder.isInitialized();
    }

    /** A spawn starts: the parent launches a child. */
    public static ActorSpawnEvent spawnStarted() {
        return started() ? ActorSpawnEvent.started() : null;
    }

    /** The spawn had its turn: it launches the child's JVM now (the wait before is not its start-up). */
    public static void spawnLaunching(ActorSpawnEvent event) {
        if (event != null) {
            event.launching();
        }
    }

    /** The spawn of {@code child} has ended: it started ({@code failure} null) or failed. */
    public static void spawnEnded(ActorSpawnEvent event, String child, String childUuid, long pid, Throwable failure) {
        if (event != null) {
            event.end(child, childUuid, pid, failure);
        }
    }

    /** A child's process has ended (see {@link ActorExitEvent}). */
    public static void actorExited(String child, String childUuid, long pid, int exitStatus, boolean expected) {
        if (started()) {
            ActorExitEvent.emit(child, childUuid, pid, exitStatus, expected);
        }
    }

    /** A call to another actor starts (its {@code Start} goes out). */
    public static CallEvent callStarted() {
        return started() ? CallEvent.started() : null;
    }

    /** The call has ended: returned if {@code failure} is null. */
    public static void callEnded(CallEvent event, String peer, String peerUuid, String ns, String func, String cid,
            Throwable failure) {
        if (event != null) {
            event.end(peer, peerUuid, ns, func, cid, failure);
        }
    }

    /** A call that a peer made here starts. */
    public static ServedCallEvent servedCallStarted() {
        return started() ? ServedCallEvent.started() : null;
    }

    /** The served call has been answered, with {@code outcome} (see {@link Outcome}). */
    public static void servedCallEnded(ServedCallEvent event, String caller, String callerUuid, String ns, String func,
            String cid, String outcome) {
        if (event != null) {
            event.end(caller, callerUuid, ns, func, cid, outcome);
        }
    }

    /** A context starts, on either side. */
    public static ContextEvent contextStarted() {
        return started() ? ContextEvent.started() : null;
    }

    /** Whether the context's event is wanted by a recording: its outcome is worth working out. */
    public static boolean contextWanted(ContextEvent event) {
        return event != null && event.wanted();
    }

    /** The context has ended on this side, with {@code outcome}. */
    public static void contextEnded(ContextEvent event, String peer, String peerUuid, String function, String cid,
            boolean opener, String outcome) {
        if (event != null) {
            event.end(peer, peerUuid, function, cid, opener, outcome);
        }
    }

    /** A cancellation (see {@link CancelEvent}); {@code peer}, {@code cid}, {@code cancelledBy} (this actor), {@code reason} may be null. */
    public static void cancel(CancelKind what, String peer, String peerUuid, String cid, String cancelledBy,
            String reason) {
        if (started()) {
            CancelEvent.emit(what, peer, peerUuid, cid, cancelledBy, reason);
        }
    }

    /** The receive buffer of the stream of context {@code cid} overran here. */
    public static void overrun(String peer, String peerUuid, String function, String cid, int buffer) {
        if (started()) {
            OverrunEvent.emit(peer, peerUuid, function, cid, buffer);
        }
    }
}
