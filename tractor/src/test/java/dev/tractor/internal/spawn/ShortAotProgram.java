package dev.tractor.internal.spawn;

import dev.tractor.Tractor;
import java.util.List;

/**
 * A program of about two seconds, as a user's short job is: one one-shot actor that works for a second and
 * a half and returns the JVM arguments of its process, which the root prints as {@code child: args}.
 */
public final class ShortAotProgram {
    private ShortAotProgram() {
    }

    public static void main(String[] args) throws Exception {
        Object arguments = Tractor.openNursery(an -> an.runInActor("job", ShortAotProgram::work).result());
        System.out.println("child: " + arguments);
    }

    /** Works (sleeps) for 1.5 s, then returns the JVM arguments of this actor's process, one string. */
    public static String work() throws InterruptedException {
        Thread.sleep(1500);
        return String.join(" ", ProcessHandle.current().info().arguments().map(List::of).orElse(List.of()));
    }
}
