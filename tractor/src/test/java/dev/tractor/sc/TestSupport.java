package dev.tractor.sc;

import java.util.concurrent.atomic.AtomicReference;

/** Helpers shared by the tests of this package. */
final class TestSupport {
    private TestSupport() {
    }

    /** Spins (outside any run) until {@code thread} is parked, so a test can act on a blocked task. */
    static void awaitParked(Thread thread) throws InterruptedException {
        while (thread.getState() != Thread.State.WAITING && thread.getState() != Thread.State.TIMED_WAITING) {
            if (thread.getState() == Thread.State.TERMINATED) {
                throw new AssertionError(thread + " ended instead of parking");
            }
            Thread.sleep(1);
        }
    }

    /** Spins inside a task until {@code thread} is parked; a checkpoint-free wait used by tests only. */
    static void awaitParkedInTask(AtomicReference<Thread> thread) throws InterruptedException {
        while (thread.get() == null) {
            Sc.sleep(java.time.Duration.ofMillis(1));
        }
        while (thread.get().getState() != Thread.State.WAITING) {
            Sc.sleep(java.time.Duration.ofMillis(1));
        }
    }
}
