package dev.tractor;

import dev.tractor.discovery.RegistryEntry;
import java.io.BufferedReader;
import java.io.InputStreamReader;

/**
 * A root in debug mode for an IDE ({@code -Dtractor.debug=ide}: every actor listens, none is held by the tree's
 * debugger), or not in debug mode if {@code args[0]} is {@code off}, with one daemon: prints each registry entry as {@code entry NAME PID DEBUG} (DEBUG
 * is {@code -} without a debug address), then {@code ready}, waits for a line on standard input (while a
 * test attaches a debugger to the daemon), calls the daemon once more and prints {@code after PID}.
 */
public final class DebugTreeProgram {
    private DebugTreeProgram() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0 || !args[0].equals("off")) {
            System.setProperty("tractor.debug", "ide");
        }
        Tractor.run("root", ActorOptions.defaults(), () -> {
            return Tractor.openNursery(an -> {
                Portal worker = an.startActor("worker", ActorOptions.enable(Work.class));
                worker.run(Work::pid);
                while (Tractor.queryActor("worker").isEmpty()) { // its registration may still be on its way
                    Thread.sleep(10);
                }
                for (RegistryEntry e : Tractor.registry()) {
                    System.out.println("entry " + e.name() + " " + e.pid() + " "
                            + e.debugAddress().map(Object::toString).orElse("-"));
                }
                System.out.println("ready");
                System.out.flush();
                new BufferedReader(new InputStreamReader(System.in)).readLine();
                System.out.println("after " + worker.run(Work::pid));
                worker.cancelActor();
                return null;
            });
        });
    }
}
