package dev.tractor;

import dev.tractor.ipc.Address;
import dev.tractor.sc.Sc;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Functions that the discovery program tests enable in actors that separate programs call: a plain
 * function and a streaming context.
 */
public final class Hosting {
    private static final AtomicInteger OPEN_STREAMS = new AtomicInteger();

    private Hosting() {
    }

    /** A greeting that names the caller, this actor and its process. */
    public static String hello(String who) {
        Actor me = Tractor.currentActor();
        return "hello " + who + " from " + me.name() + " pid " + me.pid();
    }

    /**
     * Starts with {@code "ticking"}, then streams 0, 1, ... {@code count - 1}, one every {@code millis}
     * milliseconds, and returns how many it sent. Counted in {@link #openStreams()} while it runs.
     */
    public static int ticks(Context<String> ctx, int count, int millis) {
        OPEN_STREAMS.incrementAndGet();
        try {
            ctx.started("ticking");
            try (MsgStream<Void, Integer> stream = ctx.openStream(Void.class, Integer.class)) {
                for (int i = 0; i < count; i++) {
                    if (i > 0 && millis > 0) {
                        Sc.sleep(Duration.ofMillis(millis));
                    }
                    stream.send(i);
                }
            }
            return count;
        } finally {
            OPEN_STREAMS.decrementAndGet();
        }
    }

    /** How many {@link #ticks} tasks run in this actor. */
    public static int openStreams() {
        return OPEN_STREAMS.get();
    }

    /** Where this actor listens. */
    public static String where() {
        return Tractor.currentActor().addresses().toString();
    }

    /**
     * Starts a child actor named {@code host-child} (enabling this class) that listens on
     * {@code bindHost}, waits until it is registered, starts with where it listens, and keeps it until
     * the opener cancels.
     */
    public static int hostsChild(Context<String> ctx, String bindHost) throws Exception {
        return Tractor.openNursery(an -> {
            Portal child = an.startActor("host-child",
                    ActorOptions.enable(Hosting.class).withBindAddresses(new Address.Tcp(bindHost, 0)));
            while (Tractor.queryActors("host-child").isEmpty()) {
                Sc.sleep(Duration.ofMillis(10));
            }
            ctx.started(child.run(Hosting::where));
            Sc.sleepForever();
            return 0;
        });
    }
}
