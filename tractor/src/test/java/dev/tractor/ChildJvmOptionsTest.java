package dev.tractor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link ActorOptions#withChildJvmOptions}: what it keeps and the property that carries it from a root. */
class ChildJvmOptionsTest {
    @Test
    void optionsAddUpAndARootCarriesThemInTheProperty() {
        ActorOptions options = ActorOptions.defaults().withChildJvmOptions("-Xmx64m")
                .withChildJvmOptions("-Dtree=1", "-ea");
        assertEquals(List.of("-Xmx64m", "-Dtree=1", "-ea"), options.childJvmOptions());
        assertEquals(List.of(), options.jvmOptions(), "an actor's own options are separate");
        assertEquals(Map.of(ActorOptions.CHILD_JVM_OPTIONS_PROPERTY, "-Xmx64m -Dtree=1 -ea"),
                options.runtimeProperties());
        assertEquals(Map.of(), ActorOptions.defaults().runtimeProperties());
    }

    @Test
    void anOptionWithWhiteSpaceIsRefusedAsThePropertyCouldNotCarryIt() {
        assertThrows(IllegalArgumentException.class,
                () -> ActorOptions.defaults().withChildJvmOptions("-Dname=two words"));
        assertThrows(IllegalArgumentException.class, () -> ActorOptions.defaults().withChildJvmOptions(""));
        assertThrows(NullPointerException.class,
                () -> ActorOptions.defaults().withChildJvmOptions((String) null));
    }
}
