package dev.tractor.examples;

import dev.tractor.ActorDied;
import dev.tractor.ActorOptions;
import dev.tractor.Portal;
import dev.tractor.Tractor;
import dev.tractor.ipc.PeerWentSilent;
import java.util.concurrent.TimeUnit;

/**
 * A child that stops answering without its connection ending, as a process stopped with SIGSTOP, a host
 * that is gone or a network partition does: heartbeats find it.
 *
 * <p>Each side of a connection sends a small heartbeat when the connection has been quiet, and counts any
 * frame that arrives as life. Nothing arrives from a stopped process, so after the silent-peer timeout
 * ({@code tractor.ipc.silentPeerTimeout}, 15 s by default; this example asks for 2 s) the parent closes the
 * connection, kills the child (nothing could ask it to end) and fails the waiting call, and its nursery,
 * with {@link ActorDied}: "was lost ... went silent". The cause of the connection's end is a
 * {@link PeerWentSilent}, which names the peer and how long it was silent. A child whose parent went
 * silent would cancel itself the same way.
 *
 * <p>Linux and macOS ({@code kill -STOP}). Run it with {@code java -cp ... dev.tractor.examples.SilentChild}.
 */
public final class SilentChild {
    private SilentChild() {
    }

    /** Runs in the child. */
    public static String hello(String who) {
        return "hello, " + who;
    }

    public static void main(String[] args) throws Exception {
        if (System.getProperty("tractor.ipc.silentPeerTimeout") == null) {
            System.setProperty("tractor.ipc.silentPeerTimeout", "2"); // before the runtime starts; children inherit it
        }
        long[] pid = new long[1];
        long[] stoppedAt = new long[1];
        try {
            Tractor.openNursery(an -> {
                Portal child = an.startActor("frozen", ActorOptions.enable(SilentChild.class));
                pid[0] = child.pid();
                System.out.println(child.run(SilentChild::hello, "parent"));

                Process stop = new ProcessBuilder("kill", "-STOP", String.valueOf(child.pid())).inheritIO().start();
                if (stop.waitFor() != 0) {
                    throw new IllegalStateException("kill -STOP failed");
                }
                stoppedAt[0] = System.nanoTime();
                System.out.println("stopped the child with SIGSTOP; calling it again");
                return child.run(SilentChild::hello, "anyone there?"); // waits until the child is found silent
            });
            System.out.println("unexpected: the stopped child answered");
        } catch (ActorDied died) {
            long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - stoppedAt[0]);
            System.out.println("the call failed after about " + seconds + " s: " + died.getMessage());
        }
        boolean gone = ProcessHandle.of(pid[0]).map(h -> !h.isAlive()).orElse(true);
        System.out.println("the child's process is " + (gone ? "gone" : "still there"));
    }
}
