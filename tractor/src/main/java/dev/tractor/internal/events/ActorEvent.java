package dev.tractor.internal.events;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;

/**
 * What every tractor event has: the actor whose process recorded it. Abstract: JFR registers only its
 * subclasses, which inherit these fields and the category.
 */
@Category({"tractor"})
abstract class ActorEvent extends jdk.jfr.Event {
    @Label("Actor")
    @Description("The name of the actor whose process recorded the event")
    String actor;

    @Label("Actor UUID")
    @Description("The uuid of the actor whose process recorded the event")
    String actorUuid;

    /** Fills in this process's actor; for the subclasses, just before they commit. */
    final void byThisActor() {
        actor = ThisActor.name();
        actorUuid = ThisActor.uuid();
    }
}
