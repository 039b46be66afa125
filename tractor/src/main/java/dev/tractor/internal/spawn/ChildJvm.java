package dev.tractor.internal.spawn;

import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * Starts each actor in a fresh child JVM, running the same Java as this process.
 *
 * <p>The child's command line is
 * <pre>
 * java [inherited options] [spec.jvmOptions] [AOT cache options] -Dtractor.actor=name@uid -cp [this class path] mainClass [spec.args]
 * </pre>
 * where {@code java} is this process's executable and the inherited options are the ones a child must share
 * with its parent to run the same code the same way:
 * <ul>
 * <li>every system property whose key starts with {@code tractor.}, as {@code -Dkey=value} (except
 *     {@code tractor.actor}, which names each process);</li>
 * <li>{@code --enable-preview}, {@code --sun-misc-unsafe-memory-access=...} and the assertion switches
 *     ({@code -ea}, {@code -da}, {@code -esa}, {@code -dsa} and their long forms), when this JVM was started
 *     with them on its command line.</li>
 * </ul>
 * Options given through {@code JDK_JAVA_OPTIONS} or {@code JAVA_TOOL_OPTIONS} reach the child through the
 * environment instead. An {@code @argfile} on this JVM's command line is not read: the options in it are
 * not inherited.
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

    /** Options that take their value as the next argument, so that value is not mistaken for the main class. */
    private static final Set<String> OPTIONS_WITH_A_VALUE = Set.of("-cp", "-classpath", "--class-path", "-p",
            "--module-path", "--upgrade-module-path", "--add-modules", "--limit-modules", "--add-exports",
            "--add-opens", "--add-reads", "--patch-module", "--enable-native-access", "--source");
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
     *     out of processes)
     */
    @Override
    public ChildProcess spawn(ChildSpec spec) {
        Objects.requireNonNull(spec, "spec");
        List<String> options = jvmOptions(spec);
        StartupCache.Plan plan = StartupCache.plan(java, classPath(), options);
        ProcessBuilder builder = new ProcessBuilder(command(spec, options, plan))
                .redirectInput(Redirect.PIPE)
                .redirectOutput(output)
                .redirectError(output);
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
            StartupCache.recorded(process, java, classPath(), options, plan);
        }
        return new LocalChildProcess(spec.name(), process, plan.records());
    }

    /**
     * The full command line of the child for {@code spec}, executable first. For a class path of jars this
     * plans the AOT cache as a spawn would (and may claim its lock).
     */
    List<String> command(ChildSpec spec) {
        List<String> options = jvmOptions(spec);
        return command(spec, options, StartupCache.plan(java, classPath(), options));
    }

    private List<String> command(ChildSpec spec, List<String> options, StartupCache.Plan plan) {
        List<String> command = new ArrayList<>();
        command.add(java);
        command.addAll(options);
        command.addAll(plan.options());
        command.add("-D" + ACTOR_PROPERTY + "=" + spec.actor());
        command.add("-cp");
        command.add(classPath());
        command.add(spec.mainClass());
        command.addAll(spec.args());
        return command;
    }

    /** The child's JVM options but its name and the AOT cache's: inherited ones, then the spec's. */
    private static List<String> jvmOptions(ChildSpec spec) {
        List<String> options = new ArrayList<>(inheritedProperties(System.getProperties()));
        options.addAll(ThisJvm.SWITCHES);
        options.addAll(spec.jvmOptions());
        return options;
    }

    /** This JVM's own switches that children inherit: its command line does not change, so it is read once. */
    private static final class ThisJvm {
        static final List<String> SWITCHES = inheritedSwitches(ProcessHandle.current().info().arguments()
                .map(List::of).orElse(List.of()));
    }

    private static String classPath() {
        return System.getProperty("java.class.path", "");
    }

    /**
     * {@code -Dkey=value} for each {@code tractor.*} property but this process's own ({@code tractor.actor} and
     * {@code tractor.actor.*}: the actor's name and pid), sorted by key.
     */
    static List<String> inheritedProperties(Properties properties) {
        List<String> options = new ArrayList<>();
        for (String key : new TreeSet<>(properties.stringPropertyNames())) {
            if (key.startsWith("tractor.") && !key.equals(ACTOR_PROPERTY) && !key.startsWith(ACTOR_PROPERTY + ".")) {
                options.add("-D" + key + "=" + properties.getProperty(key));
            }
        }
        return options;
    }

    /**
     * The switches a child inherits, in order, from the arguments of a {@code java} command line (without the
     * executable). Only the JVM's options are looked at: they end at the main class, {@code -jar} or
     * {@code -m}, after which come the program's arguments.
     */
    static List<String> inheritedSwitches(List<String> arguments) {
        List<String> switches = new ArrayList<>();
        for (int i = 0; i < arguments.size(); i++) {
            String argument = arguments.get(i);
            if (!argument.startsWith("-") || argument.equals("-jar") || argument.equals("-m")
                    || argument.equals("--module") || argument.startsWith("--module=")) {
                break;
            }
            if (OPTIONS_WITH_A_VALUE.contains(argument)) {
                i++;
            } else if (argument.equals("--enable-preview")
                    || argument.startsWith("--sun-misc-unsafe-memory-access=")
                    || isAssertionSwitch(argument)) {
                switches.add(argument);
            }
        }
        return switches;
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
