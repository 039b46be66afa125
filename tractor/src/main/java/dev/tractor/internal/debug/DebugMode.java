package dev.tractor.internal.debug;

import dev.tractor.ipc.Address;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * Debug mode (ADR 0021): in it every child JVM listens for a debugger on loopback, and every actor reports
 * where, so that {@code tractor ps} can show it. The mode is the system property {@value #PROPERTY}, which
 * children inherit like every {@code tractor.*} property: {@code true} puts the tree under its own debugger
 * (pauses and post-mortems in the root's terminal), which holds every actor's listener; {@value #IDE} leaves
 * the listeners to an IDE. Off by default; when off, nothing here runs and no option is added.
 */
public final class DebugMode {
    /** The system property that turns debug mode on for this process and its descendants. */
    public static final String PROPERTY = "tractor.debug";
    /** The agent property in which the JDWP agent says where it listens, such as {@code dt_socket:41234}. */
    private static final String LISTENER = "sun.jdwp.listenerAddress";

    private DebugMode() {
    }

    /** The value of {@value #PROPERTY} for a tree whose actors listen for an IDE, not the tree's debugger. */
    public static final String IDE = "ide";

    /** Whether this process runs in debug mode, of either kind. */
    public static boolean on() {
        String mode = System.getProperty(PROPERTY, "false");
        return mode.equalsIgnoreCase("true") || mode.equalsIgnoreCase(IDE);
    }

    /** Whether this process's tree is under the tree's own debugger (debug mode, not for an IDE). */
    public static boolean treeDebugger() {
        return System.getProperty(PROPERTY, "false").equalsIgnoreCase("true");
    }

    /**
     * The JVM options that give a child its debugger listener: the JDWP agent on a free loopback port, not
     * suspending, quiet, listing virtual threads; and read access to the agent's properties, where the child
     * learns its port ({@code jdk.internal.vm}, opened to the runtime's module when it is a named one).
     */
    public static List<String> childOptions(int port) {
        String runtime = DebugMode.class.getModule().isNamed() ? DebugMode.class.getModule().getName() : "ALL-UNNAMED";
        return List.of("-agentlib:jdwp=transport=dt_socket,server=y,suspend=n,address=127.0.0.1:" + port
                + ",quiet=y,includevirtualthreads=y", "--add-exports", "java.base/jdk.internal.vm=" + runtime,
                "-D" + CARRIERS_PROPERTY + "=" + carriers());
    }

    /** The JDK's property for how many carrier threads run virtual threads. */
    private static final String CARRIERS_PROPERTY = "jdk.virtualThreadScheduler.parallelism";

    /**
     * How many carrier threads a JVM in debug mode runs virtual threads on: more than the processors, because
     * a virtual thread stopped by the debugger (at a pause, at a crash) keeps its carrier, and the actor's
     * other threads (its connections, the root's REPL) must go on.
     */
    private static int carriers() {
        return Math.max(16, Runtime.getRuntime().availableProcessors() * 2);
    }

    /**
     * In a root in debug mode, before its first virtual thread: gives this JVM the carriers of
     * {@link #carriers()}, unless its command line chose a number. Too late, and without effect, if a virtual
     * thread ran already (the JDK reads the property once).
     */
    public static void moreCarriersForTheRoot() {
        if (treeDebugger() && System.getProperty(CARRIERS_PROPERTY) == null) {
            System.setProperty(CARRIERS_PROPERTY, Integer.toString(carriers()));
        }
    }

    /**
     * A loopback port free now, for a child's agent: a fixed port, because an agent on port 0 listens on a new
     * one after each debugger detaches, and the port the actor reported would be stale. 0 if none is found.
     */
    public static int freePort() {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        } catch (IOException e) {
            return 0;
        }
    }

    /**
     * Where this process's JDWP agent accepts a debugger, if it has a socket agent and can say so: from the
     * agent's own properties (a child in debug mode), else from a fixed port in {@code commandLine}, this JVM's
     * options (a root started with {@code -agentlib:jdwp=...,address=5005}). A socket agent listens on loopback
     * here.
     */
    public static Optional<Address> listenerAddress(List<String> commandLine) {
        Optional<Integer> port = agentPort().or(() -> commandLinePort(commandLine));
        return port.map(Address.Tcp::loopback);
    }

    private static Optional<Integer> agentPort() {
        try {
            Method get = Class.forName("jdk.internal.vm.VMSupport").getMethod("getAgentProperties");
            String listener = ((Properties) get.invoke(null)).getProperty(LISTENER);
            return listener == null ? Optional.empty() : port(listener);
        } catch (ReflectiveOperationException | RuntimeException notOpened) {
            return Optional.empty(); // a root the user started without --add-exports: see its command line
        }
    }

    private static Optional<Integer> commandLinePort(List<String> commandLine) {
        for (String argument : commandLine) {
            if (argument.startsWith("-agentlib:jdwp=") || argument.startsWith("-Xrunjdwp:")) {
                for (String option : argument.substring(argument.indexOf(argument.startsWith("-X") ? ':' : '=') + 1)
                        .split(",")) {
                    if (option.startsWith("address=")) {
                        return port(option.substring("address=".length())).filter(p -> p != 0);
                    }
                }
            }
        }
        return Optional.empty();
    }

    /** The port of {@code transport:port}, {@code host:port} or {@code port}. */
    static Optional<Integer> port(String address) {
        try {
            return Optional.of(Integer.parseInt(address.substring(address.lastIndexOf(':') + 1)));
        } catch (NumberFormatException notAPort) {
            return Optional.empty();
        }
    }
}
