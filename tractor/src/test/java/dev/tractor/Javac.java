package dev.tractor;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Compiles a class at test time, for what the build's own options exclude (a class without -parameters). */
public final class Javac {
    private Javac() {
    }

    /**
     * Compiles {@code source}, the whole text of class {@code className}, into {@code dir} against the test
     * class path with the running JDK's javac (no {@code -parameters}), and returns a class loader for it
     * whose parent is the tests' loader.
     */
    public static ClassLoader compile(Path dir, String className, String source) throws IOException, InterruptedException {
        String errors = errors(dir, className, source);
        if (!errors.isEmpty()) {
            throw new AssertionError("javac failed for " + className + ":\n" + errors);
        }
        return new URLClassLoader(new URL[] {dir.toUri().toURL()}, Javac.class.getClassLoader());
    }

    /**
     * Compiles {@code source} as {@link #compile} does and returns javac's messages if it failed, or an
     * empty string if it compiled: for a test that shows what the compiler accepts and refuses.
     */
    public static String errors(Path dir, String className, String source) throws IOException, InterruptedException {
        Path file = dir.resolve(className.replace('.', '/') + ".java");
        Files.createDirectories(file.getParent());
        Files.writeString(file, source);
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "javac").toString(),
                "-classpath", System.getProperty("java.class.path"), "-d", dir.toString(), file.toString()));
        Process javac = new ProcessBuilder(command).redirectErrorStream(true).start();
        javac.getOutputStream().close();
        String output = new String(javac.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!javac.waitFor(20, TimeUnit.SECONDS)) {
            javac.destroyForcibly();
            throw new AssertionError("javac took too long for " + className);
        }
        return javac.exitValue() == 0 ? "" : output;
    }
}
