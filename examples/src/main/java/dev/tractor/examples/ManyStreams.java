package dev.tractor.examples;

import dev.tractor.ActorOptions;
import dev.tractor.Context;
import dev.tractor.ContextCall;
import dev.tractor.MsgStream;
import dev.tractor.Portal;
import dev.tractor.Tractor;
import dev.tractor.sc.Nursery;
import dev.tractor.sc.Sc;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Many conversations over one portal at once (Python tractor's {@code multiple_streams_one_portal}).
 *
 * <p>Every {@code openContext} starts a new task in the remote actor, with a context and a stream of its
 * own; any number of them can be open on the same portal at the same time, from different tasks of this
 * actor. Messages carry their context's id, so each stream gets only its own values, whatever the others
 * do, and a slow reader holds up nobody else.
 *
 * <p>Part 1 starts four tasks in a {@link Nursery}, each opening its own context of {@link #numbers} on the
 * one portal and checking that it receives exactly its own {@value #COUNT} values, in order. Part 2 does the
 * same with {@link Tractor#gatherContexts} (Python tractor's {@code gather_contexts}), which opens several
 * contexts at once and runs one block once all of them have started.
 */
public final class ManyStreams {
    private ManyStreams() {
    }

    /** How many values each remote task sends: fewer than a stream buffers, so no reader can overrun. */
    static final int COUNT = 50;

    /** One value of a stream: whom it is for, and its place in that stream. */
    public record Item(String owner, int seq) {
    }

    /** Runs in the remote actor, once per context: sends {@code count} items addressed to {@code owner}. */
    public static int numbers(Context<String> ctx, String owner, int count) {
        ctx.started(owner);
        try (MsgStream<Void, Item> stream = ctx.openStream(Void.class, Item.class)) {
            for (int seq = 0; seq < count; seq++) {
                stream.send(new Item(owner, seq));
                Sc.sleep(Duration.ofMillis(1)); // so that the streams really run side by side
            }
        }
        return count;
    }

    /** Reads one context's stream to its end; whether it held exactly the owner's items, in order. */
    static boolean onlyOwnItems(Context<String> ctx, String owner) {
        int expected = 0;
        boolean ok = true;
        try (MsgStream<Item, Void> stream = ctx.openStream(Item.class, Void.class)) {
            for (Item item : stream) {
                ok &= item.owner().equals(owner) && item.seq() == expected++;
            }
        }
        return ok && expected == COUNT && ctx.<Integer>result() == COUNT;
    }

    public static void main(String[] args) throws Exception {
        Tractor.openNursery(an -> {
            Portal portal = an.startActor("numbers", ActorOptions.enable(ManyStreams.class));

            System.out.println("== 1. four tasks, each with its own context on the same portal");
            Map<String, String> reports = new TreeMap<>();
            Nursery.open(tasks -> {
                for (int i = 0; i < 4; i++) {
                    String name = "task-" + i;
                    tasks.startSoon(name, () -> portal.openContext(ManyStreams::numbers, name, COUNT, (ctx, first) -> {
                        boolean own = onlyOwnItems(ctx, name);
                        synchronized (reports) {
                            reports.put(name, "started as " + first + ", received only its own " + COUNT
                                    + " values, in order: " + own);
                        }
                        return null;
                    }));
                }
            });
            reports.forEach((name, report) -> System.out.println("  " + name + ": " + report));

            System.out.println("== 2. gatherContexts: three contexts opened at once, one block for all");
            List<ContextCall<String, ?>> calls = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                calls.add(portal.context(ManyStreams::numbers, "gathered-" + i, COUNT));
            }
            List<Boolean> own = Tractor.gatherContexts(calls, (contexts, firsts) -> {
                System.out.println("  all started: " + firsts);
                Boolean[] checks = new Boolean[contexts.size()];
                Nursery.open(tasks -> {
                    for (int i = 0; i < contexts.size(); i++) {
                        int index = i;
                        tasks.startSoon(() -> checks[index] = onlyOwnItems(contexts.get(index), firsts.get(index)));
                    }
                });
                return List.of(checks);
            });
            System.out.println("  each received only its own " + COUNT + " values, in order: " + own);
            return null;
        });
    }
}
