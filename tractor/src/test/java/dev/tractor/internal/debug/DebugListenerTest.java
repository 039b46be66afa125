package dev.tractor.internal.debug;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** How a debugger listener's port is read, and what a child in debug mode is given. */
class DebugListenerTest {
    @Test
    void thePortIsReadFromEveryFormTheAgentOrACommandLineUses() {
        assertEquals(Optional.of(41234), DebugMode.port("dt_socket:41234")); // the agent's own property
        assertEquals(Optional.of(5005), DebugMode.port("127.0.0.1:5005"));
        assertEquals(Optional.of(5005), DebugMode.port("*:5005"));
        assertEquals(Optional.of(5005), DebugMode.port("5005"));
        assertEquals(Optional.empty(), DebugMode.port("localhost:"));
    }

    @Test
    void aChildListensOnLoopbackWithoutWaitingAndMayReadItsPort() {
        List<String> options = DebugMode.childOptions(DebugMode.freePort());
        String agent = options.getFirst();
        assertTrue(agent.startsWith("-agentlib:jdwp=") && agent.contains("server=y") && agent.contains("suspend=n")
                && agent.matches(".*address=127\\.0\\.0\\.1:[1-9]\\d*,.*") && agent.contains("includevirtualthreads=y"), agent);
        assertEquals("--add-exports", options.get(1));
        assertTrue(options.get(2).startsWith("java.base/jdk.internal.vm="), options.toString());
    }
}
