package dev.tractor;

import java.io.Serial;

/**
 * The task whose result was asked for was cancelled before it had one, and the asking task is not
 * cancelled: {@link Portal#result()} of a one-shot actor whose actor nursery was cancelled, for example.
 * {@link #getCause()} is that task's {@link dev.tractor.sc.Cancelled}.
 *
 * <p>A {@code Cancelled} belongs to the task whose scope was cancelled; raised in another task it would
 * unwind that task as if its own scope had been cancelled. So the other task gets this ordinary error
 * instead, which it may catch, and which fails its nursery like any error if it does not.
 */
public final class ResultCancelled extends TractorException {
    @Serial
    private static final long serialVersionUID = 1L;

    public ResultCancelled(String message, Throwable cancelled) {
        super(message, cancelled);
    }
}
