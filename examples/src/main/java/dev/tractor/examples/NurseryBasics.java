package dev.tractor.examples;

import dev.tractor.sc.CancelScope;
import dev.tractor.sc.Cancelled;
import dev.tractor.sc.Event;
import dev.tractor.sc.ExceptionGroup;
import dev.tractor.sc.Nursery;
import dev.tractor.sc.Sc;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Nurseries: the one way to start a task, and the reason no task outlives the code that started it.
 *
 * <ol>
 * <li>{@code Nursery.open} waits for every task started in it.</li>
 * <li>When one task fails, the nursery cancels the others (and its own body) and raises the failure.</li>
 * <li>When several fail, they come out together as an {@link ExceptionGroup}.</li>
 * <li>Cancelling the nursery's own scope stops everything, and {@code open} returns normally.</li>
 * </ol>
 */
public final class NurseryBasics {
    private NurseryBasics() {
    }

    public static void main(String[] args) throws Exception {
        // Sc.run starts a task tree and returns when all of it has ended. Its body is the root task: the
        // only place, besides tasks it starts, where nurseries and checkpoints can be used.
        Sc.run(() -> {
            waitsForChildren();
            oneFailureCancelsSiblings();
            severalFailuresMakeAGroup();
            cancellingTheNursery();
        });
    }

    /** 1. The block does not end before its tasks have. */
    static void waitsForChildren() throws Exception {
        System.out.println("== 1. a nursery waits for its tasks");
        Nursery.open(n -> {
            n.startSoon("slow", () -> {
                Sc.sleep(Duration.ofMillis(150));
                System.out.println("  [slow] done");
            });
            n.startSoon("fast", () -> {
                Sc.sleep(Duration.ofMillis(50));
                System.out.println("  [fast] done");
            });
            System.out.println("  [body] started both tasks and reached the end of the block");
        });
        // There is no handle to join, no future to forget: reaching this line means both have ended.
        System.out.println("  Nursery.open returned: both tasks have ended");
    }

    /** 2. One-cancels-all: an error stops the siblings and then comes out of the block as itself. */
    static void oneFailureCancelsSiblings() {
        System.out.println("== 2. a failing task cancels its siblings and the body");
        try {
            Nursery.open(n -> {
                n.startSoon("sleeper", () -> {
                    try {
                        Sc.sleepForever();
                    } catch (Cancelled c) {
                        // Cancelled is an Error, so catch (Exception e) never swallows it by accident.
                        System.out.println("  [sleeper] cancelled: " + c.getMessage());
                        throw c;
                    }
                });
                n.startSoon("crasher", () -> {
                    Sc.sleep(Duration.ofMillis(50));
                    throw new IllegalStateException("disk full");
                });
                try {
                    Sc.sleepForever(); // the body is a task of the nursery too, and is cancelled with it
                } catch (Cancelled c) {
                    System.out.println("  [body] cancelled as well");
                    throw c;
                }
            });
        } catch (Exception e) {
            // The Cancelled exceptions the nursery caused are not reported; only the real failure is.
            System.out.println("  open raised " + e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    /** 3. Failures that happen together are all kept. */
    static void severalFailuresMakeAGroup() {
        System.out.println("== 3. several failures come out as an ExceptionGroup");
        try {
            Nursery.open(n -> {
                // Neither task reaches a checkpoint before it throws, so both failures happen for sure.
                n.startSoon("parser", () -> {
                    throw new IllegalArgumentException("bad input");
                });
                n.startSoon("divider", () -> {
                    throw new ArithmeticException("division by zero");
                });
            });
        } catch (ExceptionGroup group) {
            // The members come in the order they failed; sort them for a stable printout.
            List<String> failures = group.exceptions().stream()
                    .map(t -> t.getClass().getSimpleName() + ": " + t.getMessage())
                    .sorted()
                    .toList();
            System.out.println("  caught a group of " + failures.size() + ": " + failures);
            // find() works on a group and on a single exception alike.
            System.out.println("  find(ArithmeticException) -> "
                    + ExceptionGroup.find(group, ArithmeticException.class).map(Throwable::getMessage).orElse("none"));
        } catch (Exception other) {
            System.out.println("  unexpected: " + other);
        }
    }

    /** 4. Stopping a nursery on purpose is not an error. */
    static void cancellingTheNursery() throws Exception {
        System.out.println("== 4. cancelling the nursery's scope stops everything");
        AtomicInteger ticks = new AtomicInteger();
        Event threeTicks = new Event();
        AtomicReference<CancelScope> scope = new AtomicReference<>();
        Nursery.open(n -> {
            scope.set(n.cancelScope());
            n.startSoon("ticker", () -> {
                for (;;) {
                    Sc.sleep(Duration.ofMillis(20)); // the checkpoint where cancellation arrives
                    System.out.println("  [ticker] tick " + ticks.incrementAndGet());
                    if (ticks.get() == 3) {
                        threeTicks.set();
                    }
                }
            });
            threeTicks.await();
            n.cancelScope().cancel("enough ticks");
        });
        // The nursery's scope caught its own Cancelled, so open returned normally: stopping is not failing.
        System.out.println("  open returned normally after " + ticks.get() + " ticks; cancelledCaught = "
                + scope.get().cancelledCaught());
    }
}
