package dev.tractor.internal.debug;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Optional;

/**
 * The root's REPL (ADR 0021): the terminal side of the tree's debugger. It waits for the debugger's next stop,
 * prints where it is, and passes each line typed to it until the stop is let go ({@code continue},
 * {@code quit}), its actor is gone (it says so), or the input ends (which continues). One stop at a time, in
 * the order they came: the debugger queues them. Ctrl-C while a stop is open prints a hint instead of ending
 * the tree ({@link #interrupted}).
 */
public final class Repl {
    /** How often an open REPL that waits for a line checks that its actor is still there. */
    private static final Duration CHECK_EVERY = Duration.ofMillis(250);
    /** The terminal of the REPL that is open, if one is. */
    private static volatile PrintStream open;

    private Repl() {
    }

    /** What the REPL asks of the tree's debugger: in the root, calls to the debugger actor. */
    public interface TreeDebugger {
        /** Waits for the next stop; its heading and listing. A checkpoint. */
        String awaitStop() throws Exception;

        /** Runs a command line on the open stop; what it prints. */
        String execute(String line) throws Exception;

        /** Whether the stop is still open. */
        boolean stopOpen() throws Exception;
    }

    /** Ctrl-Cs closer together than this give one hint. */
    private static final java.time.Duration ONE_KEYPRESS = java.time.Duration.ofMillis(500);
    private static long lastHint = System.nanoTime() - ONE_KEYPRESS.toNanos(); // guarded by Repl.class

    /**
     * Ctrl-C (SIGINT) arrived: if a REPL is open, it prints a hint and the signal is spent (the tree goes on);
     * otherwise the signal does what it always does. Whether a REPL took it. Called by the signal handler.
     */
    public static synchronized boolean interrupted() {
        PrintStream out = open;
        if (out == null) {
            return false;
        }
        long now = System.nanoTime();
        if (now - lastHint < ONE_KEYPRESS.toNanos()) {
            // One Ctrl-C can arrive twice: as JLine's UserInterruptException and as a SIGINT, when it came while
            // JLine switched the terminal's mode (it runs stty around each line). One hint is enough.
            return true;
        }
        lastHint = now;
        out.println();
        out.println("Ctrl-C does not end the tree while the debugger is open: 'continue' lets the actor go on, "
                + "'quit' ends its task");
        out.flush();
        return true;
    }

    /** Serves the debugger's stops in this process's terminal, one after the other, until cancelled. */
    public static void serve(TreeDebugger debugger) throws Exception {
        serve(debugger, TerminalLines.standardInput(), System.out);
    }

    static void serve(TreeDebugger debugger, TerminalLines in, PrintStream out) throws Exception {
        while (true) {
            String heading = debugger.awaitStop();
            open = out;
            try {
                out.println();
                out.println(heading);
                String prompt = "(tractor " + actorOf(heading) + ") ";
                boolean prompted = false;
                while (debugger.stopOpen()) {
                    if (!prompted) {
                        if (in.printsPrompt()) {
                            in.prompt(prompt);
                        } else {
                            out.print(prompt);
                            out.flush();
                        }
                        prompted = true;
                    }
                    Optional<String> line = in.next(CHECK_EVERY);
                    if (line == null) {
                        continue; // nothing typed yet: is the actor still there?
                    }
                    prompted = false;
                    String answer = debugger.execute(line.orElse("continue")); // the end of the input continues
                    if (line.isEmpty()) {
                        out.println();
                    }
                    if (!answer.isEmpty()) {
                        out.println(answer);
                    }
                }
                if (prompted) { // it ended while the prompt waited: its JVM is gone
                    out.println();
                    out.println(heading.substring(0, heading.indexOf(']') + 1) + " is gone: its stop has ended");
                }
                out.flush();
            } finally {
                open = null;
            }
        }
    }

    /** {@code worker} from {@code [worker (pid 42)] ...}. */
    private static String actorOf(String heading) {
        int end = heading.indexOf(" (pid ");
        return heading.startsWith("[") && end > 0 ? heading.substring(1, end) : "?";
    }
}
