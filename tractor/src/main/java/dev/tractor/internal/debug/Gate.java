package dev.tractor.internal.debug;

/**
 * Where a paused thread waits for the debugger, in the paused actor's own JVM (ADR 0021). The tree's debugger
 * watches this JVM with a breakpoint on the wait, and lets the thread go by setting {@code open} through JDI;
 * with {@code quit} set too, the thread leaves with {@link DebuggerQuit}. Nothing here talks to the debugger.
 */
public final class Gate {
    private volatile boolean open; // set by the debugger (JDI), never by this process
    private volatile boolean quit; // likewise

    /**
     * Waits until the debugger opens the gate. The wait polls: a debugger that sets the field through JDI
     * does not notify, and the breakpoint on the loop's line stops the thread within one round. The sleep must
     * stay on the line after the method's first one: that is where the debugger puts its breakpoint.
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
