package dev.tractor.examples;

import dev.tractor.sc.CancelScope;
import dev.tractor.sc.Cancelled;
import dev.tractor.sc.Nursery;
import dev.tractor.sc.Sc;
import dev.tractor.sc.Timeouts;
import dev.tractor.sc.TooSlow;
import java.time.Duration;
import java.util.Optional;

/**
 * Time limits and cancel scopes.
 *
 * <ul>
 * <li>{@code Timeouts.moveOnAfter}: give up quietly, and learn whether the block finished.</li>
 * <li>{@code Timeouts.failAfter}: give up loudly, with {@link TooSlow}.</li>
 * <li>Limits nest, and the earliest deadline wins.</li>
 * <li>{@link CancelScope}: cancel a region of code by hand (from any task) and ask what happened.</li>
 * <li>A shielded scope lets cleanup block even though its task is being cancelled; give the shield a
 *     deadline of its own so that the cleanup cannot hang.</li>
 * </ul>
 *
 * <p>All of this works through <em>checkpoints</em>: {@code Sc.sleep}, channel operations,
 * {@code Event.await} and the other blocking calls of {@code dev.tractor.sc} raise {@link Cancelled} when
 * their scope is cancelled, and the scope that was cancelled catches it.
 */
public final class TimeoutsExample {
    private TimeoutsExample() {
    }

    public static void main(String[] args) throws Exception {
        Sc.run(() -> {
            moveOn();
            fail();
            nested();
            byHand();
            shieldedCleanup();
        });
    }

    static void moveOn() {
        System.out.println("== moveOnAfter: give up quietly");
        boolean finished = Timeouts.moveOnAfter(Duration.ofMillis(100), () -> Sc.sleepForever());
        System.out.println("  sleepForever() under a 100 ms limit: finished = " + finished);
        finished = Timeouts.moveOnAfter(Duration.ofMillis(100), () -> Sc.sleep(Duration.ofMillis(10)));
        System.out.println("  a 10 ms sleep under a 100 ms limit: finished = " + finished);

        // With a value: empty when the limit cut the block short.
        Optional<String> late = Timeouts.moveOnAfter(Duration.ofMillis(50), () -> slowAnswer(Duration.ofSeconds(5)));
        Optional<String> early = Timeouts.moveOnAfter(Duration.ofSeconds(5), () -> slowAnswer(Duration.ofMillis(10)));
        System.out.println("  answer after 5 s, 50 ms limit: " + late);
        System.out.println("  answer after 10 ms, 5 s limit: " + early);
    }

    static String slowAnswer(Duration after) {
        Sc.sleep(after);
        return "42";
    }

    static void fail() {
        System.out.println("== failAfter: give up loudly");
        try {
            String answer = Timeouts.failAfter(Duration.ofMillis(50), () -> slowAnswer(Duration.ofSeconds(5)));
            System.out.println("  got " + answer);
        } catch (TooSlow e) {
            System.out.println("  caught TooSlow: " + e.getMessage());
        }
    }

    static void nested() {
        System.out.println("== nested limits: the earliest deadline wins");
        long start = System.nanoTime();
        boolean outerFinished = Timeouts.moveOnAfter(Duration.ofMillis(100), () -> {
            boolean innerFinished = Timeouts.moveOnAfter(Duration.ofSeconds(30), () -> Sc.sleepForever());
            // Not reached: the Cancelled belongs to the outer scope, so the inner one lets it pass.
            System.out.println("  inner finished = " + innerFinished);
        });
        System.out.println("  outer (100 ms) finished = " + outerFinished + ", inner (30 s) never returned; took "
                + (System.nanoTime() - start) / 1_000_000 + " ms");
    }

    static void byHand() throws Exception {
        System.out.println("== CancelScope: cancel a region from another task");
        CancelScope work = new CancelScope();
        Nursery.open(n -> {
            n.startSoon("operator", () -> {
                Sc.sleep(Duration.ofMillis(50));
                work.cancel("operator pressed stop"); // callable from any task, or any thread
            });
            work.run(() -> {
                try {
                    Sc.sleepForever();
                } catch (Cancelled c) {
                    System.out.println("  [worker] cancelled: " + c.getMessage());
                    throw c;
                }
            });
        });
        System.out.println("  cancelCalled = " + work.cancelCalled() + ", cancelledCaught = " + work.cancelledCaught());
    }

    static void shieldedCleanup() {
        System.out.println("== shield: cleanup that must finish while cancelled");

        // Without a shield, every checkpoint in a cancelled scope raises Cancelled again, even in finally:
        // cancellation is level-triggered, it stays in force until the cancelled scope is left.
        Timeouts.moveOnAfter(Duration.ofMillis(50), () -> {
            try {
                Sc.sleepForever();
            } finally {
                try {
                    sayGoodbye();
                } catch (Cancelled c) {
                    System.out.println("  unshielded cleanup: cut short, goodbye not sent");
                    throw c;
                }
            }
        });

        // A shielded scope is out of reach of the enclosing cancellation, so its cleanup can block.
        Timeouts.moveOnAfter(Duration.ofMillis(50), () -> {
            try {
                Sc.sleepForever();
            } finally {
                new CancelScope().shield(true).run(TimeoutsExample::sayGoodbye);
            }
        });

        // A shield hides the outer cancellation, so a cleanup that hangs would hang forever. Give the
        // shielded scope its own deadline: it still applies.
        Timeouts.moveOnAfter(Duration.ofMillis(50), () -> {
            try {
                Sc.sleepForever();
            } finally {
                CancelScope cleanup = new CancelScope().shield(true).relativeDeadline(Duration.ofMillis(100));
                cleanup.run(() -> Sc.sleepForever()); // a peer that never acknowledges
                System.out.println("  hung cleanup: gave up after its own 100 ms limit, cancelledCaught = "
                        + cleanup.cancelledCaught());
            }
        });
    }

    static void sayGoodbye() {
        Sc.sleep(Duration.ofMillis(30)); // stands for telling a peer we are leaving
        System.out.println("  shielded cleanup: goodbye sent");
    }
}
