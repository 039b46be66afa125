package dev.tractor.internal.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tractor.ActorOptions;
import dev.tractor.Portal;
import dev.tractor.Processes;
import dev.tractor.Tractor;
import dev.tractor.internal.spawn.ChildProcess;
import dev.tractor.sc.Timeouts;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Timeout;

/**
 * The teardown ladder of a child that cancellation cannot reach (a busy loop in a served function), as the
 * guide ("Teardown: the ladder") and {@link ChildActor}'s comment describe it: it acknowledges the cancel
 * request (its reader thread answers), cannot finish its teardown, and is ended by SIGTERM or the SIGKILL
 * that follows; all of it within the documented total, counted from the nursery's cancellation. Real child
 * JVMs; the ladder's steps are those it recorded.
 */
class TeardownLadderTest {
    /** When the nursery around the busy call is cancelled (a move_on_after). */
    private static final Duration CANCEL_AFTER = Duration.ofSeconds(3);

    @AfterEach
    void noProcessOutlivesTheTest() throws InterruptedException {
        Processes.assertNoDescendantsWithin(Duration.ofSeconds(10));
    }

    @ParameterizedTest(name = "one-shot: {0}")
    @ValueSource(booleans = {true, false})
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aChildInABusyLoopIsEndedByTheLaddersLastStepWithinTheDocumentedTotal(boolean oneShot) throws Exception {
        AtomicReference<ChildActor> child = new AtomicReference<>();
        AtomicLong deadline = new AtomicLong();
        AtomicLong cancelled = new AtomicLong();
        Tractor.run(() -> {
            ActorRuntime rt = ActorRuntime.current();
            deadline.set(System.nanoTime() + CANCEL_AFTER.toNanos());
            Timeouts.moveOnAfter(CANCEL_AFTER, () -> Tractor.openNursery(an -> {
                ActorOptions options = ActorOptions.enable(Unruly.class);
                // runInActor: its result's wait asks for the function's last word first (as measured in
                // issue 14, where that wait came before the ladder); startActor: a plain call is given up.
                Portal spinner = oneShot ? an.runInActor("spinner", options, Unruly::spin)
                        : an.startActor("spinner", options);
                child.set(rt.children().getFirst());
                try {
                    return oneShot ? spinner.<String>result() : spinner.run(Unruly::spin);
                } finally {
                    cancelled.set(System.nanoTime());
                }
            }));
            return null;
        });
        List<ChildActor.LadderStep> steps = child.get().ladder();
        List<String> names = steps.stream().map(ChildActor.LadderStep::what).toList();
        assertEquals(List.of("cancel request", "acknowledged", "not torn down", "SIGTERM"), names.subList(0, 4),
                "it acknowledges, cannot tear down, and gets SIGTERM: " + names);
        assertTrue(List.of(ChildProcess.Ending.EXITED_AFTER_SIGTERM.name(), ChildProcess.Ending.KILLED.name())
                .contains(names.get(4)), names.toString());
        assertEquals("exited", names.get(5));

        long acked = steps.get(1).nanos();
        long notTornDown = steps.get(2).nanos();
        long sigterm = steps.get(3).nanos();
        long exited = steps.get(5).nanos();
        long documented = ChildActor.CANCEL_ACK_WAIT.plus(ChildActor.EXIT_AFTER_ACK).plus(ChildActor.TERM_GRACE)
                .toNanos();
        // What the machine adds, as measured in this run: how late the cancellation reached a waiting task,
        // how late the teardown wait's timer fired, and how long the kernel took after SIGKILL.
        long cancelLate = Math.max(0, cancelled.get() - deadline.get());
        long timerLate = Math.max(0, notTornDown - (acked + ChildActor.EXIT_AFTER_ACK.toNanos()));
        long killToExit = Math.max(0, exited - (sigterm + ChildActor.TERM_GRACE.toNanos()));
        long total = exited - cancelled.get();
        assertTrue(total <= documented + cancelLate + timerLate + killToExit,
                () -> String.format("from the cancel to the exit: %d ms; documented %d ms + measured slack %d ms "
                        + "(cancel %d, timer %d, kill %d); steps %s", ms(total), ms(documented),
                        ms(cancelLate + timerLate + killToExit), ms(cancelLate), ms(timerLate), ms(killToExit),
                        steps.stream().map(s -> s.what() + " +" + ms(s.nanos() - cancelled.get())).toList()));
    }

    private static long ms(long nanos) {
        return Duration.ofNanos(nanos).toMillis();
    }
}
