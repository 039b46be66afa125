package dev.tractor.internal.events;

import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.Timespan;

/**
 * A parent started a child actor: from the launch of its JVM until it had connected back and received its
 * {@code SpawnSpec} (the event's duration is the child's start-up time), or until its start failed. The wait
 * for a turn to launch (at most so many children start at once) is a field of its own, not in the duration.
 */
@Name("dev.tractor.ActorSpawn")
@Label("Actor Spawn")
@Description("A child actor was started: the duration is its start-up, from launching its JVM until it had "
        + "connected back and received its SpawnSpec")
public final class ActorSpawnEvent extends ActorEvent {
    @Label("Child")
    @Description("The child actor's name")
    String child;

    @Label("Child UUID")
    String childUuid;

    @Label("Child PID")
    @Description("The child's process id, or -1 if its JVM was not launched")
    long pid;

    @Label("Admission Wait")
    @Description("How long the start waited for its turn to launch (tractor.spawn.maxConcurrentStarts) before "
            + "the event's duration began")
    @Timespan(Timespan.NANOSECONDS)
    long admissionWait;

    @Label("Outcome")
    @Description("started, cancelled, or error <type> if the start failed")
    String outcome;

    private transient long requested; // System.nanoTime() when the start was asked for

    /** The start of a spawn: begun now. */
    static ActorSpawnEvent started() {
        ActorSpawnEvent event = new ActorSpawnEvent();
        event.requested = System.nanoTime();
        event.begin();
        return event;
    }

    /** The start had its turn and launches now: what came before is the admission wait, and timing restarts. */
    void launching() {
        long waited = System.nanoTime() - requested;
        admissionWait = Math.max(0, waited);
        begin();
    }

    /** The spawn of {@code child} has ended: it started ({@code failure} null) or failed with {@code failure}. */
    void end(String child, String childUuid, long pid, Throwable failure) {
        if (shouldCommit()) {
            byThisActor();
            this.child = child;
            this.childUuid = childUuid;
            this.pid = pid;
            this.outcome = failure == null ? "started" : Outcome.of(failure);
            commit();
        }
    }
}
