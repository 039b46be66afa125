package dev.tractor.internal.events;

import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;

/** A child actor's process has ended and its parent is done with it. Recorded by the parent. */
@Name("dev.tractor.ActorExit")
@Label("Actor Exit")
@Description("A child actor's process ended (recorded by its parent)")
public final class ActorExitEvent extends ActorEvent {
    @Label("Child")
    @Description("The child actor's name")
    String child;

    @Label("Child UUID")
    String childUuid;

    @Label("Child PID")
    @Description("The child's process id, or -1 if its JVM was not launched")
    long pid;

    @Label("Exit Status")
    @Description("The child process's exit status (-1 if it was not launched or had not exited)")
    int exitStatus;

    @Label("Expected")
    @Description("Whether the parent had asked the child to end (false: it died, or ended by itself, or "
            + "failed its start)")
    boolean expected;

    private ActorExitEvent() {
    }

    /** Records that the child {@code child} has ended. */
    static void emit(String child, String childUuid, long pid, int exitStatus, boolean expected) {
        ActorExitEvent event = new ActorExitEvent();
        if (event.shouldCommit()) {
            event.byThisActor();
            event.child = child;
            event.childUuid = childUuid;
            event.pid = pid;
            event.exitStatus = exitStatus;
            event.expected = expected;
            event.commit();
        }
    }
}
