package dev.tractor.sc;

/**
 * How long a waiter spins before it parks, learned per synchronization object.
 *
 * <p>Parking and unparking a virtual thread costs microseconds, while a peer on another core often
 * answers within a fraction of that; so a short spin pays off on objects that hand values back and forth
 * quickly (a ping-pong over channels runs several times faster with it), and wastes CPU on objects whose
 * waits are long (a receiver idle for seconds). The budget therefore adapts to how long the waits that
 * outlasted it turned out to be: a wait that ended soon after parking means a longer spin would have
 * caught it, so the budget doubles; a long one halves it, down to a small floor. Updates are racy on
 * purpose: a lost update only makes the next spin a little longer or shorter.
 */
final class SpinPolicy {
    private static final int FLOOR = 64;
    private static final int CEILING = 4_096;
    /** A park that ended sooner than this was worth spinning through. */
    private static final long SHORT_PARK_NANOS = 50_000;

    /** For objects whose waits are expected to be long (events, limiters): never spin. */
    static final SpinPolicy NEVER = new SpinPolicy(0);

    private int budget;

    SpinPolicy() {
        this(1_024);
    }

    private SpinPolicy(int initial) {
        this.budget = initial;
    }

    /** How many times to spin before parking; 0 to park at once. */
    int budget() {
        return budget;
    }

    /** A waiter spun through its budget, parked, and was woken {@code nanos} later. */
    void parkedFor(long nanos) {
        int b = budget;
        if (b == 0) {
            return;
        }
        budget = nanos < SHORT_PARK_NANOS ? Math.min(CEILING, b * 2) : Math.max(FLOOR, b / 2);
    }
}
