package dev.tractor;

import dev.tractor.ipc.Peer;
import dev.tractor.sc.Event;

/**
 * A child actor between its launch and its first connection back: either it connects (and proves the
 * secret), or its process exits first. Set from the server's reader thread or a process watcher; awaited
 * by the spawning task.
 */
final class PendingChild {
    private final Event settled = new Event();
    private volatile Peer peer;
    private volatile String failure;

    void connected(Peer p) {
        peer = p;
        settled.set();
    }

    void failed(String why) {
        if (peer == null) {
            failure = why;
        }
        settled.set();
    }

    /** Waits until it connected or failed; a checkpoint. */
    void await() {
        settled.await();
    }

    /** The connection, or null if it has not connected. */
    Peer peer() {
        return peer;
    }

    /** Why it failed, or null. */
    String failure() {
        return failure;
    }
}
