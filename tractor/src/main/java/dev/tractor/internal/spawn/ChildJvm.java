package dev.tractor.internal.spawn;

import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * Starts each actor in a fresh child JVM, running the same Java and the same code as this process.
 *
 * <p>The child's command line is
 * <pre>
 * java [inherited options] -Dtractor.actor=name@uid [tractor.child.jvmOptions] [spec.jvmOptions] [AOT cache options] [code] [main] [spec.args]
 * </pre>
 * where {@code java} is this process's executable, {@code [code]} and {@code [main]} are
 * {@link ChildCode}'s ({@code -cp ...} and the main class, or {@code -p ... --add-modules <this JVM's modules
 * from its module path>} and {@code -m dev.tractor/...}; in an {@code @argfile} when longer than {@link ArgFiles#LIMIT}), and the
 * inherited options are the ones that describe the program rather than this one process (ADR 0020):
 * <ul>
 * <li>every system property whose key starts with {@code tractor.} (except {@code tractor.actor}, which
 *     names each process), and the logging configuration properties ({@link #LOGGING_PROPERTIES}), as
 *     {@code -Dkey=value};</li>
 * <li>from this JVM's command line (its argument files expanded): agents but JDWP, {@code --add-modules},
 *     {@code --add-opens},
 *     {@code --add-exports}, {@code --add-reads}, {@code --enable-native-access}, {@code --enable-preview},
 *     {@code --sun-misc-unsafe-memory-access=...}, the assertion switches, {@code -XX:FlightRecorderOptions}
 *     and {@code -XX:StartFlightRecording} (to a file of the child's own, {@link JfrRecording}). In a
 *     child, only the options before its {@code -Dtractor.actor}: the ones after were given to it
 *     alone.</li>
 * </ul>
 * Heap sizes, the GC and other {@code -XX} flags are not inherited; the tree's options
 * ({@value #CHILD_OPTIONS_PROPERTY}, separated by white space) and the spec's come after the inherited
 * ones, so they win. Options given through {@code JDK_JAVA_OPTIONS} or {@code JAVA_TOOL_OPTIONS} reach the
 * child through the environment instead.
 *
 * <p>The AOT cache options, only for a class path of jar files, are {@link StartupCache}'s: a JDK 25 AOT
 * cache that the first child records and the parent creates in the background, used by later children;
 * {@code -Dtractor.spawn.aot=off} turns it off (see the package documentation).
 *
 * <p>The child's environment is this process's environment plus {@link ChildSpec#env()}: secrets go
 * there, never on the command line, which other users can read. Its standard output and error are this
 * process's (they show in the parent's terminal). Its standard input is a pipe that the parent keeps open
 * and never writes to, for as long as the child runs: when the parent dies, however it dies (even by
 * SIGKILL), the kernel closes the pipe and the child's {@link ParentWatch} sees end of file.
 *
 * <p>Instances are immutable and safe to use from several threads.
 */
public final class ChildJvm implements SpawnMethod {
    /** The system property that names an actor's process: {@code name@uid}. */
    public static final String ACTOR_PROPERTY = "tractor.actor";

    /**
     * The system property whose value, options separated by white space, every child of this JVM gets (after
     * the ones it inherits, before its own); like every {@code tractor.*} property, children inherit it.
     */
    public static final String CHILD_OPTIONS_PROPERTY = "tractor.child.jvmOptions";

    /** Options that take their value as the next argument, so that value is not mistaken for the main class. */
    private static final Set<String> OPTIONS_WITH_A_VALUE = Set.of("-cp", "-classpath", "--class-path", "-p",
            "--module-path", "--upgrade-module-path", "--limit-modules", "--patch-module", "--source");
    /**
     * Options about which modules there are and what they may access, inherited with their value (the next
     * argument or after '='): a child runs the same program.
     */
    private static final Set<String> ACCESS_OPTIONS = Set.of("--add-modules", "--add-opens", "--add-exports",
            "--add-reads", "--enable-native-access");
    /** The logging libraries' configuration properties, inherited so that a tree logs as its root does. */
    static final List<String> LOGGING_PROPERTIES = List.of("java.util.logging.config.file",
            "java.util.logging.config.class", "logback.configurationFile", "log4j2.configurationFile",
            "log4j.configurationFile");
    private static final Set<String> ASSERTION_SWITCHES = Set.of("-ea", "-da", "-esa", "-dsa",
            "-enableassertions", "-disableassertions", "-enablesystemassertions", "-disablesystemassertions");

    private final String java;
    private final Redirect output;

    /** A spawn method for child JVMs that run this process's Java, with the output shown in its terminal. */
    public ChildJvm() {
        this(thisJava(), Redirect.INHERIT);
    }

    /**
     * For tests: children run {@code java} (which may not exist) and send their standard output and error to
     * {@code output} instead of this process's.
     */
    ChildJvm(String java, Redirect output) {
        this.java = Objects.requireNonNull(java, "java");
        this.output = Objects.requireNonNull(output, "output");
    }

    /**
     * Starts the child JVM that {@code spec} describes. Returns once the process exists; the JVM in it is
     * still starting. Blocks for as long as the operating system takes to start a process; not a checkpoint.
     *
     * @throws SpawnFailed if the process cannot be started (the Java executable is missing, the system is
     *     out of processes), or this JVM's launch cannot be reproduced (see {@link ChildCode}), in which case
     *     no process was started
     */
    @Override
    public ChildProcess spawn(ChildSpec spec) {
        Objects.requireNonNull(spec, "spec");
        ChildCode code = ChildCode.detect(Thread.currentThread().getContextClassLoader());
        Options options = jvmOptions(spec);
        StartupCache.Plan plan = StartupCache.plan(java, code.cacheClassPath(), options.all());
        ProcessBuilder builder;
        try {
            builder = new ProcessBuilder(command(spec, code, options, plan));
        } catch (RuntimeException e) { // the argument file could not be written
            StartupCache.abandon(plan);
            throw new SpawnFailed("could not start actor " + spec.actor() + ": " + e.getMessage(), e);
        }
        builder.redirectInput(Redirect.PIPE).redirectOutput(output).redirectError(output);
        builder.environment().putAll(spec.env());
        Process process;
        try {
            process = builder.start();
        } catch (IOException | RuntimeException e) {
            StartupCache.abandon(plan);
            throw new SpawnFailed("could not start actor " + spec.actor() + " (main class " + spec.mainClass()
                    + ") with " + java + ": " + e.getMessage(), e);
        }
        if (plan.records()) {
            StartupCache.recorded(process, java, code.cacheClassPath(), options.all(), plan);
        }
        return new LocalChildProcess(spec.name(), process, plan.records());
    }

    /**
     * The full command line of the child for {@code spec}, executable first. For a class path of jars this
     * plans the AOT cache as a spawn would (and may claim its lock).
     *
     * @throws SpawnFailed if this JVM's launch cannot be reproduced
     */
    List<String> command(ChildSpec spec) {
        ChildCode code = ChildCode.detect(Thread.currentThread().getContextClassLoader());
        Options options = jvmOptions(spec);
        return command(spec, code, options, StartupCache.plan(java, code.cacheClassPath(), options.all()));
    }

    /**
     * {@code java}, the inherited options, the actor's name, the options for this child, the AOT cache's,
     * where its code is (through an argument file if that is long), its main class and arguments. The name
     * ends the inherited options: a child reads the switches its own children inherit from before it.
     */
    private List<String> command(ChildSpec spec, ChildCode code, Options options, StartupCache.Plan plan) {
        List<String> command = new ArrayList<>();
        command.add(java);
        command.addAll(options.inherited());
        command.add("-D" + ACTOR_PROPERTY + "=" + spec.actor());
        command.addAll(options.own());
        command.addAll(plan.options());
        List<String> codeOptions = code.options();
        command.addAll(ArgFiles.tooLong(codeOptions) ? List.of("@" + ArgFiles.of(codeOptions)) : codeOptions);
        command.addAll(code.main(spec.mainClass()));
        command.addAll(spec.args());
        return command;
    }

    /**
     * A child's JVM options but its name, its code's and the AOT cache's.
     *
     * @param inherited what it inherits from this JVM: properties, then switches
     * @param own the tree's options ({@value #CHILD_OPTIONS_PROPERTY}), then the spec's, so that those win
     */
    private record Options(List<String> inherited, List<String> own) {
        List<String> all() {
            List<String> all = new ArrayList<>(inherited);
            all.addAll(own);
            return all;
        }
    }

    private static Options jvmOptions(ChildSpec spec) {
        List<String> inherited = new ArrayList<>(inheritedProperties(System.getProperties()));
        for (String option : ThisJvm.SWITCHES) {
            inherited.add(JfrRecording.forChild(option, spec.name()));
        }
        List<String> own = new ArrayList<>(childOptions(System.getProperty(CHILD_OPTIONS_PROPERTY, "")));
        own.addAll(spec.jvmOptions());
        return new Options(inherited, own);
    }

    /** The options in a value of {@value #CHILD_OPTIONS_PROPERTY}: separated by white space. */
    static List<String> childOptions(String value) {
        String trimmed = value.strip();
        return trimmed.isEmpty() ? List.of() : List.of(trimmed.split("\\s+"));
    }

    /**
     * This JVM's command line without the executable, argument files expanded, read whole (see
     * {@code ThisJvm}): for whatever needs this JVM's own options, such as where its debugger agent listens.
     */
    public static List<String> thisCommandLine() {
        return ThisJvm.COMMAND_LINE;
    }

    /** This JVM's command line and the switches children inherit: it does not change, so it is read once. */
    private static final class ThisJvm {
        static final List<String> COMMAND_LINE = List.copyOf(ArgFiles.expand(arguments()));
        static final List<String> SWITCHES = inheritedSwitches(COMMAND_LINE);

        /**
         * This JVM's command line without the executable. On Linux it is read whole from /proc: the JDK's
         * {@code ProcessHandle.Info.arguments()} gives nothing for a command line longer than 4 KiB (a long
         * class path), which would lose every option a child inherits.
         */
        private static List<String> arguments() {
            try {
                String cmdline = Files.readString(Path.of("/proc/self/cmdline"), StandardCharsets.UTF_8);
                List<String> arguments = List.of(cmdline.split("\0", -1));
                // NUL ends every argument, the last one too: the split's last element is that empty tail
                return arguments.size() < 2 ? List.of() : arguments.subList(1, arguments.size() - 1);
            } catch (IOException | RuntimeException notLinux) {
                return ProcessHandle.current().info().arguments().map(List::of).orElse(List.of());
            }
        }
    }

    /**
     * {@code -Dkey=value} for each {@code tractor.*} property but this process's own ({@code tractor.actor} and
     * {@code tractor.actor.*}: the actor's name and pid), sorted by key, then for each logging configuration
     * property ({@link #LOGGING_PROPERTIES}) this JVM has.
     */
    static List<String> inheritedProperties(Properties properties) {
        List<String> options = new ArrayList<>();
        for (String key : new TreeSet<>(properties.stringPropertyNames())) {
            if (key.startsWith("tractor.") && !key.equals(ACTOR_PROPERTY) && !key.startsWith(ACTOR_PROPERTY + ".")) {
                options.add("-D" + key + "=" + properties.getProperty(key));
            }
        }
        for (String key : LOGGING_PROPERTIES) {
            String value = properties.getProperty(key);
            if (value != null) {
                options.add("-D" + key + "=" + value);
            }
        }
        return options;
    }

    /**
     * The switches a child inherits, in order, from the arguments of a {@code java} command line (without the
     * executable, argument files expanded). Only the JVM's options are looked at: they end at the main class,
     * {@code -jar} or {@code -m}, after which come the program's arguments, or, in a child, at its
     * {@code -Dtractor.actor}, after which come the options given to it alone. Options of the
     * {@code --add-opens} family are given in their {@code --option=value} form.
     */
    static List<String> inheritedSwitches(List<String> arguments) {
        List<String> switches = new ArrayList<>();
        for (int i = 0; i < arguments.size(); i++) {
            String argument = arguments.get(i);
            if (!argument.startsWith("-") || argument.equals("-jar") || argument.equals("-m")
                    || argument.equals("--module") || argument.startsWith("--module=")
                    || argument.startsWith("-D" + ACTOR_PROPERTY + "=")) {
                break;
            }
            String name = argument.contains("=") ? argument.substring(0, argument.indexOf('=')) : argument;
            if (ACCESS_OPTIONS.contains(name)) {
                if (!argument.equals(name)) {
                    switches.add(argument);
                } else if (i + 1 < arguments.size()) {
                    switches.add(name + "=" + arguments.get(++i));
                }
            } else if (OPTIONS_WITH_A_VALUE.contains(argument)) {
                i++;
            } else if (argument.equals("--enable-preview")
                    || argument.startsWith("--sun-misc-unsafe-memory-access=")
                    || isAssertionSwitch(argument)
                    || isAgent(argument)
                    || argument.startsWith("-XX:StartFlightRecording")
                    || argument.startsWith("-XX:FlightRecorderOptions")) {
                switches.add(argument);
            }
        }
        return switches;
    }

    /**
     * Whether {@code argument} loads an agent that a child loads too: any {@code -javaagent},
     * {@code -agentpath} or {@code -agentlib} but the debugger's (JDWP), whose address a child would find
     * taken.
     */
    private static boolean isAgent(String argument) {
        boolean agent = argument.startsWith("-javaagent:") || argument.startsWith("-agentpath:")
                || argument.startsWith("-agentlib:");
        return agent && !argument.startsWith("-agentlib:jdwp") && !argument.matches("-agentpath:.*jdwp[^/]*");
    }

    private static boolean isAssertionSwitch(String argument) {
        int colon = argument.indexOf(':');
        return ASSERTION_SWITCHES.contains(colon < 0 ? argument : argument.substring(0, colon));
    }

    /** The executable of this process, or {@code java.home/bin/java} when the system does not say. */
    static String thisJava() {
        return ProcessHandle.current().info().command()
                .orElseGet(() -> Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    @Override
    public String toString() {
        return "ChildJvm[" + java + (output == Redirect.INHERIT ? "" : ", output to " + output) + "]";
    }
}
