package dev.tractor.internal.debug;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOError;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.TimeUnit;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.reader.impl.LineReaderImpl;
import org.jline.terminal.Attributes;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import sun.misc.Signal;

/**
 * Lines typed at the root's terminal, for the REPL, which must not block on the terminal alone (its actor may
 * die meanwhile). One line is read at a time, and only when the REPL asks: a line the REPL has not asked for
 * stays in the terminal for the program. The read runs on a daemon thread of its own.
 *
 * <p>When the standard input and output are a real terminal, lines are read with JLine ({@link Edited}): they
 * can be edited, the up arrow brings back earlier ones (kept for the life of the process), and JLine prints
 * the prompt. Otherwise (a pipe, a file: most tests) they are read as they come, and the REPL prints the prompt.
 */
final class TerminalLines {
    private static TerminalLines standardInput; // guarded by the class

    /** Where the lines come from. */
    private interface Source {
        /** The next line, after {@code prompt} if this source prints it; null at the end of the input. */
        String read(String prompt) throws IOException;

        /** The read under way shows {@code prompt} now, below what was printed since it began. */
        default void reprompt(String prompt) {
        }
    }

    private final Source source;
    private final boolean printsPrompt;
    private final SynchronousQueue<Optional<String>> lines = new SynchronousQueue<>();
    private boolean asked; // a read is on its way; only the REPL's thread touches it
    private boolean ended;
    private String prompt = ""; // shown by the next read, if this prints the prompt

    private TerminalLines(Source source, boolean printsPrompt) {
        this.source = source;
        this.printsPrompt = printsPrompt;
    }

    static synchronized TerminalLines standardInput() {
        if (standardInput == null) {
            Console console = System.console();
            Source edited = console != null && console.isTerminal() ? Edited.open() : null;
            standardInput = edited != null ? new TerminalLines(edited, true) : of(System.in);
        }
        return standardInput;
    }

    static TerminalLines of(InputStream in) {
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, Charset.defaultCharset()));
        return new TerminalLines(prompt -> reader.readLine(), false);
    }

    /** Whether the prompt is printed here (by JLine, see {@link #prompt}); if not, the REPL prints it. */
    boolean printsPrompt() {
        return printsPrompt;
    }

    /**
     * The prompt for the next line, when {@link #printsPrompt}: the read that starts shows it, and so does a
     * read still under way (begun for a stop that ended meanwhile), below what the REPL printed since.
     */
    void prompt(String prompt) {
        this.prompt = prompt;
        if (asked) {
            source.reprompt(prompt);
        }
    }

    /**
     * The next line, waiting up to {@code wait}: empty at the end of the input, null if none came in time (the
     * read goes on, for the next call).
     */
    Optional<String> next(Duration wait) throws InterruptedException {
        if (ended) {
            return Optional.empty();
        }
        if (!asked) {
            asked = true;
            String shown = prompt;
            Thread.ofPlatform().daemon().name("tractor-debug-terminal").start(() -> readOne(shown));
        }
        Optional<String> line = lines.poll(wait.toNanos(), TimeUnit.NANOSECONDS);
        if (line != null) {
            asked = false;
            ended = line.isEmpty();
        }
        return line;
    }

    private void readOne(String prompt) {
        Optional<String> line;
        try {
            line = Optional.ofNullable(source.read(prompt));
        } catch (IOException e) {
            line = Optional.empty(); // a terminal that cannot be read is at its end
        }
        try {
            lines.put(line);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Lines read with JLine from the process's terminal. A class of its own so that JLine's classes load only
     * when a REPL opens in a terminal. The terminal is driven with {@code stty} (JLine's exec provider): its FFM
     * and JNI providers need native access, and the JVM warns about it.
     */
    private static final class Edited implements Source {
        private final Terminal terminal;
        private final Attributes lineMode; // the terminal's mode when the REPL opened: the program's
        private final LineReader reader; // one for the life of the process: it keeps the history

        private Edited(Terminal terminal) {
            this.terminal = terminal;
            this.lineMode = terminal.getAttributes();
            this.reader = LineReaderBuilder.builder()
                    .terminal(terminal)
                    .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true) // '!' is Java's not, not history
                    .build();
        }

        /**
         * JLine on this process's terminal; null if it cannot have it (the lines are then read as they come): if
         * it is no terminal after all, or one that does not tell its width (a serial line, the pty of
         * {@code script} fed from a pipe), without which JLine cannot draw the line it edits.
         */
        static Source open() {
            Terminal terminal = null;
            try {
                terminal = TerminalBuilder.builder()
                        .system(true)
                        .provider("exec")
                        .dumb(false) // no terminal after all: fail
                        .nativeSignals(false) // leaves the root's handler of SIGINT in place (Repl.interrupted)
                        .graphemeCluster(false) // no question to the terminal, whose answer could eat typed keys
                        .build();
                if (terminal.getSize().getColumns() > 0) {
                    return new Edited(terminal);
                }
            } catch (IOException | IOError | RuntimeException e) {
                // read the lines as they come
            }
            if (terminal != null) {
                try {
                    terminal.close();
                } catch (IOException | IOError | RuntimeException e) {
                    // it was not used
                }
            }
            return null;
        }

        @Override
        public String read(String prompt) throws IOException {
            int failures = 0;
            while (true) {
                try {
                    return reader.readLine(prompt);
                } catch (UserInterruptException e) {
                    // Ctrl-C: while JLine reads, the terminal sends no SIGINT; JLine raises this instead (it may
                    // leave this thread interrupted, which would end the next read at once)
                    Thread.interrupted();
                    if (!Repl.interrupted()) {
                        Signal.raise(new Signal("INT")); // no REPL open any more: Ctrl-C does what it always does
                    }
                } catch (EndOfFileException e) {
                    return null; // Ctrl-D
                } catch (IOError e) {
                    // JLine runs stty to switch the terminal's mode around each line, and a Ctrl-C between two
                    // lines (a SIGINT to the whole foreground process group) can kill it: put the program's mode
                    // back (the terminal may be left in JLine's), and read again. A terminal that fails again and
                    // again is at its end.
                    if (++failures == 3) {
                        throw new IOException(e);
                    }
                    try {
                        terminal.setAttributes(lineMode);
                    } catch (IOError again) {
                        // the next read tells whether the terminal works
                    }
                }
            }
        }

        @Override
        public void reprompt(String prompt) {
            if (reader instanceof LineReaderImpl impl) { // what LineReaderBuilder builds; the interface cannot
                impl.setPrompt(prompt);
            }
            try {
                reader.callWidget(LineReader.REDRAW_LINE); // JLine forgets what it drew: the REPL printed below it
                reader.callWidget(LineReader.REDISPLAY);
            } catch (IllegalStateException e) {
                // the read has just ended: the next one shows the prompt
            }
        }
    }
}
