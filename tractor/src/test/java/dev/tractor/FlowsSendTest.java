package dev.tractor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tractor.sc.BrokenResource;
import dev.tractor.sc.EndOfChannel;
import dev.tractor.sc.Sc;
import dev.tractor.sc.Timeouts;
import dev.tractor.sc.Cancelled;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.SubmissionPublisher;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link Flows#send} and the credit under it ({@link MsgStream#awaitRoom()}): a fast publisher feeds a child
 * actor that reads slowly, with the default overrun policy, and never overruns it; the publisher is never
 * asked for more than the child has room for; the end or failure of either side, or of the calling task,
 * reaches the other (issue 15).
 */
class FlowsSendTest {

    /** Runs in the child: the reading side of the parent's stream. */
    public static final class Sink {
        private Sink() {
        }

        /**
         * Reads the stream to its end, pausing 1 ms every {@code pauseEvery} values; returns how many it
         * read, and fails if one came out of order.
         */
        public static int readAll(Context<String> ctx, int pauseEvery) {
            ctx.started("reading");
            int read = 0;
            try (MsgStream<Integer, Integer> stream = ctx.openStream(Integer.class, Integer.class)) {
                for (int value : stream) {
                    if (value != read) {
                        throw new IllegalStateException("value " + value + " came in place of " + read);
                    }
                    read++;
                    if (read % pauseEvery == 0) {
                        Sc.sleep(Duration.ofMillis(1));
                    }
                }
            }
            return read;
        }

        /** Reads the stream to its end, whatever comes; returns how many it read. */
        public static int discardAll(Context<String> ctx) {
            ctx.started("reading");
            int read = 0;
            try (MsgStream<Integer, Integer> stream = ctx.openStream(Integer.class, Integer.class)) {
                for (int ignored : stream) {
                    read++;
                }
            }
            return read;
        }

        /** Like {@link #discardAll}; if its task is cancelled, it writes "cancelled" to {@code marker} first. */
        public static int discardAllNoting(Context<String> ctx, String marker) throws IOException {
            try {
                return discardAll(ctx);
            } catch (Cancelled c) {
                Files.writeString(Path.of(marker), "cancelled");
                throw c;
            }
        }

        /** Reads {@code count} values, then fails. */
        public static void readThenFail(Context<String> ctx, int count) {
            ctx.started("reading");
            MsgStream<Integer, Integer> stream = ctx.openStream(Integer.class, Integer.class);
            for (int i = 0; i < count; i++) {
                stream.receive();
            }
            throw new IllegalStateException("read enough");
        }

        /** Reads {@code count} values, then returns. */
        public static int readThenReturn(Context<String> ctx, int count) {
            ctx.started("reading");
            MsgStream<Integer, Integer> stream = ctx.openStream(Integer.class, Integer.class);
            for (int i = 0; i < count; i++) {
                stream.receive();
            }
            return count;
        }

        /** Reads {@code count} values, closes its stream, and waits to be cancelled. */
        public static void readThenClose(Context<String> ctx, int count) {
            ctx.started("reading");
            MsgStream<Integer, Integer> stream = ctx.openStream(Integer.class, Integer.class);
            for (int i = 0; i < count; i++) {
                stream.receive();
            }
            stream.close();
            Sc.sleepForever();
        }

        /** Opens its stream with {@link Overruns#ALLOW}, says so on it, and never reads it. */
        public static void neverReadAllowing(Context<String> ctx) {
            ctx.started("not reading");
            ctx.openStream(Integer.class, Integer.class, Overruns.ALLOW).send(0);
            Sc.sleepForever();
        }

        /** Opens its stream and never reads it. */
        public static void neverRead(Context<String> ctx) {
            ctx.started("not reading");
            ctx.openStream(Integer.class, Integer.class);
            Sc.sleepForever();
        }

