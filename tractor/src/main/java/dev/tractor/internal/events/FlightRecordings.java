package dev.tractor.internal.events;

import java.lang.System.Logger.Level;
import jdk.jfr.FlightRecorder;
import jdk.jfr.Recording;
import jdk.jfr.RecordingState;

/** What a child actor's process does with its running recordings as it ends. */
public final class FlightRecordings {
    private static final System.Logger LOG = System.getLogger("dev.tractor");

    private FlightRecordings() {
    }

    /**
     * Stops the recordings of this process that write to a file (as {@code -XX:StartFlightRecording:filename=}
     * does), which writes their files now. A child calls it as its actor ends, before it closes its parent's
     * connection: its parent gives it only a moment to exit after that before SIGKILL, too short for the
     * JVM's own dump at exit. Does nothing, and loads nothing of JFR beyond one class, if no recording ever ran.
     */
    public static void writeBeforeExit() {
        if (!FlightRecorder.isInitialized()) {
            return;
        }
        for (Recording recording : FlightRecorder.getFlightRecorder().getRecordings()) {
            if (recording.getState() == RecordingState.RUNNING && recording.getDestination() != null) {
                try {
                    recording.stop(); // writes it to its destination
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "cannot write the flight recording " + recording.getName() + " to "
                            + recording.getDestination() + ": " + e.getMessage());
                }
            }
        }
    }
}
