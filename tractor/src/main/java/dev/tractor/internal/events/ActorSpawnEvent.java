package dev.tractor.internal.events;

import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;

/**
 * A parent started a child actor: from the launch of its JVM until it had connected back and received its
 * {@code SpawnSpec} (the event's duration is the child's start-up time), or until its start failed.
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

    @Label("Outcome")
    @Description("started, cancelled, or error <type> if the start failed")
    String outcome;

    /** The start of a spawn: begun now. */
    static ActorSpawnEvent started() {
        ActorSpawnEvent event = new ActorSpawnEvent();
        event.begin();
        return event;
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
