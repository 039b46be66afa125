package dev.tractor.examples;

import dev.tractor.ActorOptions;
import dev.tractor.Emitter;
import dev.tractor.Portal;
import dev.tractor.Tractor;
import dev.tractor.sc.Cancelled;
import dev.tractor.sc.Sc;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A generator in another actor: a one-way stream (Python tractor's {@code portal.open_stream_from} over an
 * async generator).
 *
 * <p>A streaming function is a public static method whose first parameter is an {@link Emitter}; each
 * {@code out.emit(v)} sends one value to whoever opened the stream. The opener reads the values with
 * {@code portal.openStreamFrom(RemoteGenerator::count, limit, stream -> ...)} and an ordinary
 * {@code for} loop.
 *
 * <p>The reader decides how long it lasts. {@link #count} here would run forever; the root breaks out of
 * its loop at 50, and that is all it takes: when the block returns, the generator is cancelled at its next
 * {@code emit} (a checkpoint), runs its {@code finally} block, and {@code openStreamFrom} returns once it
 * has ended, quietly, without an error. A generator that ends by itself simply ends the reader's loop.
 *
 * <p>The generator prints from its own JVM: a child's stdout is its parent's, so its lines show in the same
 * terminal, here always before the root's next line, because {@code openStreamFrom} waits for the
 * generator to end.
 */
public final class RemoteGenerator {
    private RemoteGenerator() {
    }

    /** Runs in the child: emits 0, 1, 2, ... up to {@code limit} (exclusive), pausing a little between. */
    public static void count(Emitter<Integer> out, int limit) {
        int emitted = 0;
        try {
            for (int i = 0; i < limit; i++) {
                out.emit(i); // a checkpoint: this is where a reader that stopped cancels us
                emitted++;
                Sc.sleep(Duration.ofMillis(2));
            }
            System.out.println("  generator: emitted all " + emitted + " values and returned");
        } catch (Cancelled c) {
            System.out.println("  generator: cancelled after emitting " + emitted + " values");
            throw c; // always let Cancelled go on
        } finally {
            System.out.println("  generator: finally block ran in pid " + ProcessHandle.current().pid());
        }
    }

    public static void main(String[] args) throws Exception {
        Tractor.openNursery(an -> {
            Portal gen = an.startActor("generator", ActorOptions.enable(RemoteGenerator.class));

            System.out.println("== 1. read an endless generator until 50, then break");
            List<Integer> got = gen.openStreamFrom(RemoteGenerator::count, Integer.MAX_VALUE, stream -> {
                List<Integer> values = new ArrayList<>();
                for (int v : stream) {
                    if (v == 50) {
                        break; // stop reading: the generator is cancelled
                    }
                    values.add(v);
                }
                return values;
            });
            System.out.println("  root: received " + got.size() + " values, " + got.getFirst() + ".." + got.getLast()
                    + ", then broke out; openStreamFrom returned without an error");

            System.out.println("== 2. read a short generator to its end");
            List<Integer> all = gen.openStreamFrom(RemoteGenerator::count, 5, stream -> {
                List<Integer> values = new ArrayList<>();
                stream.forEach(values::add);
                return values;
            });
            System.out.println("  root: received " + all);
            return null;
        });
    }
}
