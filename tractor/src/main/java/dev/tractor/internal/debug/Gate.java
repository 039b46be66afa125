package dev.tractor.internal.debug;

/**
 * Where a paused thread waits for the debugger, in the paused actor's own JVM (ADR 0021). The debugger finds
 * the thread by a breakpoint on the wait, and lets it go by setting {@code open} through JDI; with
 * {@code quit} set too, the thread leaves with {@link DebuggerQuit}. Nothing here talks to the debugger: the
 * runtime tells the root that this actor stopped, and the root attaches.
 */
public final class Gate {
    /** The thread a debugger session is driving (stepping) now, set and cleared by that session through JDI. */
    private static volatile Thread driven;

    private volatile boolean open; // set by the debugger (JDI), never by this process
    private volatile boolean quit; // likewise

    /**
     * Whether a debugger is stepping the calling thread: a pause it reaches is then that session's next stop
     * (its breakpoint on the gate catches it), not a new stop to report.
     */
    public static boolean drivesThisThread() {
        return driven == Thread.currentThread();
    }

    /**
     * Waits until the debugger opens the gate. The wait polls: a debugger that sets the field through JDI
     * does not notify, and a breakpoint on the loop's line stops the thread within one round.
     *
     * @throws DebuggerQuit if the user quit the debugger
     * @throws InterruptedException if the waiting thread is interrupted (its task was cancelled)
     */
    public void await() throws InterruptedException {
        while (!open) {
            Thread.sleep(5); // the debugger's breakpoint is on this line
        }
        if (quit) {
            throw new DebuggerQuit("the user quit the debugger");
        }
    }
}
