package dev.tractor.sc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Pipe;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class InterruptibleTest {

    @Test
    void inInterruptibleIsTrueOnlyInsideTheRegion() throws Exception {
        assertFalse(Sc.inInterruptible(), "outside any run");
        Sc.run(() -> {
            assertFalse(Sc.inInterruptible(), "in a task");
            assertTrue(Sc.interruptible(() -> Sc.inInterruptible()), "inside Sc.interruptible");
            assertThrows(IllegalStateException.class, () -> Sc.interruptible(() -> {
                throw new IllegalStateException("the region ends with a failure");
            }));
            assertFalse(Sc.inInterruptible(), "after it, however it ended");
        });
    }

    @Test
    void cancellationInterruptsForeignBlockingCodeAndBecomesCancelled() throws Exception {
        AtomicReference<Throwable> cause = new AtomicReference<>();
        AtomicBoolean interruptFlagAfter = new AtomicBoolean(true);
        Sc.run(() -> {
            boolean finished = Timeouts.moveOnAfter(Duration.ofMillis(30), () -> {
                try {
                    Sc.interruptible(() -> Thread.sleep(60_000));
                } catch (Cancelled c) {
                    cause.set(c.getCause());
                    interruptFlagAfter.set(Thread.currentThread().isInterrupted());
                    throw c;
                }
            });
            assertFalse(finished);
            Sc.sleep(Duration.ofMillis(1)); // the runtime's interrupt did not leak: this sleeps normally
        });
        assertInstanceOf(InterruptedException.class, cause.get());
        assertFalse(interruptFlagAfter.get(), "the runtime's interrupt is consumed");
    }

    @Test
    void blockingNioIsClosedByTheInterruptAndReportedAsCancelled() throws Exception {
        Pipe pipe = Pipe.open();
        AtomicReference<Throwable> cause = new AtomicReference<>();
        Sc.run(() -> Timeouts.moveOnAfter(Duration.ofMillis(30), () -> {
            try {
                Sc.interruptible(() -> pipe.source().read(ByteBuffer.allocate(1)));
            } catch (Cancelled c) {
                cause.set(c.getCause());
                throw c;
            }
        }));
        assertInstanceOf(java.nio.channels.ClosedByInterruptException.class, cause.get());
        pipe.sink().close();
    }

    @Test
    void aBlockingSocketReadIsCancelledToo() throws Exception {
        try (java.net.ServerSocket server = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress());
             java.net.Socket client = new java.net.Socket(java.net.InetAddress.getLoopbackAddress(), server.getLocalPort());
             java.net.Socket accepted = server.accept()) {
            AtomicReference<Throwable> cause = new AtomicReference<>();
            Sc.run(() -> assertFalse(Timeouts.moveOnAfter(Duration.ofMillis(30), () -> {
                try {
                    Sc.interruptible(() -> client.getInputStream().read());
                } catch (Cancelled c) {
                    cause.set(c.getCause());
                    throw c;
                }
            })));
            assertInstanceOf(IOException.class, cause.get());
            assertTrue(accepted.isConnected());
        }
    }

    @Test
    void aBodyThatFinishesReturnsItsValueAndOtherFailuresPassThrough() throws Exception {
        Sc.run(() -> {
            assertEquals(7, Sc.interruptible(() -> 7));
            IOException e = assertThrows(IOException.class, () -> Sc.interruptible(() -> {
                throw new IOException("disk");
            }));
            assertEquals("disk", e.getMessage());
        });
    }

    @Test
    void aCancelledTaskDoesNotEnterTheRegion() throws Exception {
        AtomicBoolean entered = new AtomicBoolean();
        Sc.run(() -> {
            CancelScope scope = new CancelScope();
            scope.run(() -> {
                scope.cancel();
                Sc.interruptible(() -> entered.set(true));
            });
            assertTrue(scope.cancelledCaught());
        });
        assertFalse(entered.get());
    }

    @Test
    void aForeignInterruptOfATaskCancelsTheWholeRun() throws Exception {
        AtomicReference<String> sibling = new AtomicReference<>("running");
        InterruptedException e = assertThrows(InterruptedException.class, () -> Sc.run(() -> Nursery.open(n -> {
            n.startSoon("sibling", () -> {
                try {
                    Sc.sleepForever();
                } catch (Cancelled c) {
                    sibling.set("cancelled: " + c.getMessage());
                    throw c;
                }
            });
            n.startSoon("victim", () -> {
                Thread.currentThread().interrupt(); // as if some library interrupted our thread
                Sc.sleepForever();
            });
        })));
        assertTrue(e.getMessage().contains("interrupt"), e.getMessage());
        assertTrue(sibling.get().startsWith("cancelled: the run was interrupted"), sibling.get());
    }

    @Test
    void interruptingTheThreadWaitingInRunCancelsTheRun() throws Exception {
        AtomicReference<Throwable> outcome = new AtomicReference<>();
        AtomicReference<String> task = new AtomicReference<>("running");
        AtomicReference<Thread> taskThread = new AtomicReference<>();
        Thread waiter = Thread.ofPlatform().start(() -> {
            try {
                Sc.run(() -> {
                    taskThread.set(Thread.currentThread());
                    try {
                        Sc.sleepForever();
                    } finally {
                        task.set("cleaned up");
                    }
                });
            } catch (Throwable t) {
                outcome.set(t);
            }
        });
        while (taskThread.get() == null) {
            Thread.sleep(1);
        }
        TestSupport.awaitParked(taskThread.get());
        waiter.interrupt();
        waiter.join();
        assertInstanceOf(InterruptedException.class, outcome.get());
        assertEquals("cleaned up", task.get());
    }

    @Test
    void aLibrarysOwnInterruptedIOExceptionPassesThroughUnchanged() throws Exception {
        Sc.run(() -> {
            java.io.InterruptedIOException e = assertThrows(java.io.InterruptedIOException.class,
                    () -> Sc.interruptible(() -> {
                        throw new java.io.InterruptedIOException("read timed out (a library's own timeout)");
                    }));
            assertEquals("read timed out (a library's own timeout)", e.getMessage());
            Sc.checkpoint(); // the run was not cancelled
        });
    }

    @Test
    void aForeignInterruptInsideAShieldCancelsTheRunButNotTheShieldedCode() {
        AtomicReference<Throwable> insideShield = new AtomicReference<>();
        assertThrows(InterruptedException.class, () -> Sc.run(() -> new CancelScope().shield(true).run(() -> {
            try {
                Sc.interruptible(() -> {
                    Thread.currentThread().interrupt();
                    Thread.sleep(60_000);
                });
            } catch (Throwable t) {
                insideShield.set(t);
            }
        })));
        assertInstanceOf(InterruptedException.class, insideShield.get(), "not a Cancelled the shield lets through");
    }

    @Test
    void aForeignInterruptInsideTheRegionAlsoCancelsTheRun() {
        assertThrows(InterruptedException.class, () -> Sc.run(() -> Sc.interruptible(() -> {
            Thread.currentThread().interrupt();
            Thread.sleep(60_000);
        })));
    }
}