        /**
         * Reads 31 values, then 1, then 32, sending back how many it has read after each step (the parent
         * sends each step's values only once it has heard of the one before); then reads one more and closes
         * its stream.
         */
        public static void readInSteps(Context<String> ctx) {
            ctx.started("reading");
            MsgStream<Integer, Integer> stream = ctx.openStream(Integer.class, Integer.class);
            int read = 0;
            for (int step : new int[] {31, 1, 32}) {
                for (int i = 0; i < step; i++) {
                    stream.receive();
                }
                read += step;
                stream.send(read);
            }
            stream.receive();
            stream.close();
            Sc.sleepForever();
        }
    }

    @AfterEach
    void noProcessOutlivesTheTest() throws InterruptedException {
        Processes.assertNoDescendantsWithin(Duration.ofSeconds(10));
    }

    @Test
    @Timeout(120)
    void aFastSubmissionPublisherNeverOverrunsASlowReader() throws Exception {
        ExecutorService executor = Executors.newSingleThreadExecutor(r -> new Thread(r, "flows-send-publisher"));
        AtomicReference<Thread> publisherThread = new AtomicReference<>();
        executor.submit(() -> publisherThread.set(Thread.currentThread())).get();
        int count = 10_000;
        Thread producer;
        int read;
        try (SubmissionPublisher<Integer> publisher = new SubmissionPublisher<>(executor, 256)) {
            // It submits as fast as the publisher takes them: the publisher's buffer (256) fills at once,
            // and its deliveries wait only for demand.
            producer = Thread.ofPlatform().name("flows-send-producer").start(() -> {
                while (!publisher.hasSubscribers()) { // what is submitted before is dropped
                    Thread.onSpinWait();
                }
                for (int i = 0; i < count; i++) {
                    publisher.submit(i);
                }
                publisher.close();
            });
            read = Tractor.openNursery(an -> {
                Portal p = an.startActor("sink", ActorOptions.enable(Sink.class));
                return p.openContext(Sink::readAll, 10, (ctx, started) -> {
                    try (MsgStream<Integer, Integer> stream = ctx.openStream(Integer.class, Integer.class)) {
                        Flows.send(publisher, stream); // the default policy: an overrun would fail the send
                    }
                    return ctx.result();
                });
            });
        }
        assertEquals(count, read, "every value, in order");
        producer.join(10_000);
        assertFalse(producer.isAlive());
        executor.shutdown();
        assertTrue(executor.awaitTermination(10, TimeUnit.SECONDS));
        publisherThread.get().join(10_000);
        assertFalse(publisherThread.get().isAlive(), "the publisher's thread has ended");
    }

    @Test
    @Timeout(60)
    void thePublisherIsNeverAskedForMoreThanTheReaderHasRoomFor() throws Exception {
        RangePublisher publisher = new RangePublisher(2_000);
        int read = Tractor.openNursery(an -> {
            Portal p = an.startActor("sink", ActorOptions.enable(Sink.class));
            return p.openContext(Sink::readAll, 5, (ctx, started) -> {
                try (MsgStream<Integer, Integer> stream = ctx.openStream(Integer.class, Integer.class)) {
                    Flows.send(publisher, stream);
                }
                return ctx.result();
            });
        });
        assertEquals(2_000, read);
        publisher.assertEnded();
        assertTrue(publisher.mostOutstanding() <= Context.BUFFER,
                () -> "outstanding demand reached " + publisher.mostOutstanding());
        assertTrue(publisher.mostOutstanding() > 0);
        assertFalse(publisher.cancelled(), "it completed; nothing to cancel");
    }

    @Test
    @Timeout(60)
    void whenTheReaderFailsTheSubscriptionIsCancelledAndItsErrorComesOut() throws Exception {
        RangePublisher publisher = new RangePublisher(Integer.MAX_VALUE);
        RemoteActorError e = assertThrows(RemoteActorError.class, () -> Tractor.openNursery(an -> {
            Portal p = an.startActor("sink", ActorOptions.enable(Sink.class));
            p.openContext(Sink::readThenFail, 100, (ctx, started) -> {
                try (MsgStream<Integer, Integer> stream = ctx.openStream(Integer.class, Integer.class)) {
                    Flows.send(publisher, stream);
                }
                return null;
            });
            return null;
        }));
        assertTrue(e.isRemote(IllegalStateException.class), e::toString);
        publisher.assertEnded();
        assertTrue(publisher.cancelled(), "the publisher saw its subscription cancelled");
    }

