package dev.tractor.sc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ExceptionGroupTest {
    private final IOException io = new IOException("disk: full");
    private final IllegalStateException state = new IllegalStateException("bad state");
    private final IllegalArgumentException arg = new IllegalArgumentException("bad arg");
    private final ExceptionGroup inner = new ExceptionGroup("inner failures", List.of(state, arg));
    private final ExceptionGroup outer = new ExceptionGroup("outer failures", List.of(io, inner));

    @Test
    void messageNamesEveryMemberAndMembersAreSuppressed() {
        assertEquals("inner failures: IllegalStateException: bad state; IllegalArgumentException: bad arg",
                inner.getMessage());
        assertEquals("outer failures", outer.headline());
        assertEquals(List.of(io, inner), List.of(outer.getSuppressed()));
    }

    @Test
    void leavesFlattenNestedGroups() {
        assertEquals(List.of(io, state, arg), outer.leaves());
    }

    @Test
    void splitKeepsTheNestingAndTheHeadline() {
        ExceptionGroup.Split split = outer.split(RuntimeException.class);
        ExceptionGroup matching = (ExceptionGroup) split.matching().orElseThrow();
        assertEquals(List.of(inner), matching.exceptions(), "the whole inner group matched: kept as is");
        assertSame(inner, matching.exceptions().getFirst());
        assertTrue(matching.headline().startsWith("outer failures"), matching.headline());
        ExceptionGroup rest = (ExceptionGroup) split.rest().orElseThrow();
        assertEquals(List.of(io), rest.exceptions());

        ExceptionGroup.Split byState = outer.split(IllegalStateException.class);
        assertEquals(List.of(state), byState.matching().orElseThrow() instanceof ExceptionGroup g
                ? g.leaves() : List.of());
        assertEquals(List.of(io, arg), ((ExceptionGroup) byState.rest().orElseThrow()).leaves());

        assertEquals(Optional.empty(), outer.split(Error.class).matching());
        assertSame(outer, outer.split(Exception.class).matching().orElseThrow());
    }

    @Test
    void findWorksOnPlainExceptionsAndGroups() {
        assertEquals(Optional.of(arg), ExceptionGroup.find(outer, IllegalArgumentException.class));
        assertEquals(Optional.of(io), ExceptionGroup.find(io, IOException.class));
        assertEquals(Optional.empty(), ExceptionGroup.find(io, IllegalStateException.class));
    }

    @Test
    void anEmptyGroupIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new ExceptionGroup("nothing", List.of()));
    }
}
