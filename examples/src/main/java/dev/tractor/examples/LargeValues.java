package dev.tractor.examples;

import dev.tractor.ActorOptions;
import dev.tractor.Context;
import dev.tractor.MsgStream;
import dev.tractor.Portal;
import dev.tractor.Tractor;
import dev.tractor.ipc.FrameTooLarge;
import java.util.Arrays;
import java.util.Locale;

/**
 * A value larger than one message: refused where it is made, and then sent in pieces over a stream.
 *
 * <p>One message (a call with its arguments, a result, one stream value) is at most 64 MiB, or what the
 * system property {@code tractor.ipc.maxFrameBytes} says for the whole tree. The size is checked on the
 * sending side before anything is written, so a value that is too large fails only its own call, at once,
 * with {@link FrameTooLarge}, whose message names the real size and the limit; the value is measured, not
 * copied. The connection and the actor at the other end are not affected: the same portal carries the next
 * call.
 *
 * <p>Data larger than a message goes in pieces: here a context whose stream takes chunks of 1 MiB and
 * whose result is what arrived. (A result that is too large fails the call on the caller's side as a
 * {@code RemoteActorError} whose remote type is {@code dev.tractor.ipc.FrameTooLarge}; a stream value that
 * is too large fails that {@code send}, and the stream goes on.)
 */
public final class LargeValues {
    private static final int CHUNK = 1024 * 1024;

    private LargeValues() {
    }

    /** Runs in the child: the number of bytes in {@code data} and their sum. */
    public static String summary(byte[] data) {
        long sum = 0;
        for (byte b : data) {
            sum += b;
        }
        return String.format(Locale.ROOT, "%,d bytes, sum %d", data.length, sum);
    }

    /** Runs in the child: reads chunks from the opener's stream until it closes; what arrived, in all. */
    public static String collect(Context<Void> ctx) {
        ctx.started(null);
        long bytes = 0;
        long sum = 0;
        int chunks = 0;
        try (MsgStream<byte[], Void> stream = ctx.openStream(byte[].class, Void.class)) {
            for (byte[] chunk : stream) {
                chunks++;
                bytes += chunk.length;
                for (byte b : chunk) {
                    sum += b;
                }
            }
        }
        return String.format(Locale.ROOT, "%,d bytes in %d chunks, sum %d", bytes, chunks, sum);
    }

    public static void main(String[] args) throws Exception {
        byte[] data = new byte[80 * CHUNK]; // 80 MiB: more than one message may carry
        Arrays.fill(data, (byte) 1);
        Tractor.openNursery(an -> {
            Portal store = an.startActor("store", ActorOptions.enable(LargeValues.class));

            System.out.println("== 1. an argument over the limit fails its call, before anything is sent");
            try {
                store.run(LargeValues::summary, data);
            } catch (FrameTooLarge e) {
                System.out.println("  FrameTooLarge: " + e.getMessage());
            }

            System.out.println("== 2. the same portal carries the next call");
            System.out.println("  store: " + store.run(LargeValues::summary, Arrays.copyOf(data, 10)));

            System.out.println("== 3. the whole value, in pieces of 1 MiB over a stream");
            String received = store.openContext(LargeValues::collect, (ctx, ready) -> {
                try (MsgStream<Void, byte[]> stream = ctx.openStream(Void.class, byte[].class)) {
                    for (int from = 0; from < data.length; from += CHUNK) {
                        stream.send(Arrays.copyOfRange(data, from, Math.min(data.length, from + CHUNK)));
                    }
                }
                return ctx.result();
            });
            System.out.println("  store: " + received);
            return null;
        });
    }
}
