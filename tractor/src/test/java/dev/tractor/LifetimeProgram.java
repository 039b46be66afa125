package dev.tractor;

import dev.tractor.sc.Sc;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A root that ties an executor to its life ({@link Tractor#closeWithActor}) and waits; for
 * {@link CloseWithActorTest}: {@code args[0]} is a file to which the executor's close appends {@code closed}.
 * Prints {@code ready}, then sleeps until a signal ends it.
 */
public final class LifetimeProgram {
    private LifetimeProgram() {
    }

    public static void main(String[] args) throws Exception {
        Path marker = Path.of(args[0]);
        Tractor.run(() -> {
            ExecutorService foreign = Executors.newFixedThreadPool(2);
            Tractor.closeWithActor(() -> {
                foreign.shutdownNow();
                Files.writeString(marker, "closed\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            });
            foreign.submit(() -> {
                Thread.sleep(600_000);
                return null;
            }); // a foreign thread that would keep the JVM alive
            System.out.println("ready");
            System.out.flush();
            Sc.sleepForever();
            return null;
        });
    }
}
