package dev.tractor.internal.debug;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.TimeUnit;

/**
 * Lines typed at the root's terminal, for the REPL, which must not block on the terminal alone (its actor may
 * die meanwhile). One line is read at a time, and only when the REPL asks: a line the REPL has not asked for
 * stays in the terminal for the program. The read runs on a daemon thread of its own.
 */
final class TerminalLines {
    private static TerminalLines standardInput; // guarded by the class

    private final BufferedReader reader;
    private final SynchronousQueue<Optional<String>> lines = new SynchronousQueue<>();
    private boolean asked; // a read is on its way; only the REPL's thread touches it
    private boolean ended;

    private TerminalLines(InputStream in) {
        this.reader = new BufferedReader(new InputStreamReader(in, Charset.defaultCharset()));
    }

    static synchronized TerminalLines standardInput() {
        if (standardInput == null) {
            standardInput = new TerminalLines(System.in);
        }
        return standardInput;
    }

    static TerminalLines of(InputStream in) {
        return new TerminalLines(in);
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
            Thread.ofPlatform().daemon().name("tractor-debug-terminal").start(this::readOne);
        }
        Optional<String> line = lines.poll(wait.toNanos(), TimeUnit.NANOSECONDS);
        if (line != null) {
            asked = false;
            ended = line.isEmpty();
        }
        return line;
    }

    private void readOne() {
        Optional<String> line;
        try {
            line = Optional.ofNullable(reader.readLine());
        } catch (IOException e) {
            line = Optional.empty(); // a terminal that cannot be read is at its end
        }
        try {
            lines.put(line);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
