package dev.tractor.examples;

import dev.tractor.sc.Nursery;
import dev.tractor.sc.Sc;
import dev.tractor.sc.Timeouts;
import dev.tractor.sc.TooSlow;
import dev.tractor.sc.testing.MockClock;
import java.time.Duration;

/**
 * Testing time logic without waiting for it: {@link MockClock#autojumping()} (trio's
 * {@code MockClock(autojump_threshold=0)}).
 *
 * <p>Every deadline, sleep and timeout of a run is measured on the run's clock, given to
 * {@code Sc.run(clock, body)}. An autojumping mock clock stands still while any task is running and, the
 * moment every task is parked in a checkpoint, jumps straight to the next deadline. Code under test keeps
 * its real durations (an hour is still {@code Duration.ofHours(1)}) and the test takes milliseconds.
 *
 * <p>"Every task parked in a checkpoint" is meant literally: a task that computes, or blocks in foreign
 * code such as {@code Thread.sleep}, keeps the clock still until it reaches a checkpoint.
 */
public final class MockClockExample {
    private MockClockExample() {
    }

    public static void main(String[] args) throws Exception {
        MockClock clock = MockClock.autojumping();
        long realStart = System.nanoTime();
        Sc.run(clock, () -> {
            anHourLongTimeout();
            aDayOfHeartbeats();
            tasksWakeInDeadlineOrder();
            failAfterOnTheMockClock();
        });
        System.out.println("mock time in total: " + clock.elapsed() + ", real time: "
                + (System.nanoTime() - realStart) / 1_000_000 + " ms");
    }

    /** Mock time passed since {@code startNanos}, a value of {@link Sc#now()}. */
    private static Duration since(long startNanos) {
        return Duration.ofNanos(Sc.now() - startNanos);
    }

    static void anHourLongTimeout() {
        System.out.println("== an hour-long timeout");
        long start = Sc.now();
        boolean finished = Timeouts.moveOnAfter(Duration.ofHours(1), () -> Sc.sleepForever());
        System.out.println("  moveOnAfter(1 h, sleepForever): finished = " + finished + ", mock time passed: "
                + since(start));
    }

    static void aDayOfHeartbeats() {
        System.out.println("== a heartbeat every 10 minutes for a day");
        long start = Sc.now();
        int beats = 0;
        while (since(start).compareTo(Duration.ofDays(1)) < 0) {
            Sc.sleep(Duration.ofMinutes(10));
            beats++;
        }
        System.out.println("  " + beats + " heartbeats, mock time passed: " + since(start));
    }

    static void tasksWakeInDeadlineOrder() throws Exception {
        System.out.println("== several sleepers wake in deadline order");
        long start = Sc.now();
        Nursery.open(n -> {
            for (int minutes : new int[] {45, 5, 20}) {
                n.startSoon("sleeper-" + minutes, () -> {
                    Sc.sleep(Duration.ofMinutes(minutes));
                    System.out.println("  sleeper-" + minutes + " woke at +" + since(start));
                });
            }
        });
    }

    static void failAfterOnTheMockClock() {
        System.out.println("== failAfter(30 min) around a two-hour job");
        long start = Sc.now();
        try {
            Timeouts.failAfter(Duration.ofMinutes(30), () -> Sc.sleep(Duration.ofHours(2)));
        } catch (TooSlow e) {
            System.out.println("  TooSlow at +" + since(start) + ": " + e.getMessage());
        }
    }
}
