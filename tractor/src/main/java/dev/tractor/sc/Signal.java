package dev.tractor.sc;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.BooleanSupplier;

/**
 * Lets tasks wait, cancellably, for a condition that code outside any run makes true: an I/O thread, a
 * library callback, a thread that owns some state under its own lock. The waiting task passes the
 * condition to {@link #await}; whoever may have made it true calls {@link #signalAll()} afterwards.
 *
 * <pre>{@code
 * // a task                                  // the writer thread, after it made room
 * roomFreed.await(() -> outbox.hasRoom());   synchronized (lock) { queued -= written; }
 *                                            roomFreed.signalAll();
 * }</pre>
 *
 * <p>No wake-up is lost: a waiting task registers before it evaluates the condition, so a change made
 * before {@code signalAll()} is either seen by that evaluation or followed by a wake-up. Spurious wake-ups
 * only cost one more evaluation. The condition must not block; it may take a lock of its own (the one
 * the signalling side changes the state under), but not while the caller holds it.
 *
 * <p>It is the task-side counterpart of a monitor's {@code wait}/{@code notifyAll} for state that is not
 * made of this package's primitives (an {@link Event} is enough when the condition is one-shot and set by
 * one party; a signal fits a condition that comes and goes, such as "there is room in the queue").
 */
public final class Signal {
    private final List<Task> waiting = new ArrayList<>(); // guarded by this

    /** Creates a signal with no waiting tasks. */
    public Signal() {
    }

    /**
     * Waits until {@code condition} is true: evaluates it at once and again after every
     * {@link #signalAll()}, returning as soon as it holds. A checkpoint, also when the condition already
     * holds: a cancelled task raises {@link Cancelled} instead, and a task cancelled while waiting wakes up
     * and raises it; either way the task has done nothing but evaluate the condition.
     *
     * @throws IllegalStateException if the caller is not a task of a run
     */
    public void await(BooleanSupplier condition) {
        Objects.requireNonNull(condition, "condition");
        Task task = Task.current("Signal.await");
        task.checkpoint();
        if (condition.getAsBoolean()) {
            return;
        }
        synchronized (this) {
            waiting.add(task);
        }
        try {
            for (;;) {
                // Registered before each evaluation: a signal after it wakes the block below (or makes it
                // return at once, the task keeps a wake-up that came early).
                if (condition.getAsBoolean()) {
                    return;
                }
                task.checkpoint();
                task.block();
                task.checkpoint();
            }
        } finally {
            synchronized (this) {
                waiting.remove(task);
            }
        }
    }

    /**
     * Wakes every waiting task so that it evaluates its condition again. Callable from any thread, in a
     * task or not; never blocks and is not a checkpoint. Call it after the change that may make a
     * condition true, not before.
     */
    public void signalAll() {
        Task[] woken;
        synchronized (this) {
            if (waiting.isEmpty()) {
                return;
            }
            woken = waiting.toArray(new Task[0]);
        }
        for (Task task : woken) {
            task.wake();
        }
    }

    @Override
    public String toString() {
        synchronized (this) {
            return "Signal[" + waiting.size() + " waiting]";
        }
    }
}
