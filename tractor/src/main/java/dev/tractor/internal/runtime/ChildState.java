package dev.tractor.internal.runtime;

/**
 * Where a child actor is in its life, as its parent sees it ({@link ChildActor} moves it; nothing else
 * does). A child only ever moves forward, along these arrows; any other move is a bug and throws:
 *
 * <pre>
 *              connected back, SpawnSpec sent
 *   STARTING ───────────────────────────────────▶ RUNNING
 *      │                                             │
 *      │ the start failed (launch, exit before       │ this side asked it to end (cancel request,
 *      │ connecting, timeout, cancelled) or was      │ the nursery's ladder), or its process exited
 *      │ aborted (its nursery closed)                │ by itself (a death, unless it ended in order)
 *      ▼                                             ▼
 *      └──────────────────────────────────────▶ ENDING
 *                                                    │ process reaped, connection closed,
 *                                                    ▼ the runtime forgets it
 *                                                  ENDED
 * </pre>
 *
 * <p>Leaving {@link #RUNNING} decides, once, whether the child's exit is expected: the process watcher
 * reports a death only if it is the one that moves a running child to {@link #ENDING}. Whoever owns the
 * child brings it from {@link #ENDING} to {@link #ENDED}: the starting task for a start that failed, the
 * actor nursery for a child it was handed.
 */
public enum ChildState {
    /** Launched (or being launched); waiting for the child to connect back and take its {@code SpawnSpec}. */
    STARTING,
    /** Started and handed out (a portal exists): it serves calls; an exit now would be a death. */
    RUNNING,
    /** On its way out: its exit is expected, its process and connection are being ended. */
    ENDING,
    /** Its process has exited and been reaped, its connection is closed, the runtime keeps nothing of it. */
    ENDED;

    /** Whether a child in this state may move to {@code next}; see the diagram. */
    boolean canBecome(ChildState next) {
        // if/else, not a switch: see ADR 0015
        if (this == STARTING) {
            return next == RUNNING || next == ENDING;
        } else if (this == RUNNING) {
            return next == ENDING;
        } else if (this == ENDING) {
            return next == ENDED;
        }
        return false;
    }
}
