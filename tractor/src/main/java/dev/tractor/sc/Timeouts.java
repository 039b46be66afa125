package dev.tractor.sc;

import java.time.Duration;
import java.util.Optional;

/**
 * Time limits for a block of code (trio's {@code move_on_after} and {@code fail_after} families), built on
 * {@link CancelScope} deadlines measured on the run's {@link Clock}.
 *
 * <pre>{@code
 * Optional<String> reply = Timeouts.moveOnAfter(Duration.ofSeconds(1), () -> replies.receive());
 * String must = Timeouts.failAfter(Duration.ofSeconds(5), () -> replies.receive());   // or TooSlow
 * }</pre>
 *
 * <p>The body runs in the calling task; when the time is up, its checkpoints raise {@link Cancelled}, which
 * this scope catches. A {@code moveOn} then returns as if the body had finished with no result, a
 * {@code fail} raises {@link TooSlow}. Limits nest: the inner scope sees the earliest deadline. These
 * methods are exactly as blocking as the body; they add no checkpoint of their own.
 */
public final class Timeouts {
    private Timeouts() {
    }

    /**
     * Runs {@code body} for at most {@code timeout}.
     *
     * @return {@code true} if the body finished, {@code false} if the time limit cut it short
     */
    public static <X extends Exception> boolean moveOnAfter(Duration timeout, Action<X> body) throws X {
        CancelScope scope = new CancelScope().relativeDeadline(timeout);
        scope.run(body);
        return !scope.cancelledCaught();
    }

    /**
     * Computes a value within {@code timeout}.
     *
     * @return the value, or empty if the time limit cut the body short (or the body returned {@code null})
     */
    public static <T, X extends Exception> Optional<T> moveOnAfter(Duration timeout, Computation<T, X> body)
            throws X {
        return new CancelScope().relativeDeadline(timeout).call(body);
    }

    /** Like {@link #moveOnAfter(Duration, Action)} with an absolute deadline on the run's clock. */
    public static <X extends Exception> boolean moveOnAt(long deadline, Action<X> body) throws X {
        CancelScope scope = new CancelScope().deadline(deadline);
        scope.run(body);
        return !scope.cancelledCaught();
    }

    /** Like {@link #moveOnAfter(Duration, Computation)} with an absolute deadline on the run's clock. */
    public static <T, X extends Exception> Optional<T> moveOnAt(long deadline, Computation<T, X> body)
            throws X {
        return new CancelScope().deadline(deadline).call(body);
    }

    /**
     * Computes a value within {@code timeout} or fails.
     *
     * @throws TooSlow if the time limit cut the body short
     */
    public static <T, X extends Exception> T failAfter(Duration timeout, Computation<T, X> body) throws X {
        return fail(new CancelScope().relativeDeadline(timeout), body, "no result within " + timeout);
    }

    /**
     * Runs {@code body} within {@code timeout} or fails.
     *
     * @throws TooSlow if the time limit cut the body short
     */
    public static <X extends Exception> void failAfter(Duration timeout, Action<X> body) throws X {
        fail(new CancelScope().relativeDeadline(timeout), asComputation(body), "not done within " + timeout);
    }

    /** Like {@link #failAfter(Duration, Computation)} with an absolute deadline on the run's clock. */
    public static <T, X extends Exception> T failAt(long deadline, Computation<T, X> body) throws X {
        return fail(new CancelScope().deadline(deadline), body, "no result by the deadline");
    }

    /** Like {@link #failAfter(Duration, Action)} with an absolute deadline on the run's clock. */
    public static <X extends Exception> void failAt(long deadline, Action<X> body) throws X {
        fail(new CancelScope().deadline(deadline), asComputation(body), "not done by the deadline");
    }

    private static <T, X extends Exception> T fail(CancelScope scope, Computation<T, X> body, String what)
            throws X {
        Optional<T> value = scope.call(body);
        if (scope.cancelledCaught()) {
            throw new TooSlow(what);
        }
        return value.orElse(null);
    }

    private static <X extends Exception> Computation<Void, X> asComputation(Action<X> body) {
        return () -> {
            body.run();
            return null;
        };
    }
}
