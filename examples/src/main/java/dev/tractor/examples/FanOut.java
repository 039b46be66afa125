package dev.tractor.examples;

import dev.tractor.ActorOptions;
import dev.tractor.BroadcastReceiver;
import dev.tractor.Context;
import dev.tractor.MsgStream;
import dev.tractor.Portal;
import dev.tractor.Tractor;
import dev.tractor.sc.Nursery;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One stream from another actor, fanned out to several tasks of this one: {@code stream.subscribe()}
 * (Python tractor's {@code MsgStream.subscribe}, a trio-style broadcast receiver).
 *
 * <p>Two tasks that call {@code receive} on the same stream split its values between them, each value
 * going to one of them. To give every task every value, each takes a {@link BroadcastReceiver} from
 * {@code stream.subscribe()}: a subscriber receives every value the stream receives from the moment it
 * subscribed, whatever the others read, and its loop ends when the stream does.
 *
 * <p>The remote {@link #ticks} sends {@value #TICKS} numbers and closes its stream. The root subscribes four
 * times before anything is read, and only then starts one task per subscriber: a subscriber created while
 * another task is already reading would miss what was read before it subscribed. Each task collects
 * everything it gets. The subscribers share a window of the last 64 values: one that falls further
 * behind the fastest gets {@code Lagged}, which cannot happen here since there are fewer values than that.
 */
public final class FanOut {
    private FanOut() {
    }

    /** How many values the ticker sends. */
    static final int TICKS = 50;

    /** Runs in the ticker: sends 0 .. count - 1, then ends (which ends the opener's stream). */
    public static int ticks(Context<Integer> ctx, int count) {
        ctx.started(count);
        try (MsgStream<Void, Integer> stream = ctx.openStream(Void.class, Integer.class)) {
            for (int i = 0; i < count; i++) {
                stream.send(i);
            }
        }
        return count;
    }

    public static void main(String[] args) throws Exception {
        Map<String, List<Integer>> got = new TreeMap<>(); // filled by the body, read after the nursery
        Tractor.openNursery(an -> {
            Portal ticker = an.startActor("ticker", ActorOptions.enable(FanOut.class));
            return ticker.openContext(FanOut::ticks, TICKS, (ctx, count) -> {
                System.out.println("the ticker will send " + count + " values over one stream");
                try (MsgStream<Integer, Void> stream = ctx.openStream(Integer.class, Void.class)) {
                    // Every subscriber first, then the tasks: a task that started reading before the
                    // last subscribe would let that subscriber miss what it read.
                    List<BroadcastReceiver<Integer>> subscribers = new ArrayList<>();
                    for (int i = 0; i < 4; i++) {
                        subscribers.add(stream.subscribe());
                    }
                    Nursery.open(tasks -> {
                        for (int i = 0; i < subscribers.size(); i++) {
                            BroadcastReceiver<Integer> mine = subscribers.get(i);
                            List<Integer> values = new ArrayList<>();
                            got.put("subscriber-" + i, values);
                            tasks.startSoon("subscriber-" + i, () -> {
                                try (mine) {
                                    for (int v : mine) { // every value, until the stream ends
                                        values.add(v);
                                    }
                                }
                            });
                        }
                    });
                }
                return null;
            });
        });

        List<Integer> all = new ArrayList<>();
        for (int i = 0; i < TICKS; i++) {
            all.add(i);
        }
        got.forEach((name, values) -> System.out.println(name + " got " + values.size() + " values, every one in "
                + "order: " + values.equals(all)));
    }
}
