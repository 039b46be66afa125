package dev.tractor.examples;

import dev.tractor.ActorOptions;
import dev.tractor.Context;
import dev.tractor.Flows;
import dev.tractor.MsgStream;
import dev.tractor.Portal;
import dev.tractor.Tractor;
import dev.tractor.sc.Sc;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.SubmissionPublisher;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@link java.util.concurrent.Flow.Publisher} in the root feeds a consumer actor that reads slowly, with
 * backpressure: {@code Flows.send} asks the publisher only for as many values as the consumer has room for,
 * so the fast publisher never overruns the consumer's stream (which keeps the default
 * {@code Overruns.FAIL_SENDER}: 64 values unread, then the sender fails).
 *
 * <p>The root's producer thread submits readings to a {@link SubmissionPublisher} as fast as it takes them;
 * the publisher hands them on only as the bridge requests them, so the producer is held back to the
 * consumer's pace. A small wrapper around the publisher records the demand: it never runs more than 64
 * values ahead of what was delivered.
 *
 * <p>Run it with {@code java -cp ... dev.tractor.examples.FlowToRemote}.
 */
public final class FlowToRemote {
    /** How many readings the producer publishes. */
    static final int READINGS = 300;

    private FlowToRemote() {
    }

    /** Runs in the consumer: reads every reading, 2 ms each, and says what it received. */
    public static String consume(Context<String> ctx) {
        ctx.started("ready");
        int received = 0;
        long sum = 0;
        try (MsgStream<Integer, Void> readings = ctx.openStream(Integer.class, Void.class)) { // FAIL_SENDER
            for (int reading : readings) {
                if (reading != received) {
                    throw new IllegalStateException("reading " + reading + " came in place of " + received);
                }
                received++;
                sum += reading;
                Sc.sleep(Duration.ofMillis(2)); // a slow consumer
            }
        }
        return "the consumer received " + received + " readings in order, 0 to " + (received - 1) + ", sum " + sum;
    }

    public static void main(String[] args) throws Exception {
        ExecutorService publisherThread = Executors.newSingleThreadExecutor();
        DemandWatch<Integer> watched;
        String received;
        try (SubmissionPublisher<Integer> publisher = new SubmissionPublisher<>(publisherThread, 32)) {
            watched = new DemandWatch<>(publisher);
            Thread producer = Thread.ofPlatform().name("producer").start(() -> {
                while (!publisher.hasSubscribers()) { // what is submitted before anyone subscribed is dropped
                    Thread.onSpinWait();
                }
                for (int i = 0; i < READINGS; i++) {
                    publisher.submit(i); // waits while the publisher's buffer of 32 is full
                }
                publisher.close(); // onComplete, once the values before it were delivered
            });
            received = Tractor.openNursery(an -> {
                Portal consumer = an.startActor("consumer", ActorOptions.enable(FlowToRemote.class));
                return consumer.openContext(FlowToRemote::consume, (ctx, ready) -> {
                    try (MsgStream<Void, Integer> readings = ctx.openStream(Void.class, Integer.class)) {
                        Flows.send(watched, readings); // returns when the publisher has completed
                    } // closing the stream ends the consumer's loop
                    return ctx.result();
                });
            });
            producer.join();
        } finally {
            publisherThread.shutdown();
            publisherThread.awaitTermination(10, TimeUnit.SECONDS);
        }
        System.out.println("published " + watched.delivered() + " readings");
        System.out.println(received);
        System.out.println(watched.mostAhead() <= 64
                ? "the publisher was never asked for more than 64 readings ahead of the consumer"
                : "the publisher was asked for " + watched.mostAhead() + " readings ahead");
    }

    /** A publisher that passes everything through and records the demand it sees. */
    static final class DemandWatch<T> implements Flow.Publisher<T> {
        private final Flow.Publisher<T> publisher;
        private final AtomicLong requested = new AtomicLong();
        private final AtomicLong delivered = new AtomicLong();
        private final AtomicLong mostAhead = new AtomicLong();

        DemandWatch(Flow.Publisher<T> publisher) {
            this.publisher = publisher;
        }

        long delivered() {
            return delivered.get();
        }

        long mostAhead() {
            return mostAhead.get();
        }

        @Override
        public void subscribe(Flow.Subscriber<? super T> subscriber) {
            publisher.subscribe(new Flow.Subscriber<T>() {
                @Override
                public void onSubscribe(Flow.Subscription s) {
                    subscriber.onSubscribe(new Flow.Subscription() {
                        @Override
                        public void request(long n) {
                            long ahead = requested.addAndGet(n) - delivered.get();
                            mostAhead.accumulateAndGet(ahead, Math::max);
                            s.request(n);
                        }

                        @Override
                        public void cancel() {
                            s.cancel();
                        }
                    });
                }

                @Override
                public void onNext(T item) {
                    delivered.incrementAndGet();
                    subscriber.onNext(item);
                }

                @Override
                public void onError(Throwable t) {
                    subscriber.onError(t);
                }

                @Override
                public void onComplete() {
                    subscriber.onComplete();
                }
            });
        }
    }
}
