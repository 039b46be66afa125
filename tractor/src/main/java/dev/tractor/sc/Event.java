package dev.tractor.sc;

import java.util.ArrayList;
import java.util.List;

/**
 * A one-shot flag that tasks can wait for (trio's {@code Event}): once {@link #set()}, it stays set and
 * every waiter, present and future, goes on.
 */
public final class Event {
    private final List<Waiter<Void>> waiters = new ArrayList<>();
    private volatile boolean set;

    /** Creates an event that is not set. */
    public Event() {
    }

    /** Sets the event and wakes every waiting task; idempotent. Not a checkpoint; callable from any thread. */
    public void set() {
        List<Waiter<Void>> woken;
        synchronized (this) {
            if (set) {
                return;
            }
            set = true;
            woken = List.copyOf(waiters);
            waiters.clear();
            woken.forEach(w -> w.complete(null));
        }
        woken.forEach(w -> w.wake());
    }

    /** Whether the event is set. Not a checkpoint. */
    public boolean isSet() {
        return set;
    }

    /**
     * Waits until the event is set. A checkpoint, also when the event is already set: cancellation raises
     * {@link Cancelled}.
     */
    public void await() {
        Task task = Task.current("Event.await");
        task.checkpoint();
        if (set) {
            return;
        }
        Waiter<Void> self = new Waiter<>(task, this, null);
        synchronized (this) {
            if (set) {
                return;
            }
            waiters.add(self);
        }
        self.await(this, () -> waiters.remove(self), SpinPolicy.NEVER);
    }

    @Override
    public String toString() {
        return set ? "Event[set]" : "Event[not set]";
    }
}
