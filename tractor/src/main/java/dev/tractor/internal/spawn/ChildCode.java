package dev.tractor.internal.spawn;

import java.io.File;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Deque;
import java.util.ArrayDeque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Where a child JVM finds the code of its parent: how this JVM was launched, seen from the runtime's
 * classes and the caller's class loader, turned into the options a child needs to load the same classes.
 *
 * <ul>
 * <li><b>Module path</b> ({@code java -p mods -m app/main.Class}): the runtime is the named module
 *     {@code dev.tractor} of the boot layer. The child gets {@code -p <jdk.module.path>} and
 *     {@code --add-modules} with every module this JVM resolved from it (so the user's modules are resolved
 *     too, and no others: a jar on the module path that this JVM left alone cannot break the child's
 *     resolution), this JVM's class path if it has one, and runs its main class as
 *     {@code -m dev.tractor/<main class>}.</li>
 * <li><b>Class path</b> ({@code java -cp}, {@code java -jar}, a class path jar whose manifest lists the
 *     others, {@code @argfiles}): the runtime was loaded by the system class loader, and the child gets
 *     {@code -cp <java.class.path>}.</li>
 * <li><b>An application class loader</b> ({@code mvn exec:java}, where {@code java.class.path} is Maven's
 *     launcher): the runtime (or the caller's context class loader, below it) was loaded by
 *     {@link URLClassLoader}s. The child gets the {@code file:} URLs of that chain as its class path, with
 *     the system class loader's class path first (as the chain delegates to it first).</li>
 * </ul>
 * Anything else (a class loader that does not say where its classes come from, URLs that are not files,
 * a module layer of the program's own) cannot be reproduced: {@link #detect} raises {@link SpawnFailed}
 * saying what it found and what to do, before any process starts.
 *
 * @param classPath the child's class path, empty for none
 * @param modulePath the child's module path, empty for none
 * @param roots the modules the child resolves from its module path besides its main class's
 * @param module the module of the child's main class, or null to run it from the class path
 * @param how how this JVM was launched, in words, for messages
 */
record ChildCode(String classPath, String modulePath, List<String> roots, String module, String how) {

    ChildCode {
        Objects.requireNonNull(classPath, "classPath");
        Objects.requireNonNull(modulePath, "modulePath");
        roots = List.copyOf(roots);
        Objects.requireNonNull(how, "how");
    }

    /** The options that give a child this code: {@code -p ... --add-modules ...}, {@code -cp ...}. */
    List<String> options() {
        List<String> options = new ArrayList<>();
        if (!modulePath.isEmpty()) {
            options.addAll(List.of("-p", modulePath));
            if (!roots.isEmpty()) {
                options.addAll(List.of("--add-modules", String.join(",", roots)));
            }
        }
        if (!classPath.isEmpty()) {
            options.addAll(List.of("-cp", classPath));
        }
        return options;
    }

    /** How the child names its main class: the class alone, or {@code -m module/class}. */
    List<String> main(String mainClass) {
        return module == null ? List.of(mainClass) : List.of("-m", module + "/" + mainClass);
    }

    /** The class path for the start-up cache: empty (no cache) on the module path. */
    String cacheClassPath() {
        return module == null ? classPath : "";
    }

    /**
     * How a child of this JVM loads the runtime and the caller's classes. {@code context} is the context
     * class loader of the thread that spawns (the application's, under {@code exec:java}), or null.
     *
     * @throws SpawnFailed if the launch cannot be reproduced
     */
    static ChildCode detect(ClassLoader context) {
        Module runtime = ChildCode.class.getModule();
        String javaClassPath = System.getProperty("java.class.path", "");
        if (runtime.isNamed()) {
            if (runtime.getLayer() != ModuleLayer.boot()) {
                throw new SpawnFailed("cannot start a child JVM like this one: module " + runtime.getName()
                        + " is in a module layer the program made (" + runtime.getLayer() + "), which a new JVM "
                        + "cannot rebuild; put dev.tractor and the program's modules on the module path (-p) or "
                        + "the class path (-cp) of the java command");
            }
            return new ChildCode(javaClassPath, System.getProperty("jdk.module.path", ""), modulePathModules(),
                    runtime.getName(), "the module path");
        }
        ClassLoader system = ClassLoader.getSystemClassLoader();
        ClassLoader application = below(context, ChildCode.class.getClassLoader());
        if (application == system) {
            return new ChildCode(javaClassPath, "", List.of(), null, "the class path");
        }
        Deque<ClassLoader> chain = new ArrayDeque<>(); // from the top (nearest the system loader) down
        for (ClassLoader l = application; l != null && l != system && l != ClassLoader.getPlatformClassLoader();
                l = l.getParent()) {
            chain.addFirst(l);
        }
        Set<String> entries = new LinkedHashSet<>();
        if (isAncestor(system, application) && !javaClassPath.isEmpty()) {
            entries.addAll(List.of(javaClassPath.split(File.pathSeparator, -1)));
        }
        for (ClassLoader l : chain) {
            if (!(l instanceof URLClassLoader urls)) {
                throw cannotReproduce(application, (l == application ? "it" : "its parent " + describe(l))
                        + " does not say where its classes come from (it is not a URLClassLoader)");
            }
            for (URL url : urls.getURLs()) {
                entries.add(file(url, application));
            }
        }
        return new ChildCode(String.join(File.pathSeparator, entries), "", List.of(), null,
                "an application class loader (" + describe(application) + ")");
    }

    /** The modules of the boot layer that came from files (the module path), not from the JDK's image, sorted. */
    private static List<String> modulePathModules() {
        return ModuleLayer.boot().configuration().modules().stream()
                .filter(m -> m.reference().location().map(l -> "file".equals(l.getScheme())).orElse(false))
                .map(m -> m.name())
                .sorted()
                .toList();
    }

    /** {@code context} if the runtime's loader is it or one of its ancestors (it sees the runtime), else that loader. */
    private static ClassLoader below(ClassLoader context, ClassLoader runtime) {
        return context != null && isAncestor(runtime, context) ? context : runtime;
    }

    /** Whether {@code ancestor} is {@code loader} or one of its parents. */
    private static boolean isAncestor(ClassLoader ancestor, ClassLoader loader) {
        for (ClassLoader l = loader; l != null; l = l.getParent()) {
            if (l == ancestor) {
                return true;
            }
        }
        return false;
    }

    private static String file(URL url, ClassLoader application) {
        if (!"file".equals(url.getProtocol())) {
            throw cannotReproduce(application, "its class path has " + url + ", which is not a file");
        }
        try {
            return Path.of(url.toURI()).toString();
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw cannotReproduce(application, "its class path has " + url + ", which is not a file path");
        }
    }

    private static SpawnFailed cannotReproduce(ClassLoader application, String why) {
        // The source launcher (java Main.java) compiles into memory: nothing a child could load
        boolean fromSource = application.getClass().getName().startsWith("com.sun.tools.javac.launcher.");
        String which = application == ChildCode.class.getClassLoader() ? ""
                : " (the context class loader of the thread that starts the actor)";
        return new SpawnFailed("cannot start a child JVM that loads this program's classes: they come from "
                + describe(application) + which + ", and " + why + ". "
                + (fromSource ? "A program run from source (java Main.java) is compiled in memory: compile it with "
                        + "javac and run it with java -cp" : "Start the program with java -cp (or -jar, or -p and -m "
                        + "for modules) so that its classes are on the JVM's class path or module path"));
    }

    private static String describe(ClassLoader loader) {
        return loader.getClass().getName() + (loader.getName() == null ? "" : " '" + loader.getName() + "'");
    }
}
