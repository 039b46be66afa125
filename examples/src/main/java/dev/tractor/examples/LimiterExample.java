package dev.tractor.examples;

import dev.tractor.sc.CapacityLimiter;
import dev.tractor.sc.Nursery;
import dev.tractor.sc.Sc;
import dev.tractor.sc.TaskLock;
import dev.tractor.sc.Timeouts;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Bounding concurrency: {@link CapacityLimiter} lets at most N tasks into a region at once, {@link TaskLock}
 * lets one (trio's {@code CapacityLimiter} and {@code Lock}).
 *
 * <p>Both belong to tasks, not threads: a token or the lock is held by the task that took it, only that task
 * can give it back, and a task cannot take a second one (so a bug that would deadlock or leak a permit
 * raises {@code IllegalStateException} instead). Release in {@code finally}. Waiting for a turn is a
 * checkpoint, so a timeout or a cancelled nursery can stop a task that waits; a cancelled wait takes
 * nothing.
 */
public final class LimiterExample {
    private LimiterExample() {
    }

    public static void main(String[] args) throws Exception {
        Sc.run(() -> {
            limiter();
            lock();
        });
    }

    static void limiter() throws Exception {
        System.out.println("== CapacityLimiter: 10 downloads, at most 3 at a time");
        CapacityLimiter connections = new CapacityLimiter(3);
        AtomicInteger now = new AtomicInteger();
        AtomicInteger peak = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        Nursery.open(n -> {
            for (int i = 0; i < 10; i++) {
                n.startSoon("download-" + i, () -> {
                    connections.acquire(); // a checkpoint: waits for a free token, first come first served
                    try {
                        peak.accumulateAndGet(now.incrementAndGet(), Math::max);
                        Sc.sleep(Duration.ofMillis(30)); // the download
                        now.decrementAndGet();
                        done.incrementAndGet();
                    } finally {
                        connections.release();
                    }
                });
            }
        });
        System.out.println("  " + done.get() + " downloads done, at most " + peak.get() + " at once");

        // Waiting for a token is a checkpoint, so a time limit can end the wait. Here every token is held
        // on behalf of a named borrower (as a connection pool would hold them for its connections).
        CapacityLimiter pool = new CapacityLimiter(2);
        pool.acquireOnBehalfOf("connection-1");
        pool.acquireOnBehalfOf("connection-2");
        boolean gotOne = Timeouts.moveOnAfter(Duration.ofMillis(50), () -> {
            pool.acquire();
            pool.release();
        });
        System.out.println("  all " + pool.totalTokens() + " tokens borrowed; a caller with a 50 ms limit got one: "
                + gotOne + ", tasks still waiting: " + pool.waiting());
        pool.releaseOnBehalfOf("connection-1");
        pool.releaseOnBehalfOf("connection-2");
    }

    static void lock() throws Exception {
        System.out.println("== TaskLock: a slow read-modify-write, one task at a time");
        System.out.println("  without the lock: balance = " + deposits(false) + " after 10 deposits of 1");
        System.out.println("  with the lock:    balance = " + deposits(true) + " after 10 deposits of 1");
    }

    /** Ten tasks each add 1 to a balance, pausing between the read and the write. */
    static int deposits(boolean locked) throws Exception {
        TaskLock lock = new TaskLock();
        AtomicInteger balance = new AtomicInteger(); // atomic only for visibility; the update is not
        Nursery.open(n -> {
            for (int i = 0; i < 10; i++) {
                n.startSoon("depositor-" + i, () -> {
                    if (locked) {
                        lock.acquire();
                    }
                    try {
                        int read = balance.get();
                        Sc.sleep(Duration.ofMillis(5)); // another task runs here
                        balance.set(read + 1);
                    } finally {
                        if (locked) {
                            lock.release();
                        }
                    }
                });
            }
        });
        return balance.get();
    }
}
