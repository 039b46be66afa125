package dev.tractor;

import dev.tractor.sc.Sc;
import java.time.Duration;

/**
 * A root with one child, for {@link SilentPeerTest}: prints {@code root PID} and {@code child PID}, then in
 * mode {@code stream} plays ping-pong with the child on a two-way stream (printing {@code streaming} once it
 * runs), in mode {@code idle} just waits; whatever ends it is printed as {@code outcome CLASS: MESSAGE}, with
 * a {@code cause CLASS: MESSAGE} line for each cause, and {@code after N ms} (from the last value received).
 */
public final class SilentPeerProgram {
    private SilentPeerProgram() {
    }

    public static void main(String[] args) {
        String mode = args.length > 0 ? args[0] : "stream";
        long[] lastValueNanos = {System.nanoTime()};
        System.out.println("root " + ProcessHandle.current().pid());
        try {
            Tractor.openNursery(an -> {
                Portal child = an.startActor("far", ActorOptions.enable(Streaming.class));
                System.out.println("child " + child.pid());
                if (mode.equals("idle")) {
                    System.out.println("idle");
                    Sc.sleepForever();
                }
                child.openContext(Streaming::pingPong, 0, (ctx, first) -> {
                    try (MsgStream<Integer, Integer> stream = ctx.openStream(Integer.class, Integer.class)) {
                        for (int n = 0;; n = stream.receive()) {
                            lastValueNanos[0] = System.nanoTime();
                            if (n == 20) {
                                System.out.println("streaming");
                            }
                            Sc.sleep(Duration.ofMillis(20));
                            stream.send(n);
                        }
                    }
                });
                return null;
            });
            System.out.println("outcome none");
        } catch (Throwable t) {
            System.out.println("after " + (System.nanoTime() - lastValueNanos[0]) / 1_000_000 + " ms");
            System.out.println("outcome " + t.getClass().getName() + ": " + t.getMessage());
            for (Throwable c = t.getCause(); c != null; c = c.getCause()) {
                System.out.println("cause " + c.getClass().getName() + ": " + c.getMessage());
            }
        }
        System.out.flush();
        System.exit(0);
    }
}
