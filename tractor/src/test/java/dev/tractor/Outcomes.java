package dev.tractor;

import dev.tractor.sc.CancelScope;
import dev.tractor.sc.Cancelled;
import dev.tractor.sc.Sc;
import java.time.Duration;

/** Functions that {@link ContextOutcomeTest} runs in child actors: how contexts and results end. */
public final class Outcomes {
    private Outcomes() {
    }

    /** Sleeps {@code millis} (a checkpoint), then returns them. */
    public static int sleeps(int millis) {
        Sc.sleep(Duration.ofMillis(millis));
        return millis;
    }

    /**
     * Starts, then fails at once; its {@code finally} block cleans up for {@code millis}, in a shielded scope
     * or not. The opener cancels the context meanwhile.
     */
    public static int failsThenCleansUp(Context<String> ctx, boolean shielded, int millis) {
        ctx.started("failing");
        try {
            throw new IllegalStateException("the original failure");
        } finally {
            if (shielded) {
                new CancelScope().shield(true).run(() -> Sc.sleep(Duration.ofMillis(millis)));
            } else {
                Sc.sleep(Duration.ofMillis(millis)); // a checkpoint: the cancellation replaces the failure
            }
        }
    }

    /**
     * Starts, then raises a {@code Cancelled} that no cancellation of its task explains: one caught inside
     * a scope it cancelled, and thrown again outside it.
     */
    public static int raisesAStrayCancelled(Context<String> ctx) {
        ctx.started("up");
        Cancelled[] caught = new Cancelled[1];
        CancelScope inner = new CancelScope();
        inner.run(() -> {
            inner.cancel();
            try {
                Sc.checkpoint();
            } catch (Cancelled c) {
                caught[0] = c;
                throw c;
            }
        });
        throw caught[0];
    }

    /**
     * Starts, streams {@code count} ints and closes its stream, then sleeps until cancelled: its stream
     * has ended, its task has not.
     */
    public static int streamsThenWaits(Context<Void> ctx, int count) {
        ctx.started(null);
        try (MsgStream<Void, Integer> stream = ctx.openStream(Void.class, Integer.class)) {
            for (int i = 0; i < count; i++) {
                stream.send(i);
            }
        }
        Sc.sleepForever();
        return count;
    }

    /** Emits one value, then fails after {@code millis}. */
    public static void emitsThenFails(Emitter<Integer> out, int millis) {
        out.emit(1);
        Sc.sleep(Duration.ofMillis(millis));
        throw new IllegalStateException("the generator failed on purpose");
    }

    private static final java.util.concurrent.atomic.AtomicInteger SENT = new java.util.concurrent.atomic.AtomicInteger();

    /**
     * Starts, opens its stream, waits for the opener's go (a value: the opener has opened its stream, so
     * that everything that follows counts against its buffer), sends {@code count} ints (counted in
     * {@link #sent()}) and then sleeps until cancelled, its stream still open: it never sends again, so it
     * never learns of an overrun.
     */
    public static int streamsThenSleeps(Context<Void> ctx, int count) {
        SENT.set(0);
        ctx.started(null);
        try (MsgStream<Integer, Integer> stream = ctx.openStream(Integer.class, Integer.class)) {
            stream.receive();
            for (int i = 0; i < count; i++) {
                stream.send(i);
                SENT.incrementAndGet();
            }
            Sc.sleepForever();
        }
        return count;
    }

    /** How many values {@link #streamsThenSleeps} has sent. */
    public static int sent() {
        return SENT.get();
    }
}
