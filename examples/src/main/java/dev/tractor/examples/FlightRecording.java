package dev.tractor.examples;

import dev.tractor.ActorOptions;
import dev.tractor.Portal;
import dev.tractor.Tractor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;

/**
 * JDK Flight Recorder events of a tree of two actors, read back with {@code jdk.jfr.consumer}.
 *
 * <p>Every actor records its spawns, exits, calls, contexts, cancellations and overruns as
 * {@code dev.tractor.*} events, named after the actor that recorded them (see "JDK Flight Recorder" in
 * {@code docs/guide/running.md}). A recording belongs to one JVM, so each actor records into a file of its
 * own: here the root starts a recording with the {@code jdk.jfr} API, and its worker gets
 * {@code -XX:StartFlightRecording} among its JVM options. The worker writes its file as its actor ends;
 * after the nursery both files are complete, and the program prints the events of each (leaving out the
 * runtime's own calls, such as registering with the registrar).
 */
public final class FlightRecording {
    private FlightRecording() {
    }

    /** Runs in the worker. */
    public static int square(int n) {
        return n * n;
    }

    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("tractor-jfr");
        Path rootFile = dir.resolve("root.jfr");
        Path workerFile = dir.resolve("worker.jfr");
        try (Recording recording = new Recording(Configuration.getConfiguration("default"))) {
            recording.start();
            int nine = Tractor.openNursery(an -> {
                Portal worker = an.startActor("worker", ActorOptions.enable(FlightRecording.class)
                        .withJvmOptions("-XX:StartFlightRecording:filename=" + workerFile));
                return worker.run(FlightRecording::square, 3);
            });
            System.out.println("3 squared is " + nine);
            recording.stop();
            recording.dump(rootFile);
        }
        for (Path file : List.of(rootFile, workerFile)) {
            System.out.println("== " + file.getFileName());
            for (RecordedEvent e : tractorEvents(file)) {
                System.out.println("  " + describe(e));
            }
            Files.delete(file);
        }
        Files.delete(dir);
    }

    /** The file's tractor events, in the order they began, without the runtime's own calls. */
    static List<RecordedEvent> tractorEvents(Path file) throws java.io.IOException {
        return RecordingFile.readAllEvents(file).stream()
                .filter(e -> e.getEventType().getName().startsWith("dev.tractor."))
                .filter(e -> !e.hasField("function") || !e.getString("function").startsWith("self."))
                .sorted(Comparator.comparing(RecordedEvent::getStartTime))
                .toList();
    }

    /** One line for an event: its name without {@code dev.tractor.}, the actor, and its main fields. */
    static String describe(RecordedEvent e) {
        String type = e.getEventType().getName().substring("dev.tractor.".length());
        String what = switch (type) {
            case "ActorSpawn" -> "started " + e.getString("child") + ": " + e.getString("outcome")
                    + (e.getDuration().isPositive() ? ", start-up timed" : "");
            case "ActorExit" -> e.getString("child") + " exited, " + (e.getBoolean("expected") ? "as asked" : "unexpectedly");
            case "Call" -> "called " + e.getString("function") + " in " + e.getString("peer") + ": " + e.getString("outcome");
            case "ServedCall" -> "served " + e.getString("function") + " to " + e.getString("caller") + ": "
                    + e.getString("outcome");
            case "Cancel" -> e.getString("what") + (e.getString("peer") != null ? " (" + e.getString("peer") + ")" : "");
            default -> e.toString();
        };
        return String.format("%-10s %-6s %s", type, e.getString("actor"), what);
    }
}
