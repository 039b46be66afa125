package dev.tractor.internal.errors;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The text form of a Java stack trace in the {@code tb_str} field of an {@code Error} message: written when
 * an error is boxed, read back into {@link StackTraceElement}s when it is unboxed.
 *
 * <p>The format is what {@link Throwable#printStackTrace()} prints, so a person (or a Python tractor peer)
 * reading the text sees the familiar Java trace. Lines end with {@code \n}:
 * <pre>
 * java.lang.IllegalStateException: boom                 header: class name, then ": message" if any
 * 	at app//com.example.Worker.step(Worker.java:42)       one frame a line: tab, "at ", StackTraceElement.toString()
 * 	at java.base/java.lang.Thread.run(Thread.java:1474)
 * Caused by: java.io.IOException: disk full               the cause chain, outermost first
 * 	at com.example.Disk.write(Disk.java:7)
 * 	... 2 more                                            the cause's last 2 frames are the enclosing trace's last 2
 * 	... (traceback cut: ...)                              present only when the limits below cut the text
 * </pre>
 * A frame is {@code [loader/][module[@version]/]class.method(source)}, where source is
 * {@code File.java:12}, {@code File.java}, {@code Native Method} or {@code Unknown Source}, exactly as
 * {@link StackTraceElement#toString()} writes it; that method leaves out the names of built-in class loaders
 * and the versions of JDK modules, so those two do not cross. A message of several lines is written as is,
 * and its further lines are read back as part of the header they follow. Suppressed exceptions are not
 * written; when reading text that has them (tab-indented {@code Suppressed:} sections), they are skipped.
 *
 * <p>Writing stops at {@value #MAX_FRAMES} frames or {@value #MAX_CHARS} characters, whichever comes
 * first, and then ends with the {@code (traceback cut: ...)} line; a header line longer than
 * {@value #MAX_HEADER_CHARS} characters is cut (the full message travels in the {@code message} field).
 *
 * <p>Reading is tolerant because the text comes from another process, possibly not a Java one: a line that
 * is neither a header, a frame nor a {@code ... n more} line is skipped, so a Python traceback yields no
 * frames at all. Reading stops after {@value #MAX_PARSED_FRAMES} frames or {@value #MAX_PARSED_SECTIONS}
 * causes.
 */
public final class TracebackText {
    /** At most this many frames are written, over the whole cause chain. */
    static final int MAX_FRAMES = 1024;
    /** At most this many characters are written (64 KiB). */
    static final int MAX_CHARS = 64 * 1024;
    /** A longer header line (exception type and message) is cut to this many characters. */
    static final int MAX_HEADER_CHARS = 4096;
    /** At most this many frames are read back, counting those that {@code ... n more} repeats. */
    static final int MAX_PARSED_FRAMES = 16 * 1024;
    /** At most this many sections (the exception and its causes) are read back. */
    static final int MAX_PARSED_SECTIONS = 256;

    static final String CAUSED_BY = "Caused by: ";
    static final String CUT_MARKER = "\t... (traceback cut: it passed " + MAX_FRAMES + " frames or "
            + MAX_CHARS + " characters)";

    private static final Pattern MORE = Pattern.compile("\\s*\\.\\.\\. (\\d{1,9}) more\\s*");
    private static final Pattern INDENTED_SECTION = Pattern.compile("\\s+(Suppressed|Caused by): .*");
    private static final Pattern HIDDEN_CLASS_SUFFIX = Pattern.compile("0x[0-9a-fA-F]+");

    private TracebackText() {}

    /**
     * One throwable of a traceback: the exception itself (first) or one of its causes.
     *
     * @param type the exception's class name as written in the header; empty if the text had no header
     * @param message the message of the header, if it had one
     * @param frames the frames, innermost (where it was thrown) first
     */
    record Section(String type, Optional<String> message, List<StackTraceElement> frames) {
        Section {
            frames = List.copyOf(frames);
        }
    }

    // ---------------------------------------------------------------- writing

    /** Writes {@code t} and its causes in the format above, within the limits. */
    static String format(Throwable t) {
        Out out = new Out();
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        StackTraceElement[] enclosing = null;
        for (Throwable cur = t; cur != null && seen.add(cur); cur = cur.getCause()) {
            if (!out.header((enclosing == null ? "" : CAUSED_BY) + header(cur))) {
                break;
            }
            StackTraceElement[] trace = cur.getStackTrace();
            int common = enclosing == null ? 0 : framesInCommon(trace, enclosing);
            for (int i = 0; i < trace.length - common; i++) {
                if (!out.frame("\tat " + trace[i])) {
                    return out.text();
                }
            }
            if (common > 0 && !out.line("\t... " + common + " more")) {
                break;
            }
            enclosing = trace;
        }
        return out.text();
    }

    /** The header of one throwable: its type and message; a remote stack shows the remote type. */
    private static String header(Throwable t) {
        String type = t instanceof RemoteStack remote ? remote.remoteType() : t.getClass().getName();
        String message = t.getMessage();
        return message == null ? type : type + ": " + message;
    }

    /** How many frames at the end of {@code trace} equal those at the end of {@code enclosing}. */
    private static int framesInCommon(StackTraceElement[] trace, StackTraceElement[] enclosing) {
        int m = trace.length - 1;
        int n = enclosing.length - 1;
        while (m >= 0 && n >= 0 && trace[m].equals(enclosing[n])) {
            m--;
            n--;
        }
        return trace.length - 1 - m;
    }

    /** The text being written; refuses lines once a limit is reached, after writing the cut marker. */
    private static final class Out {
        private final StringBuilder text = new StringBuilder();
        private int frames;
        private boolean cut;

        boolean header(String line) {
            return line(line.length() > MAX_HEADER_CHARS ? line.substring(0, MAX_HEADER_CHARS) : line);
        }

        boolean frame(String line) {
            if (!cut && frames == MAX_FRAMES) {
                cutHere();
            }
            if (line(line)) {
                frames++;
                return true;
            }
            return false;
        }

        boolean line(String line) {
            if (cut) {
                return false;
            }
            // keep room for the marker, so the whole text stays within MAX_CHARS
            if (text.length() + line.length() + 1 > MAX_CHARS - CUT_MARKER.length() - 1) {
                cutHere();
                return false;
            }
            text.append(line).append('\n');
            return true;
        }

        private void cutHere() {
            text.append(CUT_MARKER).append('\n');
            cut = true;
        }

        String text() {
            return text.toString();
        }
    }

    // ---------------------------------------------------------------- reading

    /**
     * Reads a traceback back: the exception first, then its causes; empty if the text has neither a header
     * nor a frame. Never fails: what it cannot read, it skips.
     */
    static List<Section> parse(String text) {
        List<Builder> sections = new ArrayList<>();
        Builder current = null;
        boolean skipping = false; // inside a Suppressed section, or a cause nested in one
        int parsedFrames = 0;
        for (String raw : text.split("\n", -1)) {
            String line = raw.endsWith("\r") ? raw.substring(0, raw.length() - 1) : raw;
            if (line.startsWith(CAUSED_BY)) {
                if (line.startsWith(CAUSED_BY + "[CIRCULAR REFERENCE") || sections.size() == MAX_PARSED_SECTIONS) {
                    break;
                }
                skipping = false;
                current = Builder.ofHeader(line.substring(CAUSED_BY.length()));
                sections.add(current);
                continue;
            }
            if (skipping) {
                continue;
            }
            if (INDENTED_SECTION.matcher(line).matches()) {
                skipping = true;
                continue;
            }
            String trimmed = line.strip();
            if (trimmed.startsWith("at ")) {
                Optional<StackTraceElement> frame = parseFrame(trimmed.substring(3).strip());
                if (frame.isPresent()) {
                    if (current == null) {
                        current = new Builder("", null);
                        sections.add(current);
                    }
                    current.frames.add(frame.get());
                    current.framesStarted = true;
                    if (++parsedFrames == MAX_PARSED_FRAMES) {
                        break;
                    }
                    continue;
                }
            }
            var more = MORE.matcher(line);
            if (more.matches()) {
                if (current != null && sections.size() >= 2) {
                    List<StackTraceElement> enclosing = sections.get(sections.size() - 2).frames;
                    int n = Integer.parseInt(more.group(1));
                    if (n <= enclosing.size() && parsedFrames + n <= MAX_PARSED_FRAMES) {
                        current.frames.addAll(enclosing.subList(enclosing.size() - n, enclosing.size()));
                        parsedFrames += n;
                    }
                    current.framesStarted = true;
                }
                continue;
            }
            if (current == null) {
                if (!trimmed.isEmpty()) {
                    current = Builder.ofHeader(line);
                    sections.add(current);
                }
            } else if (!current.framesStarted) {
                current.continueMessage(line); // a message of several lines
            }
            // anything else cannot be read: skipped
        }
        return sections.stream().map(Builder::build).toList();
    }

    private static final class Builder {
        final String type;
        String message;
        final List<StackTraceElement> frames = new ArrayList<>();
        boolean framesStarted;

        Builder(String type, String message) {
            this.type = type;
            this.message = message;
        }

        static Builder ofHeader(String header) {
            int colon = header.indexOf(": ");
            return colon < 0
                    ? new Builder(header.strip(), null)
                    : new Builder(header.substring(0, colon).strip(), header.substring(colon + 2));
        }

        void continueMessage(String line) {
            message = message == null ? line : message + "\n" + line;
        }

        Section build() {
            return new Section(type, Optional.ofNullable(message), frames);
        }
    }

    /**
     * Reads one frame as {@link StackTraceElement#toString()} writes it, without the leading {@code at}:
     * {@code [loader/][module[@version]/]class.method(source)}; empty if it is not one. Hidden classes
     * ({@code Foo$$Lambda/0x0000000801001234}) keep their slash.
     */
    static Optional<StackTraceElement> parseFrame(String frame) {
        int open = frame.lastIndexOf('(');
        if (open <= 0 || !frame.endsWith(")")) {
            return Optional.empty();
        }
        String head = frame.substring(0, open);
        String source = frame.substring(open + 1, frame.length() - 1);
        int dot = head.lastIndexOf('.');
        if (dot <= 0 || dot == head.length() - 1 || head.chars().anyMatch(Character::isWhitespace)) {
            return Optional.empty();
        }
        String method = head.substring(dot + 1);
        List<String> parts = new ArrayList<>(List.of(head.substring(0, dot).split("/", -1)));
        if (parts.size() >= 2 && HIDDEN_CLASS_SUFFIX.matcher(parts.getLast()).matches()) {
            String suffix = parts.removeLast();
            parts.set(parts.size() - 1, parts.getLast() + "/" + suffix);
        }
        String loader = null;
        String moduleAndVersion = null;
        String className;
        switch (parts.size()) {
            case 1 -> className = parts.get(0);
            case 2 -> { // module/class: without a loader name there is always a module
                if (parts.get(0).isEmpty()) {
                    return Optional.empty();
                }
                moduleAndVersion = parts.get(0);
                className = parts.get(1);
            }
            case 3 -> {
                loader = parts.get(0).isEmpty() ? null : parts.get(0);
                moduleAndVersion = parts.get(1);
                className = parts.get(2);
            }
            default -> {
                return Optional.empty();
            }
        }
        if (className.isEmpty() || className.startsWith(".") || className.endsWith(".")) {
            return Optional.empty();
        }
        String module = null;
        String version = null;
        if (moduleAndVersion != null && !moduleAndVersion.isEmpty()) {
            int at = moduleAndVersion.indexOf('@');
            module = at < 0 ? moduleAndVersion : moduleAndVersion.substring(0, at);
            version = at < 0 || at == moduleAndVersion.length() - 1 ? null : moduleAndVersion.substring(at + 1);
            if (module.isEmpty()) {
                return Optional.empty();
            }
        }
        String file;
        int line;
        switch (source) {
            case "Native Method" -> {
                file = null;
                line = -2;
            }
            case "Unknown Source", "" -> {
                file = null;
                line = -1;
            }
            default -> {
                int colon = source.lastIndexOf(':');
                String number = colon < 0 ? "" : source.substring(colon + 1);
                if (!number.isEmpty() && number.length() <= 9 && number.chars().allMatch(Character::isDigit)) {
                    file = source.substring(0, colon);
                    line = Integer.parseInt(number);
                } else {
                    file = source;
                    line = -1;
                }
            }
        }
        return Optional.of(new StackTraceElement(loader, module, version, className, method, file, line));
    }
}
