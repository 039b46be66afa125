package dev.tractor.internal.runtime;

import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.logging.ConsoleHandler;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Log lines that say which actor wrote them, at the level the tree was started with.
 *
 * <p>The runtime logs through {@code System.Logger}, which goes to {@code java.util.logging} unless the
 * application installed another backend. When the application has not configured {@code
 * java.util.logging} itself (no {@code java.util.logging.config.file} or {@code .config.class}, and the
 * root logger still has only the JDK's default console handler), each actor sets it up: one line per record
 * on stderr, {@code HH:mm:ss.SSS LEVEL [actor pid] logger: message}. The level of the system property
 * {@value #LEVEL_PROPERTY} ({@code ERROR}, {@code WARNING}, {@code INFO}, {@code DEBUG} or {@code TRACE};
 * {@code INFO} if absent) applies to tractor's own loggers ({@code dev.tractor} and below) only: the JDK's
 * and other libraries' loggers keep the root logger's level (at {@code DEBUG} the JDK would otherwise
 * print a stack trace of its own for every process it starts). Children inherit every {@code tractor.*}
 * property, so the root's level reaches the whole tree.
 *
 * <p>For other logging backends (SLF4J and Logback, say, see {@code docs/guide/running.md}), every actor's
 * process also says who it is in the system properties {@value #NAME_PROPERTY} and {@value #PID_PROPERTY},
 * which a log pattern can print ({@code %property{tractor.actor.name}} in Logback). They are the process's
 * own: children do not inherit them.
 */
public final class ActorLogging {
    /** The system property that sets the tree's log level. */
    public static final String LEVEL_PROPERTY = "tractor.log.level";
    /** The system property that holds the name of this process's actor, for log patterns. */
    public static final String NAME_PROPERTY = "tractor.actor.name";
    /** The system property that holds this process's pid, for log patterns. */
    public static final String PID_PROPERTY = "tractor.actor.pid";

    /**
     * The parent of every logger of the runtime. Held here: {@code java.util.logging} keeps loggers only
     * weakly, and a level set on one that nobody references is lost when it is collected.
     */
    private static final Logger PROJECT = Logger.getLogger("dev.tractor");

    private ActorLogging() {
    }

    /**
     * Configures logging for the actor {@code name} of this process, unless the application did; names the
     * actor and the pid in {@value #NAME_PROPERTY} and {@value #PID_PROPERTY} either way.
     */
    static void configure(String name) {
        System.setProperty(NAME_PROPERTY, name);
        System.setProperty(PID_PROPERTY, Long.toString(ProcessHandle.current().pid()));
        if (System.getProperty("java.util.logging.config.file") != null
                || System.getProperty("java.util.logging.config.class") != null) {
            return;
        }
        Level level = level(System.getProperty(LEVEL_PROPERTY, "INFO"));
        Logger root = Logger.getLogger("");
        if (!untouched(root)) {
            return; // the application set up its own handlers: leave them be
        }
        for (Handler h : root.getHandlers()) {
            root.removeHandler(h);
        }
        ConsoleHandler console = new ConsoleHandler();
        console.setLevel(Level.ALL); // each logger's own level decides what is printed
        console.setFormatter(new ActorFormatter(name, ProcessHandle.current().pid()));
        root.addHandler(console);
        PROJECT.setLevel(level); // the root logger keeps its level: other loggers are not ours to turn up
    }

    /** Whether the root logger still has the JDK's default handler, or ours from an earlier runtime. */
    private static boolean untouched(Logger root) {
        Handler[] handlers = root.getHandlers();
        return handlers.length == 0 || handlers.length == 1 && handlers[0] instanceof ConsoleHandler
                && (handlers[0].getFormatter() instanceof java.util.logging.SimpleFormatter
                        || handlers[0].getFormatter() instanceof ActorFormatter);
    }

    /** The {@code java.util.logging} level for a tractor level name. */
    public static Level level(String name) {
        return switch (name.toUpperCase(Locale.ROOT)) {
            case "ERROR" -> Level.SEVERE;
            case "WARNING", "WARN" -> Level.WARNING;
            case "INFO" -> Level.INFO;
            case "DEBUG" -> Level.FINE;
            case "TRACE" -> Level.FINEST;
            default -> throw new IllegalArgumentException(LEVEL_PROPERTY + " must be ERROR, WARNING, INFO, DEBUG or "
                    + "TRACE, not '" + name + "'");
        };
    }

    /** One line per record, naming the actor. */
    public static final class ActorFormatter extends Formatter {
        /** In a holder: java.time's formatting loads some forty classes, which an actor that never logs skips. */
        private static final class Time {
            static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("HH:mm:ss.SSS", Locale.ROOT);
        }

        private final String actor;

        public ActorFormatter(String name, long pid) {
            this.actor = "[" + name + " " + pid + "]";
        }

        @Override
        public String format(LogRecord r) {
            StringBuilder line = new StringBuilder()
                    .append(LocalTime.now().format(Time.FORMAT)).append(' ')
                    .append(tractorName(r.getLevel())).append(' ')
                    .append(actor).append(' ')
                    .append(r.getLoggerName()).append(": ")
                    .append(formatMessage(r)).append(System.lineSeparator());
            if (r.getThrown() != null) {
                java.io.StringWriter trace = new java.io.StringWriter();
                r.getThrown().printStackTrace(new java.io.PrintWriter(trace));
                line.append(trace);
            }
            return line.toString();
        }

        private static String tractorName(Level level) {
            int v = level.intValue();
            return v >= Level.SEVERE.intValue() ? "ERROR"
                    : v >= Level.WARNING.intValue() ? "WARNING"
                    : v >= Level.INFO.intValue() ? "INFO"
                    : v >= Level.FINE.intValue() ? "DEBUG" : "TRACE";
        }
    }
}