    @Test
    @Timeout(60)
    void whenTheReaderReturnsTheSubscriptionIsCancelledAndTheSendFails() throws Exception {
        RangePublisher publisher = new RangePublisher(Integer.MAX_VALUE);
        int read = Tractor.openNursery(an -> {
            Portal p = an.startActor("sink", ActorOptions.enable(Sink.class));
            return p.openContext(Sink::readThenReturn, 100, (ctx, started) -> {
                try (MsgStream<Integer, Integer> stream = ctx.openStream(Integer.class, Integer.class)) {
                    // From Flows.send (its Stop came first) or from a send under way when its Return came.
                    assertThrows(BrokenResource.class, () -> Flows.send(publisher, stream));
                }
                return ctx.result();
            });
        });
        assertEquals(100, read);
        publisher.assertEnded();
        assertTrue(publisher.cancelled());
    }

    @Test
    @Timeout(60)
    void whenTheReaderClosesItsStreamTheSubscriptionIsCancelledAndTheSendFails() throws Exception {
        RangePublisher publisher = new RangePublisher(Integer.MAX_VALUE);
        Tractor.openNursery(an -> {
            Portal p = an.startActor("sink", ActorOptions.enable(Sink.class));
            p.openContext(Sink::readThenClose, 100, (ctx, started) -> {
                try (MsgStream<Integer, Integer> stream = ctx.openStream(Integer.class, Integer.class)) {
                    BrokenResource e = assertThrows(BrokenResource.class, () -> Flows.send(publisher, stream));
                    assertTrue(e.getMessage().contains("has stopped reading"), e.getMessage());
                }
                ctx.cancel();
                return null;
            });
            return null;
        });
        publisher.assertEnded();
        assertTrue(publisher.cancelled());
        assertTrue(publisher.delivered() < 100 + 2 * Context.BUFFER, () -> publisher.delivered() + " delivered");
    }

    @Test
    @Timeout(60)
    void cancellingTheCallingTaskCancelsTheSubscription() throws Exception {
        RangePublisher publisher = new RangePublisher(Integer.MAX_VALUE);
        Tractor.openNursery(an -> {
            Portal p = an.startActor("sink", ActorOptions.enable(Sink.class));
            p.openContext(Sink::neverRead, (ctx, started) -> {
                try (MsgStream<Integer, Integer> stream = ctx.openStream(Integer.class, Integer.class)) {
                    boolean finished = Timeouts.moveOnAfter(Duration.ofMillis(500), () -> Flows.send(publisher, stream));
                    assertFalse(finished, "the deadline cancelled it while it waited for room");
                }
                ctx.cancel();
                return null;
            });
            return null;
        });
        publisher.assertEnded();
        assertTrue(publisher.cancelled());
        assertTrue(publisher.delivered() <= Context.BUFFER, () -> publisher.delivered() + " delivered: never "
                + "more than the reader had room for");
    }

