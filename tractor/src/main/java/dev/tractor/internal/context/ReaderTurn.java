package dev.tractor.internal.context;

import dev.tractor.Context;
import dev.tractor.sc.Event;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The turn to read one context's inbox: the tasks of a side that read it (several readers of its stream,
 * several tasks waiting for its result) take it one at a time, so that an end one of them takes from the
 * inbox is recorded before the next one looks (see {@link Context}).
 *
 * <p>A {@link dev.tractor.sc.TaskLock} would do, but a stream's every value passes here: a free turn is
 * taken with one compare-and-set, and only a task that finds it taken waits (on an {@link Event}, a
 * checkpoint). Not reentrant; the task that took the turn gives it back.
 */
public final class ReaderTurn {
    private final AtomicBoolean taken = new AtomicBoolean();
    private final AtomicInteger waiting = new AtomicInteger();
    private Event given = new Event(); // set, and replaced, when the turn is given back to waiters; guarded by this

    /**
     * Takes the turn, waiting until it is free. A checkpoint only when it waits: cancellation then raises
     * {@link dev.tractor.sc.Cancelled} and leaves the turn alone.
     */
    void take() {
        if (taken.compareAndSet(false, true)) {
            return;
        }
        waiting.incrementAndGet(); // before the next look: give() then sees a waiter, or we see it free
        try {
            for (;;) {
                Event e;
                synchronized (this) {
                    e = given;
                }
                if (taken.compareAndSet(false, true)) {
                    return;
                }
                e.await();
            }
        } finally {
            waiting.decrementAndGet();
        }
    }

    /** Gives the turn back. Not a checkpoint; never blocks. */
    void give() {
        taken.set(false);
        if (waiting.get() == 0) {
            return;
        }
        Event e;
        synchronized (this) {
            e = given;
            given = new Event();
        }
        e.set();
    }
}
