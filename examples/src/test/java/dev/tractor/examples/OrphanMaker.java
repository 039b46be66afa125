package dev.tractor.examples;

import java.nio.file.Path;
import java.time.Duration;

/**
 * For {@link ExampleProcessTest}: a program that breaks the rule the examples keep. It starts a JVM that
 * carries its run's marker, as an actor would, and exits without waiting for it, leaving an orphan.
 */
public final class OrphanMaker {
    private OrphanMaker() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("sleep")) {
            Thread.sleep(Duration.ofSeconds(60));
            return;
        }
        String marker = "-D" + ExampleProcess.MARKER_PROPERTY + "=" + System.getProperty(ExampleProcess.MARKER_PROPERTY);
        Process orphan = new ProcessBuilder(ProcessHandle.current().info().command().orElseThrow(), marker,
                "-cp", System.getProperty("java.class.path"), OrphanMaker.class.getName(), "sleep")
                .redirectInput(Path.of("/dev/null").toFile())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        // Until exec has happened, the new process still shows its parent's command line.
        while (!orphan.info().commandLine().map(c -> c.contains(marker)).orElse(false)) {
            Thread.sleep(10);
        }
        System.out.println("orphan " + orphan.pid());
    }
}