    @Test
    @Timeout(60)
    void thePublishersFailureComesOutAsItselfOrWrappedWhenChecked(@TempDir Path dir) throws Exception {
        Path marker = dir.resolve("remote");
        IllegalArgumentException boom = new IllegalArgumentException("boom");
        RangePublisher unchecked = new RangePublisher(10, boom);
        RangePublisher checked = new RangePublisher(10, new IOException("disk gone"));
        AtomicReference<Throwable> second = new AtomicReference<>();
        IllegalArgumentException raised = assertThrows(IllegalArgumentException.class, () -> Tractor.openNursery(an -> {
            Portal p = an.startActor("sink", ActorOptions.enable(Sink.class));
            p.openContext(Sink::discardAllNoting, marker.toString(), (ctx, started) -> {
                // Not closed by a try-with-resources: closing it would end the other side's reading loop
                // normally before the failure cancels its task.
                MsgStream<Integer, Integer> stream = ctx.openStream(Integer.class, Integer.class);
                second.set(assertThrows(CompletionException.class, () -> Flows.send(checked, stream)));
                Flows.send(unchecked, stream);
                return ctx.result();
            });
            return null;
        }));
        assertSame(boom, raised, "the publisher's own exception, out of the context's body");
        assertEquals("cancelled", Files.readString(marker), "the failed body cancelled the remote task");
        assertInstanceOf(IOException.class, second.get().getCause());
        unchecked.assertEnded();
        checked.assertEnded();
        assertFalse(unchecked.cancelled(), "a publisher that failed is not cancelled");
    }

    @Test
    @Timeout(60)
    void aPublisherThatBreaksTheRulesIsCancelledAndTheBreachRaised() throws Exception {
        RangePublisher tooMany = RangePublisher.beyondDemand(5);
        RangePublisher nulls = RangePublisher.withNullAt(3);
        Tractor.openNursery(an -> {
            Portal p = an.startActor("sink", ActorOptions.enable(Sink.class));
            p.openContext(Sink::discardAll, (ctx, started) -> {
                try (MsgStream<Integer, Integer> stream = ctx.openStream(Integer.class, Integer.class)) {
                    IllegalStateException e = assertThrows(IllegalStateException.class, () -> Flows.send(tooMany, stream));
                    assertTrue(e.getMessage().contains("rule 1.1"), e.getMessage());
                    NullPointerException n = assertThrows(NullPointerException.class, () -> Flows.send(nulls, stream));
                    assertTrue(n.getMessage().contains("rule 2.13"), n.getMessage());
                }
                return ctx.result();
            });
            return null;
        });
        tooMany.assertEnded();
        nulls.assertEnded();
        assertTrue(tooMany.cancelled());
        assertTrue(nulls.cancelled());
    }

    @Test
    @Timeout(60)
    void theReaderCreditsEvery32ValuesAndAClosedReaderLeavesNoRoom() throws Exception {
        Tractor.openNursery(an -> {
            Portal p = an.startActor("sink", ActorOptions.enable(Sink.class));
            p.openContext(Sink::readInSteps, (ctx, started) -> {
                try (MsgStream<Integer, Integer> stream = ctx.openStream(Integer.class, Integer.class)) {
                    assertEquals(Context.BUFFER, stream.awaitRoom());
                    int sent = 0;
                    for (int step : new int[] {31, 1, 32}) {
                        for (int i = 0; i < step; i++) {
                            stream.send(sent++);
                        }
                        assertEquals(sent, stream.receive()); // after a credit, if it sent one
                        int credited = sent / 32 * 32;
                        assertEquals(Context.BUFFER - sent + credited, stream.awaitRoom(),
                                "a credit of 32 for every 32 values read, and only then: " + sent + " read");
                    }
                    stream.send(-1);
                    assertThrows(EndOfChannel.class, stream::receive); // it closed its stream
                    assertEquals(0, stream.awaitRoom(), "a reader that closed its stream leaves no room");
                }
                ctx.cancel();
                return null;
            });
            p.openContext(Sink::neverRead, (ctx, started) -> {
                try (MsgStream<Integer, Integer> stream = ctx.openStream(Integer.class, Integer.class)) {
                    for (int i = 0; i < Context.BUFFER; i++) {
                        assertTrue(stream.awaitRoom() > 0);
                        stream.send(i);
                    }
                    assertEquals(Optional.empty(), Timeouts.moveOnAfter(Duration.ofMillis(300), stream::awaitRoom),
                            "64 unread: no room");
                }
                ctx.cancel();
                return null;
            });
            return null;
        });
    }

