package dev.tractor.sc;

/**
 * How a task started with {@link Nursery#start} tells its starter that it is ready (trio's
 * {@code task_status}).
 *
 * @param <T> the type of the value handed to the starter
 */
public interface TaskStatus<T> {
    /**
     * Reports that the task is ready: {@link Nursery#start} returns {@code value} to its caller and the
     * task moves into the nursery, under the nursery's cancel scope. Not a checkpoint; never blocks.
     *
     * @throws IllegalStateException if called a second time
     */
    void started(T value);

    /** {@link #started(Object)} with no value ({@code null}), for tasks of type {@code TaskStatus<Void>}. */
    default void started() {
        started(null);
    }
}
