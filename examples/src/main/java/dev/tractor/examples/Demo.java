package dev.tractor.examples;

import dev.tractor.Actor;
import dev.tractor.Portal;
import dev.tractor.Tractor;
import dev.tractor.sc.Cancelled;
import dev.tractor.sc.ExceptionGroup;
import dev.tractor.sc.Sc;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The program {@code bin/demo} runs: a tree of processes that destroys itself and leaves no zombie
 * behind (tractor's "we are processes" example).
 *
 * <p>The root actor (this JVM) starts one worker actor per core. Each worker is a JVM of its own that
 * says who it is and then sleeps forever. A second later the root's own code fails with "Self
 * destructed". Structured concurrency does the rest, across processes: the actor nursery cancels every
 * worker, each worker runs its {@code finally} block in its own JVM and exits, the nursery reaps every
 * process, and only then does the error come out of {@code openNursery} to {@code main}. Nobody has to
 * remember to stop the workers, and no process can outlive the block that started it.
 *
 * <p>The workers' lines come from other processes sharing this terminal, so they may interleave with the
 * root's in any order. To watch the tree come and go, run {@code bin/demo 8} and, in another terminal,
 * {@code watch -n 0.1 pstree -a -p PID} with the pid that the root prints first.
 *
 * <p>Run it with {@code bin/demo}. To choose the number of workers, pass it: {@code bin/demo 8}. It
 * prints "Zombies Contained", as tractor's does, and checks its claim: its last line says whether any
 * process below it is still alive.
 */
public final class Demo {
    private Demo() {
    }

    /** Thrown by the root to blow the tree up. */
    static final class SelfDestruct extends RuntimeException {
        SelfDestruct() {
            super("Self destructed");
        }
    }

    /**
     * What each worker runs, in its own JVM: say who and where it is, then sleep until cancelled. Public
     * and static, so that the worker's JVM can find it by name on the same class path.
     */
    public static String target() {
        Actor me = Tractor.currentActor();
        // One println per line: a line written in one piece cannot be cut by another process's output.
        System.out.println("Yo, i'm '" + me.name() + "' running in pid " + me.pid());
        try {
            Sc.sleepForever(); // a checkpoint: cancelling this actor ends it here
            return "unreachable";
        } catch (Cancelled c) {
            System.out.println("'" + me.name() + "' (pid " + me.pid() + ") cancelled, cleaning up");
            throw c; // always let Cancelled go on: the actor's teardown is waiting for it
        }
    }

    public static void main(String[] args) throws Exception {
        int workers = args.length > 0 ? Integer.parseInt(args[0]) : Runtime.getRuntime().availableProcessors();
        List<Portal> portals = new ArrayList<>();
        System.out.println("root actor in pid " + ProcessHandle.current().pid() + " starts " + workers
                + " worker actors, one JVM each");
        try {
            Tractor.openNursery(an -> {
                for (int i = 0; i < workers; i++) {
                    // runInActor returns once the worker's JVM has connected back; target then runs there.
                    Portal worker = an.runInActor("worker_" + i, Demo::target);
                    portals.add(worker);
                    System.out.println("started worker_" + i + " in pid " + worker.pid());
                }
                System.out.println("This process tree will self-destruct in 1 sec...");
                Sc.sleep(Duration.ofSeconds(1));
                throw new SelfDestruct(); // you could have done this yourself
            });
            System.out.println("the tree ended without an error: that was not supposed to happen");
            System.exit(1);
        } catch (Exception e) {
            // The body's error comes out of openNursery only after every worker's process has been reaped.
            SelfDestruct boom = ExceptionGroup.find(e, SelfDestruct.class).orElseThrow(() -> e);
            System.out.println("main caught: " + boom.getMessage());
            System.out.println("Zombies Contained");
        }

        // Check it rather than take our word: no worker is alive, nor any other process below this one.
        long alive = portals.stream().filter(p -> ProcessHandle.of(p.pid()).map(ProcessHandle::isAlive).orElse(false))
                .count();
        long descendants = ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).count();
        if (alive != 0 || descendants != 0) {
            System.out.println("LEAK: " + alive + " of " + workers + " workers alive, " + descendants
                    + " child processes");
            System.exit(1);
        }
        System.out.println("all " + workers + " worker processes have exited; this JVM has no child process left");
    }
}
