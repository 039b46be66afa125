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

    /**
     * Queues a pause of {@code stop}'s thread unless one waits already or a session drives the thread (a
     * paused thread reaches the gate's breakpoint again every few milliseconds until its turn).
     */
    synchronized void addPause(Stop stop) {
        if (stop.watch().drives(stop.thread())
                || waiting.stream().anyMatch(s -> s.watch() == stop.watch() && s.thread().equals(stop.thread()))) {
            return;
        }
        add(stop);
    }

    /** Drops the stops of {@code watch}, whose JVM is gone. */
    synchronized void gone(Watch watch) {
        waiting.removeIf(s -> s.watch() == watch);
        notifyAll();
    }

    /**
     * The next stop, waiting for one; its thread's events go to the stop's session from now on. Blocking;
     * interrupting the waiting thread ends the wait.
     */
    synchronized Stop next() throws InterruptedException {
        while (waiting.isEmpty()) {
            wait();
        }
        Stop stop = waiting.removeFirst();
        stop.watch().drive(stop.thread()); // under this lock: addPause sees it driven, not taken and not queued
        return stop;
    }
}
