package dev.tractor.sc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TimeoutsTest {

    @Test
    void moveOnAfterCancelsABlockedReceiveAndCodeAfterItRuns() throws Exception {
        List<String> log = new ArrayList<>();
        Sc.run(() -> {
            MemoryChannel<String> ch = MemoryChannel.open(0);
            Optional<String> got = Timeouts.moveOnAfter(Duration.ofMillis(30), () -> ch.receiver().receive());
            log.add("after: " + got);
            assertTrue(ch.sender().trySend("late") == false, "no receiver is left waiting");
        });
        assertEquals(List.of("after: Optional.empty"), log);
    }

    @Test
    void moveOnAfterReportsWhetherTheBodyFinished() throws Exception {
        Sc.run(() -> {
            assertTrue(Timeouts.moveOnAfter(Duration.ofSeconds(10), () -> Sc.sleep(Duration.ofMillis(1))));
            assertFalse(Timeouts.moveOnAfter(Duration.ofMillis(10), Sc::sleepForever));
            assertEquals(Optional.of(5), Timeouts.moveOnAfter(Duration.ofSeconds(10), () -> 5));
        });
    }

    @Test
    void failAfterRaisesTooSlow() {
        TooSlow e = assertThrows(TooSlow.class,
                () -> Sc.run(() -> Timeouts.failAfter(Duration.ofMillis(20), Sc::sleepForever)));
        assertTrue(e.getMessage().contains("PT0.02S"), e.getMessage());
    }

    @Test
    void failAfterReturnsTheValueInTime() throws Exception {
        assertEquals("fast", Sc.run(() -> Timeouts.failAfter(Duration.ofSeconds(10), () -> "fast")));
    }

    @Test
    void failAfterPassesOnTheBodysOwnFailure() {
        IOException e = assertThrows(IOException.class, () -> Sc.run(() -> Timeouts.failAfter(
                Duration.ofSeconds(10), () -> {
                    throw new IOException("own failure");
                })));
        assertEquals("own failure", e.getMessage());
    }

    @Test
    void absoluteForms() throws Exception {
        Sc.run(() -> {
            long soon = Sc.now() + Duration.ofMillis(10).toNanos();
            assertFalse(Timeouts.moveOnAt(soon, Sc::sleepForever));
            assertThrows(TooSlow.class, () -> Timeouts.failAt(Sc.now() + 1_000_000, Sc::sleepForever));
            assertEquals(Optional.of("x"), Timeouts.moveOnAt(Sc.now() + Duration.ofSeconds(5).toNanos(), () -> "x"));
        });
    }

    @Test
    void anInnerLongerTimeoutDoesNotExtendTheOuterOne() throws Exception {
        Sc.run(() -> {
            boolean[] innerFinished = {true};
            boolean outerFinished = Timeouts.moveOnAfter(Duration.ofMillis(20), () -> {
                innerFinished[0] = Timeouts.moveOnAfter(Duration.ofHours(1), Sc::sleepForever);
            });
            assertFalse(outerFinished);
            assertTrue(innerFinished[0], "the inner call was unwound by the outer cancellation, not ended by its own");
        });
    }

    @Test
    void anExpiredInnerTimeoutIsHandledInsideAndTheOuterGoesOn() throws Exception {
        Sc.run(() -> {
            List<String> log = new ArrayList<>();
            boolean outer = Timeouts.moveOnAfter(Duration.ofSeconds(30), () -> {
                log.add("inner=" + Timeouts.moveOnAfter(Duration.ofMillis(5), Sc::sleepForever));
                Sc.checkpoint();
                log.add("outer continues");
            });
            assertTrue(outer);
            assertEquals(List.of("inner=false", "outer continues"), log);
        });
    }
}
