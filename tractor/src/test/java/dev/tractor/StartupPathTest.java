package dev.tractor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tractor.internal.runtime.ActorRuntime;
import java.io.IOException;
import java.io.InputStream;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassModel;
import java.lang.classfile.CodeModel;
import java.lang.classfile.MethodModel;
import java.lang.classfile.instruction.InvokeDynamicInstruction;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Keeps pattern switches out of the runtime's classes (ADR 0015): their {@code SwitchBootstraps} call
 * sites are linked in every new JVM by generating classes at run time, which a child actor pays for at
 * start-up in class generation and JIT work, and which no class cache stores.
 */
class StartupPathTest {
    private static final String SWITCH_BOOTSTRAPS = "Ljava/lang/runtime/SwitchBootstraps;";

    @Test
    void noMainClassLinksAPatternSwitch() throws IOException, URISyntaxException {
        Path classes = Path.of(ActorRuntime.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<String> offenders = new ArrayList<>();
        int scanned = 0;
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                scanned++;
                offenders.addAll(patternSwitches(ClassFile.of().parse(Files.readAllBytes(file))));
            }
        }
        assertTrue(scanned > 100, "scanned only " + scanned + " classes under " + classes);
        assertEquals(List.of(), offenders, "pattern switches in main classes; use instanceof chains (ADR 0015)");
    }

    @Test
    void theScanFindsAPatternSwitch() throws IOException {
        try (InputStream in = WithPatternSwitch.class.getResourceAsStream("StartupPathTest$WithPatternSwitch.class")) {
            List<String> found = patternSwitches(ClassFile.of().parse(in.readAllBytes()));
            assertEquals(List.of("dev.tractor.StartupPathTest$WithPatternSwitch.describe"), found);
        }
    }

    /** The methods of {@code model} with an invokedynamic bootstrapped by {@code SwitchBootstraps}. */
    private static List<String> patternSwitches(ClassModel model) {
        List<String> found = new ArrayList<>();
        for (MethodModel method : model.methods()) {
            CodeModel code = method.code().orElse(null);
            if (code == null) {
                continue;
            }
            boolean hit = code.elementStream().anyMatch(e -> e instanceof InvokeDynamicInstruction indy
                    && indy.bootstrapMethod().owner().descriptorString().equals(SWITCH_BOOTSTRAPS));
            if (hit) {
                found.add(model.thisClass().asInternalName().replace('/', '.') + "." + method.methodName().stringValue());
            }
        }
        return found;
    }

    /** What the scan must recognise. */
    static final class WithPatternSwitch {
        static String describe(Object o) {
            return switch (o) {
                case Integer i -> "int " + i;
                case String s -> "string " + s;
                default -> "other";
            };
        }
    }
}
