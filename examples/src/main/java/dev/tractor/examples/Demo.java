package dev.tractor.examples;

import dev.tractor.sc.Cancelled;
import dev.tractor.sc.ExceptionGroup;
import dev.tractor.sc.Nursery;
import dev.tractor.sc.Sc;
import dev.tractor.sc.Timeouts;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The program {@code bin/demo} runs: a tree of tasks that destroys itself and leaves nothing behind.
 *
 * <p>One worker per core starts in a nursery and sleeps forever. A second later a sibling fails with
 * "Self destructed". Structured concurrency does the rest: the nursery cancels every worker, waits
 * until each one has run its {@code finally} block, and only then hands the error to {@code main}.
 * Nobody has to remember to stop the workers, and nothing can outlive the block that started it.
 *
 * <p>Today the workers are tasks (virtual threads). Once actors land, this demo is replaced by the
 * same story told with processes.
 *
 * <p>Run it with {@code bin/demo}. To choose the number of workers, pass it: {@code bin/demo 8}.
 */
public final class Demo {
    private Demo() {
    }

    /** Thrown by the task that blows the tree up. */
    static final class SelfDestruct extends RuntimeException {
        SelfDestruct() {
            super("Self destructed");
        }
    }

    public static void main(String[] args) throws Exception {
        int workers = args.length > 0 ? Integer.parseInt(args[0]) : Runtime.getRuntime().availableProcessors();
        AtomicInteger cancelled = new AtomicInteger();
        AtomicInteger cleanedUp = new AtomicInteger();

        try {
            Sc.run(() -> {
                // A safety net you can see: if cancellation ever failed to stop a worker, we would get
                // TooSlow after 10 s rather than a program that hangs.
                Timeouts.failAfter(Duration.ofSeconds(10), () -> Nursery.open(n -> {
                    for (int i = 0; i < workers; i++) {
                        int id = i;
                        // start() returns once the worker calls started(), so the lines come out in order.
                        n.start("worker-" + id, status -> {
                            System.out.printf("worker %d running in task %s (virtual thread: %b)%n",
                                    id, Sc.currentTaskName(), Thread.currentThread().isVirtual());
                            status.started();
                            boolean wasCancelled = false;
                            try {
                                Sc.sleepForever();
                            } catch (Cancelled c) {
                                wasCancelled = true;
                                cancelled.incrementAndGet();
                                throw c; // always let Cancelled go on: the nursery is waiting for it
                            } finally {
                                System.out.printf("worker %d %s, cleaned up%n",
                                        id, wasCancelled ? "cancelled" : "NOT cancelled");
                                cleanedUp.incrementAndGet();
                            }
                        });
                    }
                    n.startSoon("self-destruct", () -> {
                        System.out.println("This task tree will self-destruct in 1 s...");
                        Sc.sleep(Duration.ofSeconds(1));
                        throw new SelfDestruct();
                    });
                    // The body ends here, but Nursery.open does not return until every task has ended.
                }));
            });
            System.out.println("the tree ended without an error: that was not supposed to happen");
            System.exit(1);
        } catch (Exception e) {
            // A single failure comes out as itself; find() would also look inside an ExceptionGroup.
            SelfDestruct boom = ExceptionGroup.find(e, SelfDestruct.class).orElseThrow(() -> e);
            System.out.println("main caught: " + boom.getMessage());
        }

        // Every worker's finally block has run by the time Sc.run returns: count them.
        if (cancelled.get() != workers || cleanedUp.get() != workers) {
            System.out.printf("LEAK: %d workers, %d cancelled, %d cleaned up%n",
                    workers, cancelled.get(), cleanedUp.get());
            System.exit(1);
        }
        System.out.printf("all %d workers cancelled; nothing leaked%n", workers);
    }
}
