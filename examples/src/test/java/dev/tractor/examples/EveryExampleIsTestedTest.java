package dev.tractor.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Keeps the promise of this module: every runnable example has a test that runs it. */
class EveryExampleIsTestedTest {
    /** Examples that run only together with another, and are tested by that one's test. */
    private static final Map<String, String> TESTED_WITH = Map.of("FindService", "DiscoveryDaemon");

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void everyClassWithAMainHasATestClass() throws Exception {
        Path classes = Path.of(Demo.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .resolve("dev/tractor/examples");
        List<String> examples;
        try (Stream<Path> files = Files.list(classes)) {
            examples = files.map(p -> p.getFileName().toString())
                    .filter(f -> f.endsWith(".class") && !f.contains("$") && !f.equals("package-info.class"))
                    .map(f -> f.substring(0, f.length() - ".class".length()))
                    .filter(EveryExampleIsTestedTest::hasMain)
                    .sorted()
                    .toList();
        }
        assertEquals(List.of("ChannelsExample", "Crawler", "DaemonVsOneShot", "Demo", "DiscoveryDaemon", "EchoServer", "FanOut",
                "FindService", "FlightRecording", "FlowToRemote", "ForeignBlockingExample", "ForeignLoop", "LargeValues", "LimiterExample", "ListenAddresses",
                "ManyAtOnce", "ManyStreams",
                "MockClockExample", "MultiDaemonDebugging", "NestedTree", "NurseryBasics", "PauseInAnActor", "PingPong", "RemoteGenerator",
                "SilentChild", "SingleFunction",
                "StartHandOver", "StreamingService", "TimeoutsExample", "TreeJvmOptions", "WaitForEachOther",
                "WireExample", "WorkerPool"),
                examples,
                "a new example? add it here, to package-info.java and a test that runs it");
        for (String example : examples) {
            String test = TESTED_WITH.getOrDefault(example, example) + "Test";
            assertTrue(exists("dev.tractor.examples." + test), () -> example + " has no test class (" + test + ")");
        }
    }

    private static boolean hasMain(String simpleName) {
        try {
            Method main = Class.forName("dev.tractor.examples." + simpleName).getMethod("main", String[].class);
            return Modifier.isStatic(main.getModifiers());
        } catch (ReflectiveOperationException e) {
            return false;
        }
    }

    private static boolean exists(String className) {
        try {
            Class.forName(className);
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }
}
