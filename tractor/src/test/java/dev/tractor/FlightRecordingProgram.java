package dev.tractor;

import dev.tractor.sc.Sc;
import dev.tractor.sc.Timeouts;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A small tree that records itself with JDK Flight Recorder: the root (recorded by the test's
 * {@code -XX:StartFlightRecording}) starts {@code alpha} and {@code beta}, each with a recording file of
 * its own in the directory given as the first argument; alpha starts the grandchild {@code gamma}, which
 * records too. The root calls, opens a context with a stream, overruns its own receive buffer, and gives up
 * on a call (a cancellation); the nursery's end cancels the children. Prints {@code done} at the end.
 */
public final class FlightRecordingProgram {
    private FlightRecordingProgram() {
    }

    public static void main(String[] args) throws Exception {
        String dir = args[0];
        Tractor.openNursery(an -> {
            Portal alpha = an.startActor("alpha", recorded(dir, "alpha"));
            Portal beta = an.startActor("beta", recorded(dir, "beta"));
            System.out.println("square " + alpha.run(FlightRecordingProgram::square, 7));
            System.out.println("grandchild " + alpha.run(FlightRecordingProgram::squareInGrandchild, dir, 5));
            int answered = beta.openContext(Streaming::pingPong, 1, (ctx, first) -> {
                try (MsgStream<Integer, Integer> stream = ctx.openStream(Integer.class, Integer.class)) {
                    for (int i = 0; i < 3; i++) {
                        stream.send(i);
                        stream.receive();
                    }
                }
                return 3;
            });
            System.out.println("answered " + answered);
            try { // beta streams 200 values at once; reading late overruns this side's buffer
                beta.openContext(Streaming::streamIntsLater, 200, 300, (ctx, first) -> {
                    try (MsgStream<Integer, Void> stream = ctx.openStream(Integer.class, Void.class)) {
                        Sc.sleep(Duration.ofMillis(1500));
                        for (int ignored : stream) {
                            // up to the gap
                        }
                    }
                    return null;
                });
            } catch (StreamOverrun expected) {
                System.out.println("overrun");
            }
            // Gives up on a call that would sleep for a minute: its callee is asked to cancel it.
            Timeouts.moveOnAfter(Duration.ofMillis(300), () -> beta.run(FlightRecordingProgram::sleep, 60_000));
            System.out.println("gave up");
            return null;
        });
        System.out.println("done");
    }

    /** Options for a child that records into {@code dir/name.jfr}, and may run this class's functions. */
    static ActorOptions recorded(String dir, String name) {
        return ActorOptions.enable(FlightRecordingProgram.class, Streaming.class)
                .withJvmOptions("-XX:StartFlightRecording:filename=" + Path.of(dir, name + ".jfr") + ",dumponexit=true")
                .withStartTimeout(Duration.ofSeconds(60)); // a JVM that records starts more slowly
    }

    public static int square(int n) {
        return n * n;
    }

    /** Squares {@code n} in a grandchild, gamma, that records into {@code dir/gamma.jfr}. */
    public static int squareInGrandchild(String dir, int n) throws Exception {
        return Tractor.openNursery(an -> an.runInActor("gamma", recorded(dir, "gamma"), FlightRecordingProgram::square, n)
                .<Integer>result());
    }

    /** Sleeps (a checkpoint: cancelling the call ends it). */
    public static String sleep(int millis) {
        Sc.sleep(Duration.ofMillis(millis));
        return "slept";
    }
}
