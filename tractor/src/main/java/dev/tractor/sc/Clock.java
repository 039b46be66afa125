package dev.tractor.sc;

/**
 * The time source of one {@link Sc#run(Clock, Action) run}: every deadline, sleep and timeout of the run
 * is measured on it.
 *
 * <p>Times are nanoseconds on the clock's own scale (for {@link #system()} that is
 * {@link System#nanoTime()}), so only differences and comparisons between them mean anything.
 * {@code Long.MAX_VALUE} stands for "no deadline".
 *
 * <p>Application code uses {@link #system()} (the default) or, in tests, the mock clock of
 * {@code dev.tractor.sc.testing}. The default methods are the service-provider side that a clock
 * implementation may override; the runtime calls them from its deadline thread.
 */
public interface Clock {

    /** The real monotonic clock, {@link System#nanoTime()}. */
    static Clock system() {
        return SystemClock.INSTANCE;
    }

    /** The current time on this clock, in nanoseconds. Not a checkpoint. */
    long nanoTime();

    /**
     * How many real nanoseconds the runtime may wait before this clock can have reached {@code deadline};
     * {@code 0} when it has, {@code Long.MAX_VALUE} when only a {@linkplain #addTimeListener time change}
     * can make it reach it (a stopped mock clock).
     */
    default long realNanosUntil(long deadline) {
        return Math.max(0, deadline - nanoTime());
    }

    /**
     * Real nanoseconds that every task of a run must have been blocked before the runtime asks this clock
     * to {@link #autojumpTo jump} to the next deadline, or a negative number when the clock never jumps
     * by itself (the default).
     */
    default long autojumpThresholdNanos() {
        return -1;
    }

    /** Asks the clock to jump forward to {@code deadline} because the run is idle until then. */
    default void autojumpTo(long deadline) {
    }

    /**
     * Registers a callback that the clock calls after its time changed other than by the passing of real
     * time (a mock clock that was advanced), so that the runtime re-examines its deadlines.
     */
    default void addTimeListener(Runnable listener) {
    }

    /** Removes a callback added by {@link #addTimeListener}. */
    default void removeTimeListener(Runnable listener) {
    }
}
