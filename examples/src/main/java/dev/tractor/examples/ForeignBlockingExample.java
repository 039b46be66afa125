package dev.tractor.examples;

import dev.tractor.sc.Sc;
import dev.tractor.sc.Timeouts;
import java.nio.ByteBuffer;
import java.nio.channels.Pipe;
import java.time.Duration;

/**
 * Cancelling code that knows nothing of this runtime: {@code Thread.sleep}, blocking reads, a JDBC call.
 *
 * <p>The runtime cancels its own checkpoints without {@code Thread.interrupt}. Foreign code cannot see
 * that: a task stuck in it simply keeps going, and the cancellation arrives at its next checkpoint. Wrap
 * the call in {@code Sc.interruptible} to let cancellation reach it: while the body runs, cancelling the
 * task interrupts its thread once, and the resulting {@code InterruptedException},
 * {@code ClosedByInterruptException} or {@code InterruptedIOException} comes out as {@code Cancelled},
 * which the cancelled scope then catches as usual. The interrupt never leaks past the call.
 *
 * <p>Mind what an interrupt does to the resource: an interrupted NIO channel is closed for good.
 */
public final class ForeignBlockingExample {
    private ForeignBlockingExample() {
    }

    public static void main(String[] args) throws Exception {
        Sc.run(() -> {
            foreignSleepIsNotCancellable();
            interruptibleSleep();
            interruptibleRead();
        });
    }

    static void foreignSleepIsNotCancellable() {
        System.out.println("== Thread.sleep(300 ms) under a 50 ms limit, not wrapped");
        long start = System.nanoTime();
        boolean finished = Timeouts.moveOnAfter(Duration.ofMillis(50), () -> {
            try {
                Thread.sleep(300); // the runtime cannot reach in here...
            } catch (InterruptedException e) {
                throw new IllegalStateException("not expected: nobody interrupts this thread", e);
            }
            Sc.checkpoint(); // ...so the cancellation is delivered here, at the next checkpoint
            System.out.println("  not reached");
        });
        System.out.println("  finished = " + finished + ", but only after " + millisSince(start)
                + " ms: the sleep ran its full 300 ms");
    }

    // The body's checked exception type passes through Sc.interruptible, so the compiler wants
    // InterruptedException declared here, although interruptible turns that exception into Cancelled.
    static void interruptibleSleep() throws InterruptedException {
        System.out.println("== Thread.sleep(60 s) inside Sc.interruptible, under a 100 ms limit");
        long start = System.nanoTime();
        boolean finished = Timeouts.moveOnAfter(Duration.ofMillis(100),
                () -> Sc.interruptible(() -> Thread.sleep(60_000)));
        System.out.println("  finished = " + finished + " after " + millisSince(start) + " ms; interrupt flag left set: "
                + Thread.currentThread().isInterrupted());
    }

    static void interruptibleRead() throws Exception {
        System.out.println("== a blocking read from a pipe nobody writes to, under a 100 ms limit");
        Pipe pipe = Pipe.open(); // we keep the writing end open and silent, so a read waits forever
        try (Pipe.SourceChannel source = pipe.source()) {
            long start = System.nanoTime();
            boolean finished = Timeouts.moveOnAfter(Duration.ofMillis(100), () -> {
                int n = Sc.interruptible(() -> source.read(ByteBuffer.allocate(64)));
                System.out.println("  read " + n + " bytes (not expected)");
            });
            System.out.println("  finished = " + finished + " after " + millisSince(start)
                    + " ms; the interrupt closed the channel: " + !source.isOpen());
        } finally {
            pipe.sink().close();
        }
    }

    private static long millisSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }
}
