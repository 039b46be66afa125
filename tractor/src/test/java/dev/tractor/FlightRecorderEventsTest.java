package dev.tractor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runtime's Flight Recorder events, read back from real recordings: {@link FlightRecordingProgram}
 * runs a root and two children, one with a grandchild, each JVM recording into a file of its own; the
 * events of each file must name the actor that recorded them, and say what happened with the right peers,
 * functions, durations and outcomes.
 */
class FlightRecorderEventsTest {
    @TempDir
    static Path dir;
    /** Every tractor event of the tree, by the file (actor) that holds it. */
    private static final Map<String, List<RecordedEvent>> recorded = new TreeMap<>();
    private static List<String> output;

    @BeforeAll
    @Timeout(180)
    static void recordATree() throws Exception {
        List<String> options = new ArrayList<>(List.of(
                "-XX:StartFlightRecording:filename=" + dir.resolve("root.jfr") + ",dumponexit=true"));
        options.addAll(RunningProgram.treeProperties());
        try (RunningProgram program = RunningProgram.start("recorded tree",
                RunningProgram.javaCommand(options, FlightRecordingProgram.class, dir.toString()))) {
            assertEquals(0, program.awaitExit(Duration.ofSeconds(150)), () -> "exit status; " + program.lines());
            output = program.lines();
        }
        Processes.assertNoDescendantsWithin(Duration.ofSeconds(10));
        for (String actor : List.of("root", "alpha", "beta", "gamma")) {
            Path file = dir.resolve(actor + ".jfr");
            assertTrue(Files.exists(file), () -> actor + " wrote no recording; output: " + output);
            recorded.put(actor, tractorEvents(file));
        }
    }

    private static List<RecordedEvent> tractorEvents(Path file) throws IOException {
        return RecordingFile.readAllEvents(file).stream()
                .filter(e -> e.getEventType().getName().startsWith("dev.tractor."))
                .toList();
    }

    @Test
    void theProgramDidWhatTheEventsDescribe() {
        assertTrue(output.containsAll(List.of("square 49", "grandchild 25", "answered 3", "overrun", "gave up",
                "done")), output::toString);
    }

    @Test
    void everyEventNamesTheActorThatRecordedIt() {
        recorded.forEach((actor, events) -> {
            assertFalse(events.isEmpty(), actor + " recorded no tractor event");
            for (RecordedEvent e : events) {
                assertEquals(actor, e.getString("actor"), () -> "in " + actor + ".jfr: " + e);
                assertFalse(e.getString("actorUuid").isEmpty(), e::toString);
            }
        });
    }

    @Test
    void spawnsAndExitsAreRecordedByTheParent() {
        for (String child : List.of("alpha", "beta")) {
            RecordedEvent spawn = one("root", "dev.tractor.ActorSpawn", e -> child.equals(e.getString("child")));
            assertEquals("started", spawn.getString("outcome"));
            assertTrue(spawn.getDuration().toNanos() > 0, "its start-up time: " + spawn);
            assertTrue(spawn.getDuration("admissionWait").toNanos() >= 0, "its wait for a turn: " + spawn);
            RecordedEvent exit = one("root", "dev.tractor.ActorExit", e -> child.equals(e.getString("child")));
            assertEquals(spawn.getLong("pid"), exit.getLong("pid"));
            assertEquals(spawn.getString("childUuid"), exit.getString("childUuid"));
            assertTrue(exit.getBoolean("expected"), "the root's nursery asked it to end: " + exit);
            assertTrue(exit.getInt("exitStatus") >= 0, exit::toString);
        }
        RecordedEvent gamma = one("alpha", "dev.tractor.ActorSpawn", e -> "gamma".equals(e.getString("child")));
        assertEquals("started", gamma.getString("outcome"));
        one("alpha", "dev.tractor.ActorExit", e -> "gamma".equals(e.getString("child")));
        assertTrue(events("beta", "dev.tractor.ActorSpawn").isEmpty(), "beta started no child");
    }

    @Test
    void callsAreRecordedAtBothEndsWithTheirDuration() {
        String fn = FlightRecordingProgram.class.getName() + ".square";
        RecordedEvent call = one("root", "dev.tractor.Call", e -> fn.equals(e.getString("function")));
        assertEquals("alpha", call.getString("peer"));
        assertEquals("returned", call.getString("outcome"));
        assertTrue(call.getDuration().toNanos() > 0, call::toString);
        RecordedEvent served = one("alpha", "dev.tractor.ServedCall", e -> fn.equals(e.getString("function")));
        assertEquals("root", served.getString("caller"));
        assertEquals(call.getString("cid"), served.getString("cid"), "the same call");
        assertEquals("returned", served.getString("outcome"));
        assertTrue(served.getDuration().toNanos() > 0, served::toString);
        // The grandchild's one-shot function: called by alpha, served by gamma.
        RecordedEvent byAlpha = one("alpha", "dev.tractor.Call", e -> fn.equals(e.getString("function")));
        assertEquals("gamma", byAlpha.getString("peer"));
        RecordedEvent inGamma = one("gamma", "dev.tractor.ServedCall", e -> fn.equals(e.getString("function")));
        assertEquals("alpha", inGamma.getString("caller"));
        assertEquals(byAlpha.getString("cid"), inGamma.getString("cid"));
    }

