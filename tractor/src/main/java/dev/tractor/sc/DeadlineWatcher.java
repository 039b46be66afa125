package dev.tractor.sc;

import java.util.concurrent.locks.LockSupport;

/**
 * The thread that turns a run's deadlines into cancellations, and that makes an autojumping mock clock
 * jump when every task is blocked.
 *
 * <p>It is a platform daemon thread, started with the run's first deadline, so that deadlines fire on
 * time even when every carrier thread of the virtual-thread scheduler is busy. It sleeps until the
 * earliest deadline (measured through {@link Clock#realNanosUntil}) or until woken: by an earlier
 * deadline, by a clock that jumped, by the run turning idle, or by the end of the run.
 */
final class DeadlineWatcher implements Runnable {
    private final Runner runner;
    private final Thread thread;
    private final Runnable timeListener = this::wake;
    private volatile boolean stopped;

    DeadlineWatcher(Runner runner) {
        this.runner = runner;
        this.thread = Thread.ofPlatform().daemon().name("tractor-sc-deadlines").unstarted(this);
    }

    void start() {
        runner.clock.addTimeListener(timeListener);
        thread.start();
    }

    void wake() {
        LockSupport.unpark(thread);
    }

    void stop() {
        stopped = true;
        wake();
    }

    @Override
    public void run() {
        Clock clock = runner.clock;
        try {
            while (!stopped) {
                long next = runner.nextDeadline();
                long now = clock.nanoTime();
                if (next <= now) {
                    runner.expireDeadlines(now);
                    continue;
                }
                long threshold = clock.autojumpThresholdNanos();
                if (next != Long.MAX_VALUE && threshold >= 0 && runner.idle()) {
                    if (threshold > 0) {
                        LockSupport.parkNanos(this, threshold);
                    }
                    if (!stopped && runner.idle() && runner.nextDeadline() == next) {
                        clock.autojumpTo(next);
                        if (clock.nanoTime() < next) {
                            LockSupport.park(this); // the clock declined to jump: wait for a change
                        }
                    }
                    continue;
                }
                long wait = clock.realNanosUntil(next);
                if (wait == Long.MAX_VALUE) {
                    LockSupport.park(this);
                } else if (wait > 0) {
                    LockSupport.parkNanos(this, wait);
                }
            }
        } finally {
            clock.removeTimeListener(timeListener);
        }
    }
}
