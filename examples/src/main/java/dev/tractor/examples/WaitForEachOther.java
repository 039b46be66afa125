package dev.tractor.examples;

import dev.tractor.Portal;
import dev.tractor.Tractor;
import dev.tractor.sc.Event;

/**
 * Two actors of one tree that find each other by name, with no portal handed from one to the other: donny
 * waits for gretchen to appear and then greets her (the idea of Python tractor's
 * {@code a_trynamic_first_scene}).
 *
 * <p>Both are one-shot actors ({@code runInActor}). Donny starts first and calls
 * {@code Tractor.waitForActor("gretchen", portal -> ...)}, which waits at the registrar until an actor
 * named {@code gretchen} has registered: a child registers in the background shortly after it starts, so
 * donny is usually waiting for a while. Then he connects to her, calls {@link #hello} in her process, and
 * returns her answer. Gretchen's own function waits until someone has greeted her (an {@link Event} in
 * her JVM, set by {@code hello}) and returns who it was.
 *
 * <p>Gretchen ends only after she has been greeted, so she is there for donny's call. Her answer to it
 * still goes out if the nursery reaps her right after her function returns: {@code hello} sets the event
 * as its last act, and a task that has passed its last checkpoint runs to its end while the actor is
 * cancelled, before the actor's connections close (writing what is queued first).
 */
public final class WaitForEachOther {
    private WaitForEachOther() {
    }

    /** Set in the greeted actor's JVM by {@link #hello}; every actor is a JVM of its own. */
    private static final Event GREETED = new Event();
    private static volatile String greetedBy;

    /** Donny's part: waits for {@code other} to appear, then says hello and returns the answer. */
    public static String greet(String other) {
        String me = Tractor.currentActor().name();
        return Tractor.waitForActor(other, portal -> portal.run(WaitForEachOther::hello, me));
    }

    /** Runs in gretchen, called by donny. */
    public static String hello(String from) {
        greetedBy = from;
        String answer = "Hi " + from + ", I'm " + Tractor.currentActor().name();
        GREETED.set(); // the last act: see the class comment
        return answer;
    }

    /** Gretchen's part: waits until someone has said hello, and says who. */
    public static String awaitGreeting() {
        GREETED.await();
        return Tractor.currentActor().name() + " was greeted by " + greetedBy;
    }

    public static void main(String[] args) throws Exception {
        Tractor.openNursery(an -> {
            System.out.println("Alright... Action!");
            Portal donny = an.runInActor("donny", WaitForEachOther::greet, "gretchen");
            Portal gretchen = an.runInActor("gretchen", WaitForEachOther::awaitGreeting);
            System.out.println("donny heard: " + donny.<String>result());
            System.out.println("gretchen says: " + gretchen.<String>result());
            return null;
        });
        System.out.println("Cut!");
    }
}
