package dev.tractor.sc;

/**
 * A task for {@link Nursery#start}: it does its set-up, reports through
 * {@link TaskStatus#started(Object)} that it is ready (handing a value to the caller), and goes on
 * running in the nursery.
 *
 * @param <T> the type of the value it hands over
 */
@FunctionalInterface
public interface StartableTask<T> {
    /** Runs the task; must call {@code status.started(...)} exactly once unless it fails first. */
    void run(TaskStatus<T> status) throws Exception;
}
