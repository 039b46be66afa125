package dev.tractor.internal.debug;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The stops that wait for the terminal, first come first served (ADR 0021). A stop of an actor whose JVM is
 * gone leaves the queue, so the tree never waits on a dead actor.
 */
final class Stops {
    private final Deque<Stop> waiting = new ArrayDeque<>();

    synchronized void add(Stop stop) {
        waiting.addLast(stop);
        notifyAll();
    }

    /** Drops the stops of {@code watch}, whose JVM is gone. */
    synchronized void gone(Watch watch) {
        waiting.removeIf(s -> s.watch() == watch);
        notifyAll();
    }

    /** The next stop, waiting for one. Blocking; interrupting the waiting thread ends the wait. */
    synchronized Stop next() throws InterruptedException {
        while (waiting.isEmpty()) {
            wait();
        }
        return waiting.removeFirst();
    }
}
