package dev.tractor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link Flows#publish}: a context's stream from a child actor feeds a {@link Flow.Subscriber} that asks for
 * one value at a time; it never gets more than it requested, hears onComplete at the end, and its cancel
 * ends the flow (issue 15).
 */
class FlowsTest {

    /** Runs in the child. */
    public static final class Source {
        private Source() {
        }

        /** Sends 0 .. count-1 on its stream, then returns how many it sent. */
        public static int count(Context<String> ctx, int count) {
            ctx.started("counting");
            int sent = 0;
            try (MsgStream<Integer, Integer> stream = ctx.openStream(Integer.class, Integer.class)) {
                for (int i = 0; i < count; i++) {
                    stream.send(i);
                    sent++;
                }
            }
            return sent;
        }
    }

    /** Requests one value at a time, from another thread, a moment after each; records what it saw. */
    static final class SlowSubscriber implements Flow.Subscriber<Integer> {
        final List<Object> events = new CopyOnWriteArrayList<>();
        final AtomicLong requested = new AtomicLong();
        final AtomicLong received = new AtomicLong();
        final AtomicLong mostAhead = new AtomicLong(); // received - requested, at its highest
        final int cancelAfter;
        Flow.Subscription subscription;

        SlowSubscriber(int cancelAfter) {
            this.cancelAfter = cancelAfter;
        }

        private void requestOneLater() {
            Thread.ofPlatform().start(() -> {
                try {
                    Thread.sleep(2);
                } catch (InterruptedException e) {
                    return;
                }
                requested.incrementAndGet();
                subscription.request(1);
            });
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            requestOneLater();
        }

        @Override
        public void onNext(Integer item) {
            long r = received.incrementAndGet();
            mostAhead.accumulateAndGet(r - requested.get(), Math::max);
            events.add(item);
            if (r == cancelAfter) {
                subscription.cancel();
            } else {
                requestOneLater();
            }
        }

        @Override
        public void onError(Throwable t) {
            events.add(t);
        }

        @Override
        public void onComplete() {
            events.add("complete");
        }
    }

    @AfterEach
    void noProcessOutlivesTheTest() throws InterruptedException {
        Processes.assertNoDescendantsWithin(Duration.ofSeconds(10));
    }

    @Test
    void aSlowSubscriberGetsWhatItRequestedAndNoMoreThenTheEnd() throws Exception {
        SlowSubscriber subscriber = new SlowSubscriber(-1);
        int sent = Tractor.openNursery(an -> {
            Portal p = an.startActor("source", ActorOptions.enable(Source.class));
            return p.openContext(Source::count, 200, (ctx, started) -> {
                // The source is faster than the subscriber asks: beyond its 64 values, the buffer must grow
                try (MsgStream<Integer, Integer> stream = ctx.openStream(Integer.class, Integer.class, Overruns.ALLOW)) {
                    Flows.publish(stream, subscriber);
                }
                return ctx.result();
            });
        });
        assertEquals(200, sent);
        assertEquals(201, subscriber.events.size(), subscriber.events::toString);
        for (int i = 0; i < 200; i++) {
            assertEquals(i, subscriber.events.get(i));
        }
        assertEquals("complete", subscriber.events.getLast());
        assertTrue(subscriber.mostAhead.get() <= 0, () -> "it got " + subscriber.mostAhead.get() + " more than it asked for");
    }

    @Test
    void theSubscribersCancelEndsTheFlow() throws Exception {
        SlowSubscriber subscriber = new SlowSubscriber(5);
        Tractor.openNursery(an -> {
            Portal p = an.startActor("source", ActorOptions.enable(Source.class));
            int sent = p.openContext(Source::count, 40, (ctx, started) -> { // 40: within the stream's buffer
                try (MsgStream<Integer, Integer> stream = ctx.openStream(Integer.class, Integer.class)) {
                    Flows.publish(stream, subscriber); // returns once the subscriber has cancelled
                }
                return ctx.result();
            });
            assertEquals(40, sent, "the other side sent on; what nobody asked for was never received");
            return null;
        });
        assertEquals(List.of(0, 1, 2, 3, 4), subscriber.events, "five values, then nothing: no onComplete, no onError");
    }

    @Test
    void aRequestThatIsNotPositiveIsAnError() throws Exception {
        List<Object> events = new CopyOnWriteArrayList<>();
        AtomicInteger nexts = new AtomicInteger();
        Tractor.openNursery(an -> {
            Portal p = an.startActor("source", ActorOptions.enable(Source.class));
            p.openContext(Source::count, 3, (ctx, started) -> {
                try (MsgStream<Integer, Integer> stream = ctx.openStream(Integer.class, Integer.class)) {
                    Flows.publish(stream, new Flow.Subscriber<Integer>() {
                        @Override
                        public void onSubscribe(Flow.Subscription s) {
                            s.request(0);
                        }

                        @Override
                        public void onNext(Integer item) {
                            nexts.incrementAndGet();
                        }

                        @Override
                        public void onError(Throwable t) {
                            events.add(t);
                        }

                        @Override
                        public void onComplete() {
                            events.add("complete");
                        }
                    });
                }
                return ctx.result();
            });
            return null;
        });
        assertEquals(0, nexts.get());
        assertEquals(1, events.size(), events::toString);
        assertInstanceOf(IllegalArgumentException.class, events.getFirst());
    }
}
