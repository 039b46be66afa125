package dev.tractor;

import dev.tractor.ipc.Address;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How to start an actor: which classes other actors may call in it, JVM options for its process, how long
 * it may take to start, its log level, its transport and the addresses it listens on. The same options
 * configure a root ({@link Tractor#run(String, ActorOptions, dev.tractor.sc.Computation)}), where the
 * actor's own JVM options and the start timeout do not apply (its {@link #withChildJvmOptions} do: they go to
 * the whole tree). Immutable; every {@code with...} returns a new instance; none of the methods blocks.
 *
 * <pre>{@code
 * ActorOptions.enable(Primes.class).withJvmOptions("-Xmx256m")
 * }</pre>
 */
public final class ActorOptions {
    /**
     * The system property whose options (separated by white space) every descendant of a process gets; like
     * every {@code tractor.*} property, children inherit it.
     */
    public static final String CHILD_JVM_OPTIONS_PROPERTY = "tractor.child.jvmOptions";
    /** Its value as this JVM was started, which a root's {@link #withChildJvmOptions} adds to. */
    private static final String LAUNCHED_CHILD_JVM_OPTIONS = System.getProperty(CHILD_JVM_OPTIONS_PROPERTY, "");

    /** The system property that carries the log level to an actor's process. */
    private static final String LOG_LEVEL_PROPERTY = "tractor.log.level";
    private static final java.util.Set<String> LOG_LEVELS = java.util.Set.of("ERROR", "WARNING", "WARN", "INFO",
            "DEBUG", "TRACE");

    /**
     * How long a child may take from launch to its first connection back, by default. The time a start
     * waits for its turn before the launch (an actor starts at most {@code tractor.spawn.maxConcurrentStarts}
     * children at once) does not count.
     */
    public static final Duration DEFAULT_START_TIMEOUT = Duration.ofSeconds(30);

    private final List<String> enabled;
    private final List<String> jvmOptions;
    private final List<String> childJvmOptions;
    private final Duration startTimeout;
    private final String logLevel;
    private final Transport transport;
    private final List<Address> bindAddresses;
    private final List<Address> registryAddresses;
    private final dev.tractor.ipc.Secret secret;
    private final boolean joinOnly;
    private final boolean debugMode;

    /** The fields of an instance being made: a copy of another's with one of them changed. */
    private static final class Draft {
        List<String> enabled = List.of();
        List<String> jvmOptions = List.of();
        List<String> childJvmOptions = List.of();
        Duration startTimeout = DEFAULT_START_TIMEOUT;
        String logLevel;
        Transport transport;
        List<Address> bindAddresses = List.of();
        List<Address> registryAddresses = List.of();
        dev.tractor.ipc.Secret secret;
        boolean joinOnly;
        boolean debugMode;

        Draft() {
        }

        Draft(ActorOptions o) {
            enabled = o.enabled;
            jvmOptions = o.jvmOptions;
            childJvmOptions = o.childJvmOptions;
            startTimeout = o.startTimeout;
            logLevel = o.logLevel;
            transport = o.transport;
            bindAddresses = o.bindAddresses;
            registryAddresses = o.registryAddresses;
            secret = o.secret;
            joinOnly = o.joinOnly;
            debugMode = o.debugMode;
        }
    }

    private ActorOptions(Draft d) {
        this.enabled = List.copyOf(d.enabled);
        this.jvmOptions = List.copyOf(d.jvmOptions);
        this.childJvmOptions = List.copyOf(d.childJvmOptions);
        this.startTimeout = d.startTimeout;
        this.logLevel = d.logLevel;
        this.transport = d.transport;
        this.bindAddresses = List.copyOf(d.bindAddresses);
        this.registryAddresses = List.copyOf(d.registryAddresses);
        this.secret = d.secret;
        this.joinOnly = d.joinOnly;
        this.debugMode = d.debugMode;
    }

    /** A copy of these options with {@code change} made to it. */
    private ActorOptions with(java.util.function.Consumer<Draft> change) {
        Draft d = new Draft(this);
        change.accept(d);
        return new ActorOptions(d);
    }

    /** No classes enabled, no extra JVM options, the default start timeout. */
    public static ActorOptions defaults() {
        return new ActorOptions(new Draft());
    }

    /** Defaults with {@code classes} enabled: their public static methods may be called remotely. */
    public static ActorOptions enable(Class<?>... classes) {
        return defaults().withEnabled(classes);
    }

    /** These options with {@code classes} enabled as well. */
    public ActorOptions withEnabled(Class<?>... classes) {
        List<String> names = new ArrayList<>(enabled);
        for (Class<?> c : classes) {
            names.add(c.getName());
        }
        return with(d -> d.enabled = names);
    }

    /** These options with the classes of these fully qualified names enabled as well. */
    public ActorOptions withEnabledClassNames(String... classNames) {
        List<String> names = new ArrayList<>(enabled);
        names.addAll(List.of(classNames));
        return with(d -> d.enabled = names);
    }

    /**
     * These options with the public static methods of every class of each package enabled (the package
     * itself, not its subpackages).
     */
    public ActorOptions withEnabledPackages(String... packages) {
        List<String> names = new ArrayList<>(enabled);
        for (String p : packages) {
            names.add(p + ".*");
        }
        return with(d -> d.enabled = names);
    }

    /** These options with extra options for the child's JVM (for example {@code -Xmx256m}). */
    public ActorOptions withJvmOptions(String... options) {
        List<String> all = new ArrayList<>(jvmOptions);
        all.addAll(List.of(options));
        return with(d -> d.jvmOptions = all);
    }

    /**
     * These options with extra options for the JVM of every descendant: on a root
     * ({@link Tractor#run(String, ActorOptions, dev.tractor.sc.Computation)}) every actor of the tree, on a
     * child the child and all the actors under it. They add to what a child inherits and to the system
     * property {@value #CHILD_JVM_OPTIONS_PROPERTY} (which they are carried in), and come before a child's
     * own {@link #withJvmOptions}, which therefore win. For example {@code -javaagent:agent.jar} for a whole
     * tree, or {@code -Xmx256m} for every worker. See {@code docs/guide/running.md}, "JVM options for
     * children".
     *
     * @throws IllegalArgumentException if an option is empty or contains white space (the property that
     *     carries them to the descendants separates them by white space)
     */
    public ActorOptions withChildJvmOptions(String... options) {
        List<String> all = new ArrayList<>(childJvmOptions);
        for (String option : options) {
            if (option.isBlank() || option.chars().anyMatch(Character::isWhitespace)) {
                throw new IllegalArgumentException("a JVM option for descendants must be non-empty and without "
                        + "white space: '" + option + "'");
            }
            all.add(option);
        }
        return with(d -> d.childJvmOptions = all);
    }

    /**
     * These options with another start timeout: how long the child may take from the launch of its process
     * to its connection back ({@link #DEFAULT_START_TIMEOUT} by default). A start that first waits for its
     * turn (see {@code tractor.spawn.maxConcurrentStarts} in the guide's "Running actors") gets all of it
     * once launched.
     */
    public ActorOptions withStartTimeout(Duration timeout) {
        return with(d -> d.startTimeout = Objects.requireNonNull(timeout, "timeout"));
    }

    /**
     * These options with a log level for the actor and, unless they set their own, its descendants:
     * {@code ERROR}, {@code WARNING}, {@code INFO}, {@code DEBUG} or {@code TRACE}. It applies to
     * tractor's own loggers ({@code dev.tractor} and below), not to the JDK's or other libraries'. For a root
     * ({@link Tractor#run(String, ActorOptions, dev.tractor.sc.Computation)}) it sets the system property
     * {@code tractor.log.level} of this process.
     *
     * @throws IllegalArgumentException for another name
     */
    public ActorOptions withLogLevel(String level) {
        // refuses a bad name now rather than in the child (whose logging maps these names to JUL levels)
        if (!LOG_LEVELS.contains(level.toUpperCase(java.util.Locale.ROOT))) {
            throw new IllegalArgumentException(LOG_LEVEL_PROPERTY + " must be ERROR, WARNING, INFO, DEBUG or "
                    + "TRACE, not '" + level + "'");
        }
        return with(d -> d.logLevel = level);
    }

    /**
     * These options with the transport the actor listens on, inherited by its descendants unless they set
     * their own. For a root it sets the system property {@code tractor.transport} of this process.
     */
    public ActorOptions withTransport(Transport transport) {
        return with(d -> d.transport = Objects.requireNonNull(transport));
    }

    /**
     * These options with the addresses the actor listens on, in place of its default one (a Unix socket in
     * the user's socket directory, or {@code 127.0.0.1} on a free port with {@link Transport#TCP}). Port 0
     * picks a free port; {@link Actor#addresses()} then has the real one. Its children connect back to the
     * first address. Only this actor: its children listen on their default addresses unless their own
     * options say otherwise. Address any interface other than loopback only on purpose: every connection
     * must still prove the tree's secret, but the port is then open to the network.
     *
     * <p>If an address cannot be bound (a port in use, say), a root fails in
     * {@link Tractor#run(String, ActorOptions, dev.tractor.sc.Computation)} and a child fails its spawn
     * with {@link ActorStartFailed}.
     *
     * @throws IllegalArgumentException if no address is given, or one twice
     */
    public ActorOptions withBindAddresses(Address... addresses) {
        List<Address> list = List.of(addresses); // refuses null elements
        if (list.isEmpty()) {
            throw new IllegalArgumentException("give at least one address to bind");
        }
        if (new java.util.HashSet<>(list).size() != list.size()) {
            throw new IllegalArgumentException("an address is given twice: " + list);
        }
        return with(d -> d.bindAddresses = list);
    }

    /**
     * These options with the addresses where a root looks for the registrar, and which it binds to become
     * the registrar if none answers there (the first root on a host does). Only for a root
     * ({@link Tractor#run(String, ActorOptions, dev.tractor.sc.Computation)}); its actors get the
     * registrar's real addresses from it. By default the system property {@code tractor.registry}
     * (comma-separated addresses), else TCP {@code 127.0.0.1:1616} and the Unix socket
     * {@code registry.sock} in the user's socket directory. A TCP address with port 0 makes the root the
     * registrar of its own tree only, on a free port.
     *
     * @throws IllegalArgumentException if no address is given
     */
    public ActorOptions withRegistryAddresses(Address... addresses) {
        List<Address> list = List.of(addresses);
        if (list.isEmpty()) {
            throw new IllegalArgumentException("give at least one registry address");
        }
        return with(d -> d.registryAddresses = list);
    }

    /** The addresses set with {@link #withRegistryAddresses}; empty for the default ones. */
    public List<Address> registryAddresses() {
        return registryAddresses;
    }

    /**
     * These options with the secret of the tree a root starts, in place of the user's cookie (a file in
     * the user's runtime directory, see {@code docs/guide/discovery.md}): only actors and programs holding the same secret can
     * connect. Only for a root; its actors inherit it.
     */
    public ActorOptions withSecret(dev.tractor.ipc.Secret secret) {
        return with(d -> d.secret = java.util.Objects.requireNonNull(secret, "secret"));
    }

    /**
     * These options for a root that joins a running tree and never becomes the registrar itself: if no
     * registrar answers at the registry addresses, it fails ({@code Tractor.run} raises) instead. For
     * programs that only make sense next to a running tree, such as a client of a daemon, or
     * {@code bin/tractor ps}.
     */
    public ActorOptions joiningOnly() {
        return with(d -> d.joinOnly = true);
    }

    /** Whether {@link #joiningOnly} was set. */
    public boolean isJoiningOnly() {
        return joinOnly;
    }

    /**
     * These options in debug mode, for the actor and, through the system property {@code tractor.debug} that
     * children inherit, its whole subtree (on a root: the tree; {@code -Dtractor.debug=true} does the same).
     * In debug mode the root starts the tree's debugger, an actor that watches every actor of the tree: a
     * {@link Tractor#pause()} or a crash (an exception leaving the user's code) in any of them stops its
     * thread, and the root's terminal opens a REPL on it. Every child JVM listens for the debugger on a free
     * loopback port, reported in its registry entry ({@link dev.tractor.discovery.RegistryEntry#debugAddress()})
     * and by {@code tractor ps}; {@code -Dtractor.debug=ide} leaves those listeners to an IDE instead. The root
     * is watched too if it was started with a JDWP agent of its own. See {@code docs/guide/debugging.md}. Off
     * by default; off, nothing of it is loaded. The tree's debugger watches a child only when its root is in
     * debug mode: set this on the root.
     */
    public ActorOptions withDebugMode() {
        return with(d -> d.debugMode = true);
    }

    /** Whether {@link #withDebugMode} was set (the tree may be in debug mode through its root anyway). */
    public boolean debugMode() {
        return debugMode;
    }

    /** The secret set with {@link #withSecret}, if any. */
    public java.util.Optional<dev.tractor.ipc.Secret> secret() {
        return java.util.Optional.ofNullable(secret);
    }

    /** The addresses set with {@link #withBindAddresses}; empty for the default one. */
    public List<Address> bindAddresses() {
        return bindAddresses;
    }

    /** The log level set with {@link #withLogLevel}, if any. */
    public java.util.Optional<String> logLevel() {
        return java.util.Optional.ofNullable(logLevel);
    }

    /** The transport set with {@link #withTransport}, if any. */
    public java.util.Optional<Transport> transport() {
        return java.util.Optional.ofNullable(transport);
    }

    /** The system properties that carry these options to an actor's process. */
    public java.util.Map<String, String> runtimeProperties() {
        java.util.Map<String, String> p = new java.util.LinkedHashMap<>();
        if (logLevel != null) {
            p.put(LOG_LEVEL_PROPERTY, logLevel);
        }
        if (transport != null) {
            p.put(Transport.PROPERTY, transport.propertyValue());
        }
        if (debugMode) {
            p.put("tractor.debug", "true");
        }
        if (!childJvmOptions.isEmpty()) {
            // a root's: added to the property as this JVM was started (a child's adds to its parent's)
            p.put(CHILD_JVM_OPTIONS_PROPERTY, (LAUNCHED_CHILD_JVM_OPTIONS + " " + String.join(" ", childJvmOptions))
                    .strip());
        }
        return p;
    }

    /** What may be called: class names, and packages written {@code com.example.*}. */
    public List<String> enabled() {
        return enabled;
    }

    /** Extra options for the child's JVM. */
    public List<String> jvmOptions() {
        return jvmOptions;
    }

    /** Extra options for the JVM of every descendant, set with {@link #withChildJvmOptions}. */
    public List<String> childJvmOptions() {
        return childJvmOptions;
    }

    /** How long the child may take to connect back, counted from the launch of its process. */
    public Duration startTimeout() {
        return startTimeout;
    }

    @Override
    public String toString() {
        return "ActorOptions[enabled=" + enabled + ", jvmOptions=" + jvmOptions
                + (childJvmOptions.isEmpty() ? "" : ", childJvmOptions=" + childJvmOptions) + ", startTimeout=" + startTimeout
                + (logLevel != null ? ", logLevel=" + logLevel : "") + (transport != null ? ", transport=" + transport : "")
                + (bindAddresses.isEmpty() ? "" : ", bindAddresses=" + bindAddresses)
                + (debugMode ? ", debugMode" : "") + "]";
    }
}
