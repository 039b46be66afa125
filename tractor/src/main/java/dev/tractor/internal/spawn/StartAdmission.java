package dev.tractor.internal.spawn;

import dev.tractor.sc.CapacityLimiter;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * How many children of one process may be starting at once: from the launch of a child's process until it
 * has connected back (or failed). Each start takes a {@link Turn} before it launches anything and gives it
 * back when the child has connected, or its start has failed; the starts beyond the limit wait for a turn,
 * first come, first served.
 *
 * <p>Why: a JVM's start-up is CPU-bound (class loading, the JIT), and JVMs that start at the same moment
 * share the cores. 25 children launched at once on 2 cores with other work running did not connect back
 * within their start timeout: each got too little of the CPU to finish starting. Started a few at a time,
 * each finishes quickly, and a start timeout, which counts from the launch, means what it says.
 *
 * <p>The limit is {@value #PROPERTY} (a whole number of at least 1), by default {@link #defaultLimit} (the
 * number of cores, at least 2): one or two children start at once as before, with no wait. Each process
 * of a tree has its own limit (like every {@code tractor.*} property, children inherit the setting); a
 * child that has connected back no longer counts against its parent's, while it starts children of its
 * own.
 *
 * <p>Safe to use from several threads.
 */
public final class StartAdmission {
    /** The system property that sets the limit: how many children one process may be starting at once. */
    public static final String PROPERTY = "tractor.spawn.maxConcurrentStarts";

    private final CapacityLimiter starting;

    /**
     * Admission with at most {@code limit} starts at once.
     *
     * @throws IllegalArgumentException if {@code limit} is less than 1
     */
    public StartAdmission(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("at least one start must be admitted at once, got " + limit);
        }
        this.starting = new CapacityLimiter(limit);
    }

    /**
     * Admission with the limit {@value #PROPERTY} gives, or {@link #defaultLimit} if it is not set.
     *
     * @throws IllegalArgumentException if the property is set to anything but a whole number of at least 1
     */
    public static StartAdmission fromSystemProperty() {
        String value = System.getProperty(PROPERTY);
        if (value == null || value.isBlank()) {
            return new StartAdmission(defaultLimit());
        }
        int limit;
        try {
            limit = Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            limit = 0;
        }
        if (limit < 1) {
            throw new IllegalArgumentException(PROPERTY + " must be a whole number of at least 1, got '" + value + "'");
        }
        return new StartAdmission(limit);
    }

    /** The default limit: this JVM's number of cores ({@link Runtime#availableProcessors()}), at least 2. */
    public static int defaultLimit() {
        return Math.max(2, Runtime.getRuntime().availableProcessors());
    }

    /**
     * Waits for a turn to start a child, and takes it. A checkpoint: a start cancelled while it waits raises
     * {@link dev.tractor.sc.Cancelled} and takes no turn. Must be called in a task.
     *
     * @return the turn, to be {@linkplain Turn#close() given back} once the child has connected or failed
     */
    public Turn await() {
        Turn turn = new Turn();
        starting.acquireOnBehalfOf(turn);
        return turn;
    }

    /** The limit: how many starts are admitted at once. Not a checkpoint. */
    public int limit() {
        return starting.totalTokens();
    }

    /** How many starts hold a turn now. Not a checkpoint. */
    public int underWay() {
        return starting.borrowedTokens();
    }

    /** How many starts wait for a turn now. Not a checkpoint. */
    public int waiting() {
        return starting.waiting();
    }

    @Override
    public String toString() {
        return "StartAdmission[" + underWay() + " of " + limit() + " under way, " + waiting() + " waiting]";
    }

    /** One start's turn. Giving it back lets the next waiting start in. */
    public final class Turn implements AutoCloseable {
        private final AtomicBoolean given = new AtomicBoolean();

        private Turn() {
        }

        /** Gives the turn back; later calls do nothing. Not a checkpoint; never blocks; any thread. */
        @Override
        public void close() {
            if (given.compareAndSet(false, true)) {
                starting.releaseOnBehalfOf(this);
            }
        }
    }
}
