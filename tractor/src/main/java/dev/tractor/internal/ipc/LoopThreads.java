package dev.tractor.internal.ipc;

import java.util.Locale;

/**
 * Starts the long-lived loops of the transport (a channel's writer, a server's accept and reader loops).
 *
 * <p>They run on virtual threads unless the system property {@value #PROPERTY} is {@code platform}; see
 * {@code bench/RESULTS.md} for the measurements behind the default. Loop threads never keep a JVM alive.
 */
public final class LoopThreads {
    /** The system property that chooses {@code virtual} (the default) or {@code platform} threads. */
    static final String PROPERTY = "tractor.ipc.threads";

    private static final boolean PLATFORM = "platform".equals(
            System.getProperty(PROPERTY, "virtual").toLowerCase(Locale.ROOT));

    private LoopThreads() {
    }

    /** Starts {@code loop} on a new thread named {@code name}. */
    static Thread start(String name, Runnable loop) {
        return PLATFORM
                ? Thread.ofPlatform().name(name).daemon(true).start(loop)
                : Thread.ofVirtual().name(name).start(loop);
    }
}
