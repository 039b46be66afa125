package dev.tractor;

import dev.tractor.sc.Nursery;
import dev.tractor.sc.Sc;
import dev.tractor.sc.Timeouts;
import java.time.Duration;

/**
 * A root in debug mode whose daemons stop in {@link #paused} with {@link Tractor#pause()}; the root's
 * standard input drives the REPL. With no argument one daemon, {@code worker}, is called; with {@code two},
 * daemons {@code alpha} and {@code beta} are called at once; with {@code nested}, a daemon's own child
 * {@code leaf} pauses; with {@code loop}, {@code looper} pauses at every turn of a loop;
 * with {@code two-apart}, as {@code two} but each daemon in an actor nursery of its own;
 * with {@code give-up}, daemon {@code pair} pauses in two tasks, one of which gives up. Prints {@code result NAME N} for each call that
 * returned, {@code failed NAME: MESSAGE} for one that failed.
 */
public final class PauseProgram {
    private PauseProgram() {
    }

    public static void main(String[] args) throws Exception {
        boolean two = args.length > 0 && args[0].equals("two");
        if (args.length > 0 && args[0].equals("give-up")) {
            giveUp();
            return;
        }
        if (args.length > 0 && args[0].equals("two-apart")) {
            apart();
            return;
        }
        if (args.length > 0 && args[0].equals("nested")) {
            nested();
            return;
        }
        if (args.length > 0 && args[0].equals("loop")) {
            Tractor.run("root", ActorOptions.defaults().withDebugMode(), () -> Tractor.openNursery(an -> {
                Portal looper = an.startActor("looper", ActorOptions.enable(PauseProgram.class));
                System.out.println("result looper " + looper.run(PauseProgram::loops, 12));
                looper.cancelActor();
                return null;
            }));
            return;
        }
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

    /** Daemon {@code pair} runs {@link #twoPauses}. */
    private static void giveUp() throws Exception {
        Tractor.run("root", ActorOptions.defaults().withDebugMode(), () -> Tractor.openNursery(an -> {
            Portal pair = an.startActor("pair", ActorOptions.enable(PauseProgram.class));
            System.out.println("result pair " + pair.run(PauseProgram::twoPauses));
            pair.cancelActor();
            return null;
        }));
    }

    /**
     * Two tasks pause: {@code first}, then, once it has, {@code second}, which gives its pause up after 3 s
     * (printing {@code gave up second}) while it waits for its turn.
     */
    public static int twoPauses() throws Exception {
        java.util.concurrent.atomic.AtomicBoolean firstPaused = new java.util.concurrent.atomic.AtomicBoolean();
        Nursery.open(tasks -> {
            tasks.startSoon("first", () -> {
                firstPaused.set(true);
                Tractor.pause();
            });
            tasks.startSoon("second", () -> {
                while (!firstPaused.get()) {
                    Sc.sleep(Duration.ofMillis(10));
                }
                Sc.sleep(Duration.ofMillis(300)); // the first stop is queued by now
                if (!Timeouts.moveOnAfter(Duration.ofSeconds(3), () -> Tractor.pause())) {
                    System.out.println("gave up second");
                    System.out.flush();
                }
            });
        });
        return 2;
    }

    /**
     * Daemons {@code alpha} and {@code beta}, each in an actor nursery of its own, called at once: one that
     * dies (its nursery fails) leaves the other alone.
     */
    private static void apart() throws Exception {
        Tractor.run("root", ActorOptions.defaults().withDebugMode(), () -> {
            Nursery.open(calls -> {
                for (String name : new String[] {"alpha", "beta"}) {
                    calls.startSoon("call " + name, () -> {
                        try {
                            Tractor.openNursery(an -> {
                                Portal actor = an.startActor(name, ActorOptions.enable(PauseProgram.class));
                                System.out.println("result " + name + " " + actor.run(PauseProgram::paused, 20));
                                actor.cancelActor();
                                return null;
                            });
                        } catch (Exception e) {
                            System.out.println("failed " + name + ": " + e.getClass().getSimpleName());
                        }
                    });
                }
            });
            return null;
        });
    }

    /** A root whose daemon {@code middle} runs {@link #pausedBelow}: the stop comes from a grandchild. */
    private static void nested() throws Exception {
        Tractor.run("root", ActorOptions.defaults().withDebugMode(), () -> Tractor.openNursery(an -> {
            Portal middle = an.startActor("middle", ActorOptions.enable(PauseProgram.class));
            System.out.println("result leaf " + middle.run(PauseProgram::pausedBelow, 20));
            middle.cancelActor();
            return null;
        }));
    }

    /** In the middle actor: starts {@code leaf} and calls {@link #paused} there. */
    public static int pausedBelow(int n) throws Exception {
        return Tractor.openNursery(an -> {
            Portal leaf = an.startActor("leaf", ActorOptions.enable(PauseProgram.class));
            int result = leaf.run(PauseProgram::paused, n);
            leaf.cancelActor();
            return result;
        });
    }

    /** Pauses at every turn of a loop (a breakpoint the code comes back to), and sums the turns. */
    public static int loops(int times) {
        int total = 0;
        for (int i = 0; i < times; i++) {
            Tractor.pause(); // LOOP PAUSE
            total += i;
        }
        return total;
    }

    public static int paused(int n) {
        int doubled = n * 2;
        Tractor.pause(); // PAUSE HERE
        int plusOne = doubled + 1;
        return plusOne;
    }
}