    @Test
    void contextsAreRecordedOnBothSides() {
        String fn = Streaming.class.getName() + ".pingPong";
        RecordedEvent opener = one("root", "dev.tractor.Context", e -> fn.equals(e.getString("function")));
        assertEquals("opener", opener.getString("side"));
        assertEquals("beta", opener.getString("peer"));
        assertEquals("returned", opener.getString("outcome"));
        assertTrue(opener.getDuration().toNanos() > 0, opener::toString);
        RecordedEvent callee = one("beta", "dev.tractor.Context", e -> fn.equals(e.getString("function")));
        assertEquals("callee", callee.getString("side"));
        assertEquals("root", callee.getString("peer"));
        assertEquals(opener.getString("cid"), callee.getString("cid"));
        assertEquals("returned", callee.getString("outcome"));
    }

    @Test
    void anOverrunIsRecordedWhereTheBufferOverran() {
        String fn = Streaming.class.getName() + ".streamIntsLater";
        RecordedEvent overrun = one("root", "dev.tractor.Overrun", e -> fn.equals(e.getString("function")));
        assertEquals("beta", overrun.getString("peer"));
        assertEquals(Context.BUFFER, overrun.getInt("buffer"));
        RecordedEvent context = one("root", "dev.tractor.Context", e -> fn.equals(e.getString("function")));
        assertEquals(overrun.getString("cid"), context.getString("cid"));
        assertEquals("error " + StreamOverrun.TYPE, context.getString("outcome"),
                "the sender failed with the overrun that this side reported: " + context);
    }

    @Test
    void aCallGivenUpOnIsCancelledAtBothEnds() {
        String fn = FlightRecordingProgram.class.getName() + ".sleep";
        RecordedEvent call = one("root", "dev.tractor.Call", e -> fn.equals(e.getString("function")));
        assertEquals("cancelled", call.getString("outcome"));
        RecordedEvent sent = one("root", "dev.tractor.Cancel", e -> "call cancel sent".equals(e.getString("what")));
        assertEquals(call.getString("cid"), sent.getString("cid"));
        assertEquals("beta", sent.getString("peer"));
        RecordedEvent received = one("beta", "dev.tractor.Cancel",
                e -> "call cancel received".equals(e.getString("what")));
        assertEquals(call.getString("cid"), received.getString("cid"));
        assertEquals("root", received.getString("cancelledBy"));
        RecordedEvent served = one("beta", "dev.tractor.ServedCall", e -> fn.equals(e.getString("function")));
        assertEquals("cancelled", served.getString("outcome"));
    }

    @Test
    void theNurserysEndCancelsEachChild() {
        for (String child : List.of("alpha", "beta")) {
            assertTrue(events("root", "dev.tractor.Cancel").stream().anyMatch(e -> "actor cancel sent".equals(
                    e.getString("what")) && child.equals(e.getString("peer"))), () -> "to " + child + ": "
                    + events("root", "dev.tractor.Cancel"));
            RecordedEvent received = one(child, "dev.tractor.Cancel",
                    e -> "actor cancel received".equals(e.getString("what")));
            assertEquals("root", received.getString("cancelledBy"));
            RecordedEvent cancelled = one(child, "dev.tractor.Cancel", e -> "actor cancelled".equals(e.getString("what")));
            assertTrue(cancelled.getString("reason").contains("requested by root"), cancelled::toString);
        }
        RecordedEvent inGamma = one("gamma", "dev.tractor.Cancel", e -> "actor cancel received".equals(e.getString("what")));
        assertEquals("alpha", inGamma.getString("cancelledBy"));
    }

    /**
     * The hooks must not load the event classes in an actor that records nothing: the first of them
     * initialises JFR (over a hundred classes), which would slow every child's start-up.
     */
    @Test
    void anActorThatRecordsNothingLoadsNoEventClass() throws Exception {
        Path log = dir.resolve("quiet-classes.log");
        int nine = Tractor.openNursery(an -> an.runInActor("quiet", ActorOptions.enable(FlightRecordingProgram.class)
                .withJvmOptions("-Xlog:class+load:file=" + log), FlightRecordingProgram::square, 3).<Integer>result());
        assertEquals(9, nine);
        List<String> loaded = Files.readAllLines(log);
        assertTrue(loaded.stream().anyMatch(l -> l.contains(" dev.tractor.internal.events.Events ")),
                "the hooks ran in the child (else this test proves nothing)");
        assertTrue(loaded.stream().noneMatch(l -> l.contains(" jdk.jfr.Event ")
                || l.contains(" dev.tractor.internal.events.ServedCallEvent ")), () -> "JFR's classes: "
                + loaded.stream().filter(l -> l.contains(" jdk.jfr.") || l.contains(" dev.tractor.internal.events.")).toList());
    }

    private static List<RecordedEvent> events(String actor, String type) {
        return recorded.get(actor).stream().filter(e -> e.getEventType().getName().equals(type)).toList();
    }

    /** The one event of {@code type} in {@code actor}'s recording that {@code matches}. */
    private static RecordedEvent one(String actor, String type, Predicate<RecordedEvent> matches) {
        List<RecordedEvent> found = events(actor, type).stream().filter(matches).toList();
        assertEquals(1, found.size(), () -> "in " + actor + ".jfr, " + type + ": " + found + "; all of "
                + actor + "'s: " + recorded.get(actor).stream().map(e -> e.getEventType().getName())
                .collect(Collectors.toList()));
        return found.getFirst();
    }
}
