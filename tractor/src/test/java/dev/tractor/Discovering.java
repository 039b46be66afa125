package dev.tractor;

import dev.tractor.discovery.RegistryEntry;
import dev.tractor.sc.Timeouts;
import java.time.Duration;
import java.util.List;

/** Functions that the discovery tests run in child actors. */
public final class Discovering {
    private Discovering() {
    }

    /** The names in the registry, as this actor sees it. */
    public static List<String> names() {
        return Tractor.registry().stream().map(RegistryEntry::name).toList();
    }

    /** Waits for the actor named {@code name}, then asks it for its pid. */
    public static long waitAndAskPid(String name) {
        return Tractor.waitForActor(name, p -> p.run(Work::pid));
    }

    /** Waits at most {@code millis} for an actor named {@code name}; whether it came. */
    public static boolean waitBriefly(String name, int millis) {
        return Timeouts.moveOnAfter(Duration.ofMillis(millis),
                () -> Tractor.waitForActor(name, p -> true)).orElse(false);
    }

    /** Finds the actor named {@code name} and asks it for its pid; -1 if there is none. */
    public static long findAndAskPid(String name) {
        return Tractor.findActor(name, p -> p.run(Work::pid)).orElse(-1L);
    }
}
