package dev.tractor;

import dev.tractor.sc.CancelScope;
import dev.tractor.sc.Cancelled;
import dev.tractor.sc.EndOfChannel;
import dev.tractor.sc.Signal;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Bridges between a context's {@link MsgStream} and {@link java.util.concurrent.Flow} (Reactive Streams, and
 * Reactor or RxJava through their {@code Flow} adapters).
 *
 * <p>The bridge runs in the task that calls it, for as long as the flow lasts: nothing is left running
 * behind it, and cancelling that task ends the flow.
 */
public final class Flows {
    private Flows() {
    }

    /**
     * Feeds what {@code stream} receives to {@code subscriber}, honouring its demand: a value is received
     * from the stream only after the subscriber has requested it, so a slow subscriber never gets more than
     * it asked for. Meanwhile the stream buffers what the other side sends, as it does for any slow reader:
     * {@value Context#BUFFER} values, then {@link StreamOverrun}, unless the stream was opened with
     * {@link Overruns#ALLOW} (see {@link Overruns}). Every signal reaches the
     * subscriber from the calling task, one at a time (Reactive Streams rule 1.3).
     *
     * <p>A checkpoint that returns, or raises, when the flow is over:
     * <ul>
     * <li>the other side closed its stream, or its task ended: {@code onComplete}, and it returns;</li>
     * <li>the subscriber cancelled its subscription: it returns (a {@code receive} under way is cancelled and
     *     loses no value). The caller's context block then goes on, and ending it ends the other side;</li>
     * <li>the subscriber requested a number that is not positive: {@code onError} with an
     *     {@link IllegalArgumentException} (rule 3.9), and it returns;</li>
     * <li>the stream failed ({@link RemoteActorError}, {@link ContextCancelled}...): {@code onError} with that
     *     failure, which it then raises;</li>
     * <li>the calling task was cancelled: {@code onError} with a {@link CancellationException}, and
     *     {@link Cancelled} goes on;</li>
     * <li>the subscriber's own {@code onNext} threw: that is raised, and the subscriber hears nothing more.</li>
     * </ul>
     */
    public static <T> void publish(MsgStream<T, ?> stream, Flow.Subscriber<? super T> subscriber) {
        Objects.requireNonNull(stream, "stream");
        Objects.requireNonNull(subscriber, "subscriber");
        Demand demand = new Demand();
        subscriber.onSubscribe(demand);
        boolean[] completed = new boolean[1];
        try {
            demand.scope.run(() -> {
                for (;;) {
                    demand.signal.await(demand::actionable);
                    if (demand.cancelled || demand.badRequest != null) {
                        return;
                    }
                    T value;
                    try {
                        value = stream.receive();
                    } catch (EndOfChannel end) {
                        completed[0] = true;
                        return;
                    }
                    demand.outstanding.decrementAndGet();
                    try {
                        subscriber.onNext(value);
                    } catch (RuntimeException | Error e) {
                        throw new SubscriberFailed(e);
                    }
                }
            });
        } catch (SubscriberFailed e) {
            throw e.rethrow();
        } catch (Cancelled c) {
            subscriber.onError(new CancellationException("the task that published " + stream + " was cancelled"));
            throw c;
        } catch (RuntimeException | Error e) {
            subscriber.onError(e);
            throw e;
        }
        if (demand.badRequest != null) {
            subscriber.onError(demand.badRequest);
        } else if (completed[0]) {
            subscriber.onComplete();
        }
    }

    /** The subscription: what the subscriber asked for, which it may change from any thread. */
    private static final class Demand implements Flow.Subscription {
        final AtomicLong outstanding = new AtomicLong();
        final Signal signal = new Signal();
        final CancelScope scope = new CancelScope();
        volatile boolean cancelled;
        volatile IllegalArgumentException badRequest;

        boolean actionable() {
            return outstanding.get() > 0 || cancelled || badRequest != null;
        }

        @Override
        public void request(long n) {
            if (n <= 0) {
                badRequest = new IllegalArgumentException("request(" + n + "): a subscriber must request a positive "
                        + "number of values (Reactive Streams rule 3.9)");
                scope.cancel();
            } else {
                outstanding.getAndUpdate(d -> d + n < 0 ? Long.MAX_VALUE : d + n); // capped: "unbounded"
            }
            signal.signalAll();
        }

        @Override
        public void cancel() {
            cancelled = true;
            scope.cancel();
            signal.signalAll();
        }
    }

    /** Carries a failure of the subscriber's own out of the pump, past the handlers for the stream's. */
    private static final class SubscriberFailed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        SubscriberFailed(Throwable cause) {
            super(null, cause, false, false);
        }

        RuntimeException rethrow() {
            if (getCause() instanceof Error e) {
                throw e;
            }
            return (RuntimeException) getCause();
        }
    }
}
