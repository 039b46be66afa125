package dev.tractor;

import dev.tractor.sc.Nursery;

/**
 * A root in debug mode whose daemons stop in {@link #paused} with {@link Tractor#pause()}; the root's
 * standard input drives the REPL. With no argument one daemon, {@code worker}, is called; with {@code two},
 * daemons {@code alpha} and {@code beta} are called at once. Prints {@code result NAME N} for each call that
 * returned, {@code failed NAME: MESSAGE} for one that failed.
 */
public final class PauseProgram {
    private PauseProgram() {
    }

    public static void main(String[] args) throws Exception {
        boolean two = args.length > 0 && args[0].equals("two");
        Tractor.run("root", ActorOptions.defaults().withDebugMode(), () -> {
            return Tractor.openNursery(an -> {
                Nursery.open(calls -> {
                    for (String name : two ? new String[] {"alpha", "beta"} : new String[] {"worker"}) {
                        Portal actor = an.startActor(name, ActorOptions.enable(PauseProgram.class));
                        calls.startSoon("call " + name, () -> {
                            try {
                                System.out.println("result " + name + " " + actor.run(PauseProgram::paused, 20));
                            } catch (RemoteActorError e) {
                                System.out.println("failed " + name + ": " + e.getMessage());
                            }
                            actor.cancelActor();
                        });
                    }
                });
                return null;
            });
        });
    }

    public static int paused(int n) {
        int doubled = n * 2;
        Tractor.pause(); // PAUSE HERE
        int plusOne = doubled + 1;
        return plusOne;
    }
}
