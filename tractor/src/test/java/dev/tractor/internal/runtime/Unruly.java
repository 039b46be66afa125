package dev.tractor.internal.runtime;

/** Served functions that misbehave in ways cancellation cannot reach: they exit the JVM, or never yield. */
public final class Unruly {
    private static volatile boolean stop; // never set: it only keeps the JIT from proving the loop endless

    private Unruly() {
    }

    /** Ends this actor's JVM with {@code status} in the middle of the call, behind its runtime's back. */
    public static String exit(int status) {
        System.exit(status);
        return "unreachable";
    }

    /**
     * A context that starts, opens its stream, answers the first value and then ends this actor's JVM with
     * {@code status}, behind its runtime's back, while its caller waits for the next answer.
     */
    public static int exitInStream(dev.tractor.Context<String> ctx, int status) {
        ctx.started("up");
        try (dev.tractor.MsgStream<Integer, Integer> stream = ctx.openStream(Integer.class, Integer.class)) {
            stream.send(stream.receive() + 1);
            stream.receive();
            System.exit(status);
        }
        return -1;
    }

    /** Creates the file {@code started} (so that a test knows the call runs), then {@link #spin}s. */
    public static String spinOnceStarted(String started) throws java.io.IOException {
        java.nio.file.Files.createFile(java.nio.file.Path.of(started));
        return spin();
    }

    /** Spins on a core until the process is ended: no checkpoint, no blocking call, nothing to interrupt. */
    public static String spin() {
        while (!stop) {
            Thread.onSpinWait();
        }
        return "unreachable";
    }
}
