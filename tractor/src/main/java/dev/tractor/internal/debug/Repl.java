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
 * of the input, which continues). Blocking and not a checkpoint: a stop waits for the ones before it.
 */
public final class Repl {
    /** How long attaching and each step may take on a loaded machine. */
    static final Duration TIMEOUT = Duration.ofSeconds(30);
    /** The terminal, one REPL at a time, in the order the stops came. */
    private static final ReentrantLock TERMINAL = new ReentrantLock(true);
    private static BufferedReader input; // guarded by TERMINAL

    private Repl() {
    }

    /** Runs the REPL for {@code stop} in this process's terminal once it is this stop's turn. */
    public static void serve(Stop stop) throws InterruptedException {
        TERMINAL.lockInterruptibly();
        try {
            if (input == null) {
                input = new BufferedReader(new InputStreamReader(System.in, Charset.defaultCharset()));
            }
            run(stop, input, System.out);
        } finally {
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
