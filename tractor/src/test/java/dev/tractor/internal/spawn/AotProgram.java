package dev.tractor.internal.spawn;

import dev.tractor.Portal;
import dev.tractor.Tractor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A root that runs a trivial one-shot actor, waits (up to 25 s) for the AOT cache of its children to appear
 * in {@code args[0]}, then runs another; it prints each child's JVM arguments as {@code child N: args}.
 */
public final class AotProgram {
    private AotProgram() {
    }

    public static void main(String[] args) throws Exception {
        Path directory = Path.of(args[0]);
        Tractor.openNursery(an -> {
            print(1, an.runInActor("first", AotProgram::arguments).result());
            return null;
        });
        long deadline = System.nanoTime() + 25_000_000_000L;
        while (!hasCache(directory) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        System.out.println("cache " + hasCache(directory));
        Tractor.openNursery(an -> {
            Portal second = an.runInActor("second", AotProgram::arguments);
            print(2, second.result());
            return null;
        });
    }

    /** The JVM arguments of the actor's process, one string. */
    public static String arguments() {
        return String.join(" ", ProcessHandle.current().info().arguments().map(List::of).orElse(List.of()));
    }

    private static void print(int n, Object arguments) {
        System.out.println("child " + n + ": " + arguments);
        System.out.flush();
    }

    private static boolean hasCache(Path directory) throws Exception {
        if (!Files.isDirectory(directory)) {
            return false;
        }
        try (var files = Files.list(directory)) {
            return files.anyMatch(f -> f.getFileName().toString().endsWith(".aot"));
        }
    }
}
