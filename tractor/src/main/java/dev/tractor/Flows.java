package dev.tractor;

import dev.tractor.sc.BrokenResource;
import dev.tractor.sc.CancelScope;
import dev.tractor.sc.Cancelled;
import dev.tractor.sc.EndOfChannel;
import dev.tractor.sc.Signal;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Bridges between a context's {@link MsgStream} and {@link java.util.concurrent.Flow} (Reactive Streams, and
 * Reactor or RxJava through their {@code Flow} adapters), both ways: {@link #publish} feeds what a stream
 * receives to a {@link Flow.Subscriber}, honouring its demand, and {@link #send} feeds what a
 * {@link Flow.Publisher} publishes to a stream, asking the publisher for no more than the other side has room
 * for, so that a fast publisher never overruns a slow reader.
 *
 * <p>The bridge runs in the task that calls it, for as long as the flow lasts: nothing is left running
 * behind it, and cancelling that task ends the flow (the subscriber hears {@code onError}, the publisher's
 * subscription is cancelled). The foreign side's signals may come from any thread; the stream is used only
 * from the calling task.
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

    /**
     * Subscribes to {@code publisher} in the calling task and sends every value it publishes on
     * {@code stream}, asking the publisher only for as many values as the other side has room for: before
     * it requests more it waits for room ({@link MsgStream#awaitRoom()}), and it requests what that room
     * allows, in batches: never more outstanding than the other side has room for ({@value Context#BUFFER}
     * values for a reader with the default {@link Overruns#FAIL_SENDER}, 65,536 for one with
     * {@link Overruns#ALLOW}; see {@link MsgStream#awaitRoom()}). So a fast publisher never overruns
     * the stream, whatever the other side's reading speed and {@link Overruns} policy, and the publisher is
     * never asked for an unbounded number of values. The publisher's signals may come on any thread; they
     * are handed to the calling task, which alone sends on the stream.
     *
     * <p>A checkpoint that returns, or raises, when the flow is over:
     * <ul>
     * <li>the publisher completed: every value it published has been sent, and it returns. It does not
     *     close the stream: the caller does, as with any {@code send};</li>
     * <li>the other side stopped reading: it closed its stream, or its task returned (which closes it
     *     first). The subscription is cancelled and {@link BrokenResource} is raised: the publisher's values
     *     can no longer all be sent (a caller that expects the reader to stop early catches it);</li>
     * <li>the publisher failed ({@code onError}): the values it published before were sent, and its failure
     *     is raised, as itself when it is unchecked, else wrapped in a {@link CompletionException}. Out of a
     *     context's body, like any failure there, it cancels the other side's task (a try-with-resources
     *     that closes the stream on the way out lets the other side see the stream's end first);</li>
     * <li>the stream failed (the other side's task failed, {@link ContextCancelled},
     *     {@link RemoteActorError}, {@link StreamOverrun}, the connection was lost...): the subscription is
     *     cancelled and that failure is raised;</li>
     * <li>the calling task was cancelled: the subscription is cancelled and {@link Cancelled} goes on;</li>
     * <li>the publisher broke the Reactive Streams rules: {@code onNext(null)} (rule 2.13) raises a
     *     {@link NullPointerException}, more {@code onNext} than requested (rule 1.1) an
     *     {@link IllegalStateException}, and the subscription is cancelled. A second {@code onSubscribe}
     *     is cancelled at once (rule 2.5) and changes nothing else.</li>
     * </ul>
     *
     * @throws IllegalStateException outside a task, or on the reading side of a one-way stream
     */
    public static <T> void send(Flow.Publisher<? extends T> publisher, MsgStream<?, ? super T> stream) {
        Objects.requireNonNull(publisher, "publisher");
        Objects.requireNonNull(stream, "stream");
        Feed<T> feed = new Feed<>();
        publisher.subscribe(feed);
        boolean over = false;
        try {
            feed.arrived.await(feed::subscribedOrOver);
            long requested = 0; // how many the publisher was asked for
            long sent = 0;
            for (;;) {
                boolean completed = feed.completed; // read before the queue: onComplete follows every onNext
                Object value;
                while ((value = feed.values.poll()) != null) {
                    stream.send(Feed.<T>unmask(value));
                    sent++;
                }
                Throwable failure = feed.failure;
                if (failure != null) {
                    over = !feed.protocolBroken; // after onError the subscription is over already
                    throw raised(failure);
                }
                if (completed) {
                    over = true;
                    return;
                }
                // Invariant: requested - sent <= room, so the values asked for can always be sent. When
                // nothing is outstanding, the wait for room is also a wait for the publisher's end.
                int room = feed.awaitRoomOrEnd(stream, requested == sent);
                if (room == 0) { // the finally block cancels the subscription
                    throw new BrokenResource("the other side of " + stream + " has stopped reading it");
                }
                long more = room - (requested - sent);
                if (room > 0 && more > 0 && (requested == sent || more >= REQUEST_BATCH)) {
                    requested += more;
                    feed.requested.set(requested);
                    feed.subscription.request(more);
                }
                feed.arrived.await(feed::hasSomething);
            }
        } finally {
            feed.done = true;
            Flow.Subscription subscription = feed.subscription;
            if (!over && subscription != null) {
                subscription.cancel();
            }
        }
    }

    /**
     * The least number of values {@link #send} asks a publisher for while values are still outstanding: a
     * request per value would cost the publisher a hand-off each; waiting for none outstanding would stall.
     */
    private static final int REQUEST_BATCH = Context.BUFFER / 4;

    private static RuntimeException raised(Throwable failure) {
        if (failure instanceof Error e) {
            throw e;
        }
        if (failure instanceof RuntimeException r) {
            return r;
        }
        return new CompletionException("the publisher failed: " + failure, failure);
    }

    /**
     * The subscriber that {@link #send} gives the publisher: it queues what the publisher signals, on
     * whatever thread, and wakes the calling task, which does the rest.
     */
    private static final class Feed<T> implements Flow.Subscriber<T> {
        final Signal arrived = new Signal();
        final ConcurrentLinkedQueue<Object> values = new ConcurrentLinkedQueue<>();
        final AtomicLong requested = new AtomicLong(); // set by the task before it requests
        final AtomicLong received = new AtomicLong();
        volatile Flow.Subscription subscription;
        volatile boolean completed;
        volatile Throwable failure;
        volatile boolean protocolBroken;
        volatile boolean done; // the task has finished with the flow: later signals are dropped
        private volatile CancelScope roomWait; // the task's wait for room, which the publisher's end cuts short

        @SuppressWarnings("unchecked")
        static <T> T unmask(Object value) {
            return (T) value;
        }

        boolean subscribedOrOver() {
            return subscription != null || completed || failure != null;
        }

        boolean hasSomething() {
            return !values.isEmpty() || completed || failure != null;
        }

        /**
         * {@code stream.awaitRoom()}, cut short by the publisher's end when {@code cutShort} (nothing is
         * outstanding, so its end is all that can come): then -1.
         */
        int awaitRoomOrEnd(MsgStream<?, ?> stream, boolean cutShort) {
            if (!cutShort) {
                return stream.awaitRoom();
            }
            CancelScope scope = new CancelScope();
            roomWait = scope;
            try {
                if (completed || failure != null) {
                    return -1;
                }
                return scope.call(stream::awaitRoom).orElse(-1);
            } finally {
                roomWait = null;
            }
        }

        private void ended() {
            CancelScope scope = roomWait; // read after the end was recorded: the task sees one or the other
            if (scope != null) {
                scope.cancel("the publisher has ended");
            }
            arrived.signalAll();
        }

        private void broke(RuntimeException why) {
            protocolBroken = true;
            if (failure == null) {
                failure = why;
            }
            ended();
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            Objects.requireNonNull(s, "subscription (Reactive Streams rule 2.13)");
            if (subscription != null || done) {
                s.cancel(); // rule 2.5: one subscription at a time
                return;
            }
            subscription = s;
            arrived.signalAll();
        }

        @Override
        public void onNext(T item) {
            if (done) {
                return;
            }
            if (item == null) {
                broke(new NullPointerException("the publisher's onNext(null) broke Reactive Streams rule 2.13"));
                throw new NullPointerException("onNext(null) (Reactive Streams rule 2.13)");
            }
            if (received.incrementAndGet() > requested.get()) {
                broke(new IllegalStateException("the publisher signalled onNext " + received.get() + " times, "
                        + "beyond the " + requested.get() + " values requested (Reactive Streams rule 1.1)"));
                return;
            }
            values.add(item);
            arrived.signalAll();
        }

        @Override
        public void onError(Throwable t) {
            if (failure == null) {
                failure = t != null ? t : new NullPointerException("onError(null) (Reactive Streams rule 2.13)");
            }
            ended();
        }

        @Override
        public void onComplete() {
            completed = true;
            ended();
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
