package dev.tractor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A message over the limit fails only the call or send that made it, with {@code FrameTooLarge} naming its
 * real size and the limit; the connection and the child stay up and the next call or value on the same
 * portal or stream goes through. Real processes: a root started with a limit of 1 MiB
 * ({@code -Dtractor.ipc.maxFrameBytes}), which its child inherits, so that no test allocates much.
 */
class OversizedMessagesTest {
    private static final int LIMIT = 1024 * 1024;
    private static final int BIG = 2 * LIMIT;
    /** A byte array of BIG bytes as a payload: a bin32 header of five bytes, then the bytes. */
    private static final String BIG_VALUE = "a value of 2,097,157 bytes is larger than the limit of 1,048,576 bytes on "
            + "a message (tractor.ipc.maxFrameBytes)";
    private static final String TOO_LARGE = "dev.tractor.ipc.FrameTooLarge";

    /** What the program printed, by what it did. */
    private static final Map<String, String> outcomes = new LinkedHashMap<>();

    @BeforeAll
    @Timeout(180)
    static void sendValuesOverTheLimit() throws Exception {
        outcomes.putAll(run(List.of("-Dtractor.ipc.maxFrameBytes=" + LIMIT), String.valueOf(BIG)));
    }

    /** Runs the program to its end and returns its {@code name: outcome} lines. */
    private static Map<String, String> run(List<String> jvmOptions, String... args) throws Exception {
        List<String> options = new ArrayList<>(jvmOptions);
        options.addAll(RunningProgram.treeProperties());
        Map<String, String> printed = new LinkedHashMap<>();
        try (RunningProgram program = RunningProgram.start("oversized messages",
                RunningProgram.javaCommand(options, OversizedMessagesProgram.class, args))) {
            assertEquals(0, program.awaitExit(Duration.ofSeconds(150)), () -> "exit status; " + program.lines());
            for (String line : program.lines()) {
                int colon = line.indexOf(": ");
                if (colon > 0) {
                    printed.putIfAbsent(line.substring(0, colon), line.substring(colon + 2));
                }
            }
            assertTrue(printed.containsKey("done"), () -> "the program did not finish: " + program.lines());
        }
        Processes.assertNoDescendantsWithin(Duration.ofSeconds(10));
        return printed;
    }

    private static String outcome(String what) {
        String outcome = outcomes.get(what);
        assertTrue(outcome != null, () -> "the program printed no '" + what + "'; it printed " + outcomes);
        return outcome;
    }

    @Test
    void anArgumentOverTheLimitFailsThatCallAtOnceAndTheNextCallWorks() {
        assertEquals("dev.tractor.ipc.FrameTooLarge: argument data of dev.tractor.Sized.length(byte[] data) cannot be "
                + "sent: " + BIG_VALUE, outcome("argument"));
        assertEquals("10", outcome("after argument"));
    }

    @Test
    void anArgumentOverTheLimitFailsARunInActorBeforeTheActorStarts() {
        assertTrue(outcome("one-shot argument").startsWith(TOO_LARGE + ": argument data of "), outcome("one-shot argument"));
        assertEquals("1", outcome("children"), "only the child started before");
        assertTrue(outcome("one-shot arguments together").startsWith(TOO_LARGE + ": the arguments of "
                + "dev.tractor.Sized.lengths(byte[] a, byte[] b) cannot be sent together: "),
                outcome("one-shot arguments together"));
        assertEquals("1", outcome("children after"), "arguments that fit one by one but not together start nothing");
    }

    @Test
    void anArgumentOverTheLimitFailsOpeningAContextOrAStream() {
        assertEquals(TOO_LARGE + ": argument data of dev.tractor.Sized.takes(Context<Integer> ctx, "
                + "byte[] data) cannot be sent: " + BIG_VALUE, outcome("context argument"));
        assertTrue(outcome("stream argument").startsWith(TOO_LARGE + ": argument data of "), outcome("stream argument"));
        assertTrue(outcome("stream argument").endsWith(BIG_VALUE), outcome("stream argument"));
        assertEquals("20", outcome("after arguments"));
    }

    @Test
    void aResultOverTheLimitFailsThatCallAsARemoteErrorAndTheActorServesOn() {
        assertEquals("RemoteActorError " + TOO_LARGE + ": the result of dev.tractor.Sized.bytes cannot be sent: "
                + BIG_VALUE, outcome("result"));
        // a result that fits as a value, but not in its Return message: the error that says so goes instead
        String atTheLimit = outcome("result at the limit");
        assertTrue(atTheLimit.startsWith("RemoteActorError " + TOO_LARGE + ": the result of dev.tractor.Sized.bytes "
                + "cannot be sent: a message of 1,048,"), atTheLimit);
        assertTrue(atTheLimit.endsWith(" bytes is larger than the limit of 1,048,576 bytes (tractor.ipc.maxFrameBytes)"),
                atTheLimit);
        // an error whose message is too large: the error that says so goes instead, naming the original's type
        String error = outcome("error");
        assertTrue(error.startsWith("RemoteActorError " + TOO_LARGE + ": the error (java.lang.IllegalStateException) of "
                + "dev.tractor.Sized.failsWith cannot be sent: a message of 2,"), error);
        assertEquals("10", outcome("after result"));
        String[] child = outcome("child at the end").split(" ");
        assertEquals(outcome("child"), child[0], "the same child process served every call");
        assertEquals("3", child[1]);
    }

    @Test
    void aStartedValueOverTheLimitFailsThatStartedOnly() {
        assertEquals("refused: " + BIG_VALUE, outcome("started"));
    }

    @Test
    void aStreamValueOverTheLimitFailsThatSendAndTheStreamGoesOn() {
        assertEquals(TOO_LARGE + ": " + BIG_VALUE, outcome("opener send"));
        assertEquals("got 100 bytes", outcome("opener next"));
        assertEquals("refused: " + BIG_VALUE, outcome("callee send"));
        assertEquals("10", outcome("callee next"));
        assertEquals("3", outcome("answered"), "the callee read every value that was sent");
        assertEquals("[refused: " + BIG_VALUE + ", after]", outcome("emitted"));
    }

    @Test
    @Timeout(180)
    void withTheDefaultLimitAnArgumentOver64MibFailsOnlyItsCall() throws Exception {
        // the size of issue 14's report: 64 MiB took the connection and the child down
        Map<String, String> printed = run(List.of(), String.valueOf(64 * 1024 * 1024), "argument-only");
        assertEquals(TOO_LARGE + ": argument data of dev.tractor.Sized.length(byte[] data) cannot be sent: a value of "
                + "67,108,869 bytes is larger than the limit of 67,108,864 bytes on a message (tractor.ipc.maxFrameBytes)",
                printed.get("argument"), printed::toString);
        assertEquals("10", printed.get("after argument"), printed::toString);
    }
}
