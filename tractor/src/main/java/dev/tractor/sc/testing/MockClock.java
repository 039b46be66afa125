package dev.tractor.sc.testing;

import dev.tractor.sc.Clock;
import java.time.Duration;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A {@link Clock} for tests that only moves when told to, or, with autojump, jumps straight to the next
 * deadline as soon as every task of the run is blocked (trio's {@code trio.testing.MockClock}). An
 * hour-long timeout then takes no real time at all:
 *
 * <pre>{@code
 * MockClock clock = MockClock.autojumping();
 * Sc.run(clock, () -> {
 *     boolean finished = Timeouts.moveOnAfter(Duration.ofHours(1), () -> Sc.sleepForever());
 *     assert !finished && clock.elapsed().equals(Duration.ofHours(1));
 * });
 * }</pre>
 *
 * <p>"Every task is blocked" means every task of the run is parked in a checkpoint of this runtime; a
 * task that computes, or blocks in foreign code, keeps the clock still. A clock may serve several runs,
 * one after another or at once. Thread-safe.
 */
public final class MockClock implements Clock {
    private final CopyOnWriteArrayList<Runnable> listeners = new CopyOnWriteArrayList<>();
    private volatile long now;
    private volatile long autojumpThresholdNanos = -1;

    /** A clock at time 0 that moves only through {@link #advance} and {@link #jumpTo}. */
    public MockClock() {
    }

    /** A clock at time 0 that jumps to the next deadline as soon as every task is blocked. */
    public static MockClock autojumping() {
        MockClock clock = new MockClock();
        clock.autojumpThreshold(Duration.ZERO);
        return clock;
    }

    @Override
    public long nanoTime() {
        return now;
    }

    /** Time passed since the clock was created, as a duration. */
    public Duration elapsed() {
        return Duration.ofNanos(now);
    }

    /**
     * Moves the clock forward by {@code duration}; deadlines that pass fire as they would in real time.
     *
     * @throws IllegalArgumentException if {@code duration} is negative
     */
    public void advance(Duration duration) {
        if (duration.isNegative()) {
            throw new IllegalArgumentException("a clock cannot go back: " + duration);
        }
        synchronized (this) {
            now = Math.addExact(now, duration.toNanos());
        }
        notifyListeners();
    }

    /** Moves the clock to {@code time} (nanoseconds) if that is later than now. */
    public void jumpTo(long time) {
        synchronized (this) {
            if (time <= now) {
                return;
            }
            now = time;
        }
        notifyListeners();
    }

    /**
     * Enables autojump: once every task of a run has been blocked for {@code threshold} of real time, the
     * clock jumps to the run's next deadline. {@code Duration.ZERO} jumps at once.
     */
    public void autojumpThreshold(Duration threshold) {
        if (threshold.isNegative()) {
            throw new IllegalArgumentException("threshold must not be negative: " + threshold);
        }
        autojumpThresholdNanos = threshold.toNanos();
        notifyListeners();
    }

    /** Turns autojump off; the clock then moves only when told to. */
    public void disableAutojump() {
        autojumpThresholdNanos = -1;
    }

    @Override
    public long realNanosUntil(long deadline) {
        return deadline <= now ? 0 : Long.MAX_VALUE;
    }

    @Override
    public long autojumpThresholdNanos() {
        return autojumpThresholdNanos;
    }

    @Override
    public void autojumpTo(long deadline) {
        jumpTo(deadline);
    }

    @Override
    public void addTimeListener(Runnable listener) {
        listeners.add(listener);
    }

    @Override
    public void removeTimeListener(Runnable listener) {
        listeners.remove(listener);
    }

    private void notifyListeners() {
        listeners.forEach(Runnable::run);
    }

    @Override
    public String toString() {
        return "MockClock[" + elapsed() + (autojumpThresholdNanos >= 0 ? ", autojump" : "") + "]";
    }
}
