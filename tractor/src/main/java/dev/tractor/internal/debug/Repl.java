package dev.tractor.internal.debug;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.time.Duration;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The root's REPL (ADR 0021): one stopped actor at a time, first come first served, in the root's terminal.
 * Each stop attaches a {@link DebugSession} to the actor's debugger listener, shows where it stopped, and
 * reads commands from standard input until {@code continue} or {@code quit} (or the actor's end, or the end
 * of the input, which continues). Ctrl-C while a REPL is open prints a hint instead of ending the tree
 * ({@link #interrupted}). Blocking and not a checkpoint: a stop waits for the ones before it.
 */
public final class Repl {
    /** How long attaching and each step may take on a loaded machine. */
    static final Duration TIMEOUT = Duration.ofSeconds(30);
    /** The terminal, one REPL at a time, in the order the stops came. */
    private static final ReentrantLock TERMINAL = new ReentrantLock(true);
    private static BufferedReader input; // guarded by TERMINAL
    /** The terminal of the REPL that is open, if one is. */
    private static volatile PrintStream open;

    private Repl() {
    }

    /**
     * Ctrl-C (SIGINT) arrived: if a REPL is open, it prints a hint and the signal is spent (the tree goes on);
     * otherwise the signal does what it always does. Whether a REPL took it. Called by the signal handler.
     */
    public static boolean interrupted() {
        PrintStream out = open;
        if (out == null) {
            return false;
        }
        out.println();
        out.println("Ctrl-C does not end the tree while the debugger is open: 'continue' lets the actor go on, "
                + "'quit' ends its task");
        out.flush();
        return true;
    }

    /** Runs the REPL for {@code stop} in this process's terminal once it is this stop's turn. */
    public static void serve(Stop stop) throws InterruptedException {
        TERMINAL.lockInterruptibly();
        try {
            if (input == null) {
                input = new BufferedReader(new InputStreamReader(System.in, Charset.defaultCharset()));
            }
            open = System.out;
            run(stop, input, System.out);
        } finally {
            open = null;
            TERMINAL.unlock();
        }
    }

    static void run(Stop stop, BufferedReader in, PrintStream out) throws InterruptedException {
        String prompt = "(tractor " + stop.actor() + ") ";
        try (DebugSession session = DebugSession.attach(stop.port(), TIMEOUT, SourcePath.fromSystem())) {
            out.println();
            out.println("[" + stop.who() + "] " + session.awaitStop());
            out.println(session.execute("list"));
            while (!session.ended()) {
                out.print(prompt);
                out.flush();
                String line = in.readLine();
                if (line == null) {
                    out.println();
                    out.println(session.execute("continue"));
                    break;
                }
                String answer = session.execute(line);
                if (!answer.isEmpty()) {
                    out.println(answer);
                }
            }
        } catch (IOException e) {
            out.println("[" + stop.who() + "] the debugger could not reach it: " + e.getMessage());
        }
        out.flush();
    }
}
