package dev.tractor.examples;

import dev.tractor.ActorOptions;
import dev.tractor.Portal;
import dev.tractor.Tractor;
import dev.tractor.sc.Nursery;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A worker pool made of actors: the prime-checking example of Python's
 * {@code concurrent.futures.ProcessPoolExecutor}, which tractor re-implements to show that a pool is only
 * a special case of a process tree.
 *
 * <p>The pool is one daemon actor (one JVM) per core, started with {@code startActor}. The root feeds
 * them from a shared queue of work: one task per worker, each taking the index of the next number and
 * calling {@link #isPrime} in its worker with {@code portal.run}, so a fast worker simply takes more. The
 * answers are printed in input order, exactly as Python's {@code executor.map} example prints them. No
 * futures, no executor, no shutdown call: when the nursery's body returns, the daemons are cancelled and
 * reaped.
 *
 * <p>Run it with an argument to choose the pool size: {@code ... dev.tractor.examples.WorkerPool 4}.
 */
public final class WorkerPool {
    private WorkerPool() {
    }

    /** The numbers of Python's example, the same one twice included. */
    static final List<Long> PRIMES = List.of(
            112272535095293L,
            112582705942171L,
            112272535095293L,
            115280095190773L,
            115797848077099L,
            1099726899285419L);

    /**
     * Python's {@code is_prime}, line for line: trial division by odd numbers up to the square root. Runs
     * in a worker; public and static, so that the worker's JVM can find it by name.
     */
    public static boolean isPrime(long n) {
        if (n < 2) {
            return false;
        }
        if (n == 2) {
            return true;
        }
        if (n % 2 == 0) {
            return false;
        }
        long sqrtN = (long) Math.floor(Math.sqrt(n));
        for (long i = 3; i <= sqrtN; i += 2) {
            if (n % i == 0) {
                return false;
            }
        }
        return true;
    }

    public static void main(String[] args) throws Exception {
        int size = args.length > 0 ? Integer.parseInt(args[0]) : Runtime.getRuntime().availableProcessors();
        Map<String, Integer> taken = new ConcurrentHashMap<>(); // worker "name (pid N)" -> numbers it checked
        long start = System.nanoTime();

        boolean[] answers = Tractor.openNursery(an -> {
            List<Portal> pool = new ArrayList<>();
            for (int i = 0; i < size; i++) {
                pool.add(an.startActor("worker_" + i, ActorOptions.enable(WorkerPool.class)));
            }
            boolean[] results = new boolean[PRIMES.size()];
            AtomicInteger next = new AtomicInteger(); // the shared queue: the index of the next number to check
            Nursery.open(tasks -> {
                for (Portal worker : pool) {
                    tasks.startSoon("feed " + worker.name(), () -> {
                        for (int i = next.getAndIncrement(); i < PRIMES.size(); i = next.getAndIncrement()) {
                            // Blocks this task (not the others) until the worker's JVM has the answer.
                            results[i] = worker.run(WorkerPool::isPrime, PRIMES.get(i));
                            taken.merge(worker.name() + " (pid " + worker.pid() + ")", 1, Integer::sum);
                        }
                    });
                }
            }); // every number has its answer here; a worker's error would have cancelled the others
            return results;
        }); // the body has returned, so the pool's daemons are cancelled, and reaped before we get here
        double seconds = (System.nanoTime() - start) / 1e9;

        for (int i = 0; i < PRIMES.size(); i++) {
            System.out.println(PRIMES.get(i) + " is prime: " + (answers[i] ? "True" : "False"));
        }
        System.out.println(String.format("processing took %.2f s with %d workers, starting them included",
                seconds, size));
        System.out.println("numbers checked per worker: " + new TreeMap<>(taken));

        // The same computation, here in the root, to check what the workers said.
        for (int i = 0; i < PRIMES.size(); i++) {
            if (isPrime(PRIMES.get(i)) != answers[i]) {
                System.out.println("MISMATCH for " + PRIMES.get(i));
                System.exit(1);
            }
        }
        System.out.println("checked against a local computation: all " + PRIMES.size() + " answers agree");
    }
}
