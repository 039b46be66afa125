package dev.tractor.internal.events;

/**
 * The actor of this process, as the events name it. A plain holder, not an event: the runtime sets it as an
 * actor starts, and that must not load the JFR classes (an actor with no recording never loads them).
 */
public final class ThisActor {
    private static volatile String name = "";
    private static volatile String uuid = "";

    private ThisActor() {
    }

    /** This process's actor is {@code name} ({@code uuid}); set once, by the runtime as it installs. */
    public static void is(String name, String uuid) {
        ThisActor.name = name;
        ThisActor.uuid = uuid;
    }

    static String name() {
        return name;
    }

    static String uuid() {
        return uuid;
    }
}
