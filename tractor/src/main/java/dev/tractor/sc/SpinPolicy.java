package dev.tractor.sc;

/**
 * How long a waiter spins before it parks, learned per synchronization object.
 *
 * <p>Parking and unparking a virtual thread costs microseconds, while a peer running on another carrier
 * often answers within a fraction of that; so a short spin pays off on objects that hand values back and
 * forth quickly (a ping-pong over channels runs several times faster with it). It is pure loss when the
 * peer cannot run meanwhile (every carrier busy, or a single carrier) or when waits are long (a receiver
 * idle for seconds), and a failed spin is not cheap ({@code Thread.onSpinWait} can take tens of
 * nanoseconds), hence the low ceiling. So the budget follows the outcome: it doubles each time a wait ends during the spin
 * and halves each time the spin runs out, down to zero; at zero, one wait in {@value #PROBE_EVERY} still
 * spins a little, to notice when spinning starts paying off again. Updates are racy on purpose: a lost
 * update only makes one spin a little longer or shorter.
 */
final class SpinPolicy {
    private static final int CEILING = 1_024;
    private static final int PROBE = 32;
    private static final int PROBE_EVERY = 16;

    /** For objects whose waits are expected to be long (events, limiters): never spin. */
    static final SpinPolicy NEVER = new SpinPolicy(-1);

    private int budget;
    private int probes;

    SpinPolicy() {
        this(128);
    }

    private SpinPolicy(int initial) {
        this.budget = initial;
    }

    /** How many times to spin before parking; 0 to park at once. */
    int budget() {
        int b = budget;
        if (b > 0) {
            return b;
        }
        return b == 0 && (++probes % PROBE_EVERY) == 0 ? PROBE : 0;
    }

    /** A wait that spun ended before its spin ran out. */
    void endedWhileSpinning() {
        int b = budget;
        if (b >= 0) {
            budget = Math.min(CEILING, Math.max(2 * PROBE, b * 2));
        }
    }

    /** A wait spun through its whole budget and had to park. */
    void spunInVain() {
        int b = budget;
        if (b > 0) {
            budget = b / 2;
        }
    }
}
