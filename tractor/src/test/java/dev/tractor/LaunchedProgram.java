package dev.tractor;

import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.spi.ToolProvider;

/**
 * The program of the launcher tests, built at test time as a user would build theirs (javac, jar), outside
 * the test class path: a root, a child {@code middle} and a grandchild {@code leaf} that reports what its
 * JVM was given. Its {@code main} prints {@code report <what the leaf saw>}; its arguments, if any, are
 * the root's {@link ActorOptions#withChildJvmOptions}. The middle starts the leaf with
 * {@code withChildJvmOptions("-Dlaunch.viaLeafOptions=yes")}, which reaches the leaf but not the middle.
 */
final class LaunchedProgram {
    static final String MAIN = "app.Launched";

    private static final String SOURCE = """
            package app;

            import dev.tractor.ActorOptions;
            import dev.tractor.Tractor;
            import java.util.List;
            import java.util.logging.Logger;

            public final class Launched {
                public static void main(String[] args) throws Exception {
                    ActorOptions root = ActorOptions.defaults().withChildJvmOptions(args);
                    String report = Tractor.run("launched", root, () -> Tractor.openNursery(an ->
                            an.startActor("middle", ActorOptions.enable(Launched.class)).run(Launched::middle)));
                    System.out.println("report " + report);
                }

                public static String middle() throws Exception {
                    String leaf = Tractor.openNursery(an -> an.startActor("leaf", ActorOptions.enable(Launched.class)
                            .withChildJvmOptions("-Dlaunch.viaLeafOptions=yes")).run(Launched::leaf));
                    return leaf + " middle.viaLeafOptions=" + System.getProperty("launch.viaLeafOptions");
                }

                public static String leaf() {
                    List<String> arguments = ProcessHandle.current().info().arguments().map(List::of).orElse(List.of());
                    return "pid=" + ProcessHandle.current().pid()
                            + " agent=" + System.getProperty("launch.agent")
                            + " julLevel=" + Logger.getLogger("launchtest").getLevel()
                            + " viaProperty=" + System.getProperty("launch.viaProperty")
                            + " viaOption=" + System.getProperty("launch.viaOption")
                            + " viaLeafOptions=" + System.getProperty("launch.viaLeafOptions")
                            + " jdwp=" + arguments.stream().anyMatch(a -> a.contains("jdwp"))
                            + " argFile=" + arguments.stream().anyMatch(a -> a.startsWith("@"))
                            + " named=" + arguments.stream().anyMatch(a -> a.startsWith("-Dtractor.actor=leaf@"))
                            + " module=" + Launched.class.getModule().getName();
                }
            }
            """;

    private static final String AGENT = """
            package agent;

            public final class Premain {
                public static void premain(String options) {
                    System.setProperty("launch.agent", String.valueOf(Integer.getInteger("launch.agent", 0) + 1));
                }
            }
            """;

    private LaunchedProgram() {
    }

    /** The runtime's classes as the build made them (an exploded module: they include module-info). */
    static Path runtimeClasses() {
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (Files.isRegularFile(Path.of(entry, "dev", "tractor", "Tractor.class"))) {
                return Path.of(entry);
            }
        }
        throw new AssertionError("dev.tractor's classes are not on the test class path");
    }

    /**
     * The runtime's module path, as a build tool puts it on a program's: its classes and the modules it requires
     * (JLine's jars, taken from the test class path).
     */
    static String runtimeModulePath() {
        List<String> path = new ArrayList<>(List.of(runtimeClasses().toString()));
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (Path.of(entry).getFileName().toString().startsWith("jline-")) {
                path.add(entry);
            }
        }
        return String.join(File.pathSeparator, path);
    }

    /** Compiles the program into {@code dir}, with {@code moduleInfo} (null: none) against the runtime. */
    static Path compile(Path dir, String moduleInfo) throws IOException {
        Path sources = dir.resolve("src");
        Files.createDirectories(sources.resolve("app"));
        Files.writeString(sources.resolve("app/Launched.java"), SOURCE);
        List<String> args = new ArrayList<>(List.of("-d", dir.resolve("classes").toString()));
        if (moduleInfo != null) {
            Files.writeString(sources.resolve("module-info.java"), moduleInfo);
            args.addAll(List.of("-p", runtimeModulePath(), sources.resolve("module-info.java").toString()));
        } else {
            args.addAll(List.of("-cp", runtimeClasses().toString()));
        }
        args.add(sources.resolve("app/Launched.java").toString());
        run("javac", args);
        return dir.resolve("classes");
    }

    /** Builds a {@code -javaagent} jar whose agent counts its loads in the property {@code launch.agent}. */
    static Path agentJar(Path dir) throws IOException {
        Path sources = dir.resolve("agent-src/agent");
        Files.createDirectories(sources);
        Files.writeString(sources.resolve("Premain.java"), AGENT);
        run("javac", List.of("-d", dir.resolve("agent-classes").toString(), sources.resolve("Premain.java").toString()));
        Path manifest = Files.writeString(dir.resolve("agent-manifest.txt"), "Premain-Class: agent.Premain\n");
        Path jar = dir.resolve("agent.jar");
        run("jar", List.of("--create", "--file", jar.toString(), "--manifest", manifest.toString(), "-C",
                dir.resolve("agent-classes").toString(), "."));
        return jar;
    }

    /** Runs a JDK tool ({@code javac}, {@code jar}) in this JVM; fails with its output if it fails. */
    static void run(String tool, List<String> args) {
        StringWriter output = new StringWriter();
        PrintWriter out = new PrintWriter(output, true);
        int status = ToolProvider.findFirst(tool).orElseThrow().run(out, out, args.toArray(String[]::new));
        if (status != 0) {
            throw new AssertionError(tool + " " + args + " failed with status " + status + ":\n" + output);
        }
    }

    /** The start of a command line for the program: this JVM's java and the test tree's registry and cookie. */
    static List<String> java() {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElseThrow());
        command.add("-XX:TieredStopAtLevel=1"); // starts faster; these programs do little
        command.addAll(RunningProgram.treeProperties());
        return command;
    }
}