    @Test
    @Timeout(60)
    void aReaderThatAllowsAnyBufferGrantsAWindowOf65536() throws Exception {
        Tractor.openNursery(an -> {
            Portal p = an.startActor("sink", ActorOptions.enable(Sink.class));
            p.openContext(Sink::neverReadAllowing, (ctx, started) -> {
                try (MsgStream<Integer, Integer> stream = ctx.openStream(Integer.class, Integer.class)) {
                    assertEquals(0, stream.receive()); // it opened its stream: its grant came before this value
                    assertEquals(65_536, stream.awaitRoom());
                    for (int i = 0; i < 65_536; i++) {
                        stream.send(i);
                    }
                    assertEquals(Optional.empty(), Timeouts.moveOnAfter(Duration.ofMillis(300), stream::awaitRoom),
                            "65,536 unread: no room, even with ALLOW");
                }
                ctx.cancel();
                return null;
            });
            return null;
        });
    }

    /**
     * Publishes 0, 1, 2... from a thread of its own, as fast as it is asked; records the most demand ever
     * outstanding and whether it was cancelled. Optionally fails after its values, breaks rule 1.1 (one more
     * than asked, at once), or publishes a null.
     */
    static final class RangePublisher implements Flow.Publisher<Integer> {
        private final int count;
        private final Throwable failure;
        private final int extra;
        private final int nullAt;
        private long requested;
        private long delivered;
        private long mostOutstanding;
        private boolean cancelled;
        private Thread thread;

        RangePublisher(int count) {
            this(count, null, 0, -1);
        }

        RangePublisher(int count, Throwable failure) {
            this(count, failure, 0, -1);
        }

        private RangePublisher(int count, Throwable failure, int extra, int nullAt) {
            this.count = count;
            this.failure = failure;
            this.extra = extra;
            this.nullAt = nullAt;
        }

        static RangePublisher beyondDemand(int extra) {
            return new RangePublisher(Integer.MAX_VALUE, null, extra, -1);
        }

        static RangePublisher withNullAt(int index) {
            return new RangePublisher(Integer.MAX_VALUE, null, 0, index);
        }

        @Override
        public void subscribe(Flow.Subscriber<? super Integer> subscriber) {
            Flow.Subscription subscription = new Flow.Subscription() {
                @Override
                public void request(long n) {
                    synchronized (RangePublisher.this) {
                        requested += n + extra;
                        mostOutstanding = Math.max(mostOutstanding, requested - extra - delivered);
                        RangePublisher.this.notifyAll();
                    }
                }

                @Override
                public void cancel() {
                    synchronized (RangePublisher.this) {
                        cancelled = true;
                        RangePublisher.this.notifyAll();
                    }
                }
            };
            Thread t = Thread.ofPlatform().name("range-publisher").start(() -> emit(subscriber));
            synchronized (this) {
                thread = t;
            }
            subscriber.onSubscribe(subscription);
        }

        private void emit(Flow.Subscriber<? super Integer> subscriber) {
            for (int i = 0; i < count; i++) {
                synchronized (this) {
                    while (!cancelled && delivered == requested) {
                        try {
                            wait();
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                    if (cancelled) {
                        return;
                    }
                    delivered++;
                }
                try {
                    subscriber.onNext(i == nullAt ? null : i);
                } catch (NullPointerException e) {
                    // rule 2.13: the subscriber refuses a null so; it has cancelled too
                }
            }
            if (failure != null) {
                subscriber.onError(failure);
            } else {
                subscriber.onComplete();
            }
        }

        synchronized long mostOutstanding() {
            return mostOutstanding;
        }

        synchronized long delivered() {
            return delivered;
        }

        synchronized boolean cancelled() {
            return cancelled;
        }

        /** Its thread has ended (within a few seconds of the flow's end). */
        void assertEnded() throws InterruptedException {
            Thread t;
            synchronized (this) {
                t = thread;
            }
            t.join(5_000);
            assertFalse(t.isAlive(), "the publisher's thread has ended");
        }
    }
}
