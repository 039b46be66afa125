package dev.tractor.internal.ipc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tractor.ipc.TransportClosed;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class OutboxTest {
    /** Records what is written and counts flushes; each flush takes a while, like a system call under load. */
    private static final class SlowFlushes extends OutputStream {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final AtomicInteger flushes = new AtomicInteger();

        @Override
        public synchronized void write(int b) {
            bytes.write(b);
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            bytes.write(b, off, len);
        }

        @Override
        public void flush() {
            flushes.incrementAndGet();
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
    }

    @Test
    void framesQueuedDuringAFlushShareTheNextOne() {
        SlowFlushes out = new SlowFlushes();
        Outbox outbox = new Outbox(out, "test", () -> { });
        int frames = 2000;
        for (int i = 0; i < frames; i++) {
            outbox.offer(new byte[] {(byte) i, (byte) (i >>> 8)});
        }
        assertTrue(outbox.close(Duration.ofSeconds(10)), "everything was written before close returned");
        ByteArrayInputStream written = new ByteArrayInputStream(out.bytes.toByteArray());
        for (int i = 0; i < frames; i++) {
            byte[] body = Frames.read(written, 16, "test");
            assertEquals(i, (body[0] & 0xff) | (body[1] & 0xff) << 8, "frames are written in order");
        }
        assertEquals(0, written.available());
        // One sender offering back to back: a writer flushing per frame would flush 2000 times.
        assertTrue(out.flushes.get() < frames / 10, out.flushes.get() + " flushes for " + frames + " frames");
    }

    @Test
    void sendersWaitWhileTooMuchIsQueuedAndGoOnWhenThePeerReads() throws Exception {
        CountDownLatch peerReads = new CountDownLatch(1);
        AtomicInteger bytesWritten = new AtomicInteger();
        OutputStream stalled = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                try {
                    peerReads.await();
                } catch (InterruptedException e) {
                    throw new AssertionError(e);
                }
                bytesWritten.addAndGet(len);
            }
        };
        Outbox outbox = new Outbox(stalled, "test", () -> { });
        int frameBytes = 64 * 1024;
        int frames = (int) (2 * Outbox.MAX_QUEUED_BYTES / frameBytes);
        AtomicInteger offered = new AtomicInteger();
        Thread sender = Thread.ofVirtual().start(() -> {
            for (int i = 0; i < frames; i++) {
                outbox.offer(new byte[frameBytes]);
                offered.incrementAndGet();
            }
        });
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (sender.getState() != Thread.State.TIMED_WAITING && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
        Thread.sleep(50);
        assertEquals(Thread.State.TIMED_WAITING, sender.getState(), "the sender waits for room (bounded: no task)");
        assertTrue(offered.get() < frames, offered.get() + " of " + frames + " offered while the peer reads nothing");
        assertTrue(offered.get() * (long) frameBytes <= Outbox.MAX_QUEUED_BYTES + 2L * frameBytes,
                "at most the limit (and the frame being written) is queued: " + offered.get());
        peerReads.countDown();
        sender.join(10_000);
        assertFalse(sender.isAlive());
        assertTrue(outbox.close(Duration.ofSeconds(10)));
        assertEquals(frames * (frameBytes + 4), bytesWritten.get());
    }

    @Test
    void aFailedWriteBreaksTheOutboxAndSaysWhy() throws Exception {
        CountDownLatch broken = new CountDownLatch(1);
        OutputStream failing = brokenPipe();
        Outbox outbox = new Outbox(failing, "peer-x", broken::countDown);
        outbox.offer(new byte[Outbox.INLINE_MAX_BYTES + 1]); // too big to write inline: the writer fails
        assertTrue(broken.await(10, TimeUnit.SECONDS), "the channel is told to close its socket");
        TransportClosed e = assertThrows(TransportClosed.class, () -> outbox.offer(new byte[] {2}));
        assertEquals("sending to peer-x failed: Broken pipe", e.getMessage());
        assertFalse(e.clean());
        assertFalse(outbox.close(Duration.ofSeconds(1)), "close reports that not everything was written");
    }

    @Test
    void aFailedInlineWriteFailsItsOwnSenderAndBreaksTheOutbox() throws Exception {
        CountDownLatch broken = new CountDownLatch(1);
        OutputStream failing = brokenPipe();
        Outbox outbox = new Outbox(failing, "peer-z", broken::countDown);
        TransportClosed own = assertThrows(TransportClosed.class, () -> outbox.offer(new byte[] {1}));
        assertEquals("sending to peer-z failed: Broken pipe", own.getMessage());
        assertTrue(broken.await(10, TimeUnit.SECONDS), "the channel is told to close its socket");
        assertThrows(TransportClosed.class, () -> outbox.offer(new byte[] {2}));
        assertFalse(outbox.close(Duration.ofSeconds(1)));
    }

    @Test
    void aSmallFrameOnAQuietChannelIsWrittenByItsSenderAndABigOneByTheWriterInOrder() throws Exception {
        List<String> writers = new CopyOnWriteArrayList<>();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        OutputStream out = new OutputStream() {
            @Override
            public synchronized void write(int b) {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public synchronized void write(byte[] b, int off, int len) {
                bytes.write(b, off, len);
            }

            @Override
            public void flush() {
                writers.add(Thread.currentThread().getName());
            }
        };
        Outbox outbox = new Outbox(out, "quiet", () -> { });
        outbox.offer(new byte[] {1});
        assertEquals(List.of(Thread.currentThread().getName()), writers, "written and flushed before offer returned");
        Thread.sleep(1); // quiet again, but too big to be written inline
        outbox.offer(new byte[Outbox.INLINE_MAX_BYTES + 1]);
        for (int i = 0; i < 100; i++) { // back to back: through the queue (or inline, when the writer had
            outbox.offer(new byte[] {(byte) i}); // drained it and this thread paused longer than QUIET_NANOS)
        }
        assertTrue(outbox.close(Duration.ofSeconds(10)));
        assertTrue(writers.get(1).startsWith("tractor-writer"), "the big frame went through the writer: " + writers);
        ByteArrayInputStream written = new ByteArrayInputStream(bytes.toByteArray());
        assertEquals(1, Frames.read(written, 1 << 20, "quiet").length);
        assertEquals(Outbox.INLINE_MAX_BYTES + 1, Frames.read(written, 1 << 20, "quiet").length);
        for (int i = 0; i < 100; i++) {
            assertEquals((byte) i, Frames.read(written, 16, "quiet")[0], "in order");
        }
        assertEquals(0, written.available());
    }

    @Test
    void anInterruptedSenderLeavesItsFrameToTheWriter() {
        List<String> writers = new CopyOnWriteArrayList<>();
        OutputStream out = new OutputStream() {
            @Override
            public void write(int b) {
            }

            @Override
            public void flush() {
                writers.add(Thread.currentThread().getName());
            }
        };
        Outbox outbox = new Outbox(out, "interrupted", () -> { });
        Thread.currentThread().interrupt();
        try {
            outbox.offer(new byte[] {1});
        } finally {
            assertTrue(Thread.interrupted(), "the interrupt is left as it was");
        }
        assertTrue(outbox.close(Duration.ofSeconds(10)));
        assertEquals(1, writers.size(), writers.toString());
        assertTrue(writers.getFirst().startsWith("tractor-writer"), writers.toString());
    }

    @Test
    void aClosedOutboxRefusesFrames() {
        Outbox outbox = new Outbox(OutputStream.nullOutputStream(), "peer-y", () -> { });
        assertTrue(outbox.close(Duration.ofSeconds(10)));
        TransportClosed e = assertThrows(TransportClosed.class, () -> outbox.offer(new byte[] {1}));
        assertTrue(e.clean());
        assertEquals("connection to peer-y is closed", e.getMessage());
    }

    /** A stream whose every write fails as a socket whose peer has gone does. */
    private static OutputStream brokenPipe() {
        return new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("Broken pipe");
            }
        };
    }

    /** Records which thread flushed, in order. */
    private static final class FlushRecorder extends OutputStream {
        final List<String> flushers = new CopyOnWriteArrayList<>();

        @Override
        public void write(int b) {
        }

        @Override
        public void write(byte[] b, int off, int len) {
        }

        @Override
        public void flush() {
            flushers.add(Thread.currentThread().getName());
        }

        long byThread(String name) {
            return flushers.stream().filter(name::equals).count();
        }
    }

    @Test
    void aSenderWritesInlineOnlyWithinTheBudgetUntilThePeerSendsAgain() throws Exception {
        FlushRecorder out = new FlushRecorder();
        Outbox outbox = new Outbox(out, "silent", () -> { });
        String me = Thread.currentThread().getName();
        int body = 100;
        long budgetFrames = Outbox.INLINE_BUDGET / (body + 4 + Outbox.WRITE_OVERHEAD);
        for (int i = 0; i < budgetFrames + 20; i++) {
            Thread.sleep(1); // quiet before each: only the budget stops inline writes
            outbox.offer(new byte[body]);
        }
        assertEquals(budgetFrames, out.byThread(me), "a peer that sends nothing gets the budget inline, then "
                + "everything goes through the writer: " + out.flushers);
        assertTrue(out.flushers.getLast().startsWith("tractor-writer"), out.flushers.toString());
        Thread.sleep(20); // the writer has flushed
        outbox.peerSent(); // it reads: the budget is renewed
        Thread.sleep(1);
        outbox.offer(new byte[body]);
        assertEquals(me, out.flushers.getLast(), "inline again once the peer has sent");
        assertTrue(outbox.close(Duration.ofSeconds(10)));
    }

    @Test
    void aControlFrameIsNeverWrittenByItsSender() throws Exception {
        FlushRecorder out = new FlushRecorder();
        Outbox outbox = new Outbox(out, "control", () -> { });
        outbox.offerControl(new byte[] {1});
        assertTrue(outbox.close(Duration.ofSeconds(10)));
        assertEquals(1, out.flushers.size());
        assertTrue(out.flushers.getFirst().startsWith("tractor-writer"), out.flushers.toString());
    }

    @Test
    void aThreadThatIsNotATaskWaitsForRoomOnlySoLongAndItsFrameIsNotQueued() throws Exception {
        CountDownLatch peerReads = new CountDownLatch(1);
        AtomicInteger bytesWritten = new AtomicInteger();
        OutputStream stalled = new OutputStream() {
            @Override
            public void write(int b) {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                try {
                    peerReads.await();
                } catch (InterruptedException e) {
                    throw new AssertionError(e);
                }
                bytesWritten.addAndGet(len);
            }
        };
        Outbox outbox = new Outbox(stalled, "stalled", () -> { }, TimeUnit.MILLISECONDS.toNanos(200));
        int frameBytes = 64 * 1024;
        int offered = 0;
        TransportClosed gaveUp = null;
        while (gaveUp == null) {
            try {
                outbox.offer(new byte[frameBytes]);
                offered++;
            } catch (TransportClosed e) {
                gaveUp = e;
            }
        }
        assertTrue(gaveUp.getMessage().contains("did not read for 200 ms"), gaveUp.getMessage());
        assertTrue(gaveUp.getMessage().endsWith("the frame was not sent (the connection stays open)"));
        peerReads.countDown();
        outbox.offer(new byte[frameBytes]); // still open
        assertTrue(outbox.close(Duration.ofSeconds(10)));
        assertEquals((offered + 1) * (frameBytes + 4), bytesWritten.get(), "the frame that gave up was not sent");
    }
}
