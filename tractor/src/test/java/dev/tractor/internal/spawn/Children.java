package dev.tractor.internal.spawn;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The programs the spawn tests start in child JVMs, one {@code main} each. Every one that lives longer
 * than a moment starts a {@link ParentWatch} first, so that it cannot outlive a test JVM that dies.
 */
final class Children {
    /** Environment variable carrying the secret that {@link PrintIdentity} prints. */
    static final String SECRET_VARIABLE = "TRACTOR_TEST_SECRET";

    private Children() {
    }

    /** Prints its actor property and the secret from its environment, then exits 0. */
    static final class PrintIdentity {
        public static void main(String[] args) {
            System.out.println("actor=" + System.getProperty(ChildJvm.ACTOR_PROPERTY));
            System.out.println("secret=" + System.getenv(SECRET_VARIABLE));
            System.err.println("args=" + List.of(args));
        }
    }

    /** Args: a ready file. Writes its pid there, then sleeps until it is stopped. */
    static final class Sleeper {
        public static void main(String[] args) throws Exception {
            // Process.destroy() closes the child's stdin right after the SIGTERM, so a callback that exits
            // would race the signal for the exit status; the halt alone covers a test JVM that dies.
            ParentWatch.start(() -> { }, Duration.ofSeconds(2));
            TestProcesses.publish(Path.of(args[0]), Long.toString(ProcessHandle.current().pid()));
            Thread.sleep(Long.MAX_VALUE);
        }
    }

    /**
     * Args: a ready file. Like {@link Sleeper}, but its shutdown hook never ends, so SIGTERM cannot stop
     * it. The parent watch still halts it if the test JVM dies.
     */
    static final class IgnoresSigterm {
        public static void main(String[] args) throws Exception {
            ParentWatch.start(() -> System.exit(0), Duration.ofSeconds(2));
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                while (true) {
                    try {
                        Thread.sleep(Long.MAX_VALUE);
                    } catch (InterruptedException ignored) {
                        // stay stuck
                    }
                }
            }));
            TestProcesses.publish(Path.of(args[0]), Long.toString(ProcessHandle.current().pid()));
            Thread.sleep(Long.MAX_VALUE);
        }
    }

    /**
     * Args: a ready file, a mode ({@code exit} or {@code stuck}), the halt delay in milliseconds, a marker
     * file. Starts the parent watch, whose {@code onParentGone} writes the marker file and then, in
     * {@code exit} mode, exits with 3, or in {@code stuck} mode returns without exiting (a stuck child,
     * which only the halt removes). Then writes its pid to the ready file and sleeps.
     */
    static final class Watched {
        static final int EXIT_CODE = 3;

        public static void main(String[] args) throws Exception {
            Path marker = Path.of(args[3]);
            boolean exit = switch (args[1]) {
                case "exit" -> true;
                case "stuck" -> false;
                default -> throw new IllegalArgumentException("mode " + args[1]);
            };
            ParentWatch.start(() -> {
                try {
                    TestProcesses.publish(marker, "gone");
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                if (exit) {
                    System.exit(EXIT_CODE);
                }
            }, Duration.ofMillis(Long.parseLong(args[2])));
            TestProcesses.publish(Path.of(args[0]), Long.toString(ProcessHandle.current().pid()));
            Thread.sleep(Long.MAX_VALUE);
        }
    }

    /**
     * A parent in the middle of a tree. Args: {@code hold} followed by the four args of {@link Watched}:
     * starts a {@code Watched} grandchild through {@link ChildJvm} and sleeps (the test kills it). Or
     * {@code relay}: starts a {@link PrintIdentity} grandchild through the default {@code ChildJvm}, whose
     * output is this process's, waits for it and exits with its exit code.
     */
    static final class Middle {
        public static void main(String[] args) throws Exception {
            ParentWatch.start(() -> System.exit(0), Duration.ofSeconds(2));
            SpawnMethod spawn = new ChildJvm();
            switch (args[0]) {
                case "hold" -> {
                    spawn.spawn(new ChildSpec("grandchild", "g1", Watched.class.getName(),
                            List.of(args).subList(1, args.length), java.util.Map.of(), List.of()));
                    Thread.sleep(Long.MAX_VALUE);
                }
                case "relay" -> {
                    ChildProcess child = spawn.spawn(new ChildSpec("grandchild", "g2", PrintIdentity.class.getName(),
                            List.of("relayed"), java.util.Map.of(SECRET_VARIABLE, "from-the-middle"), List.of()));
                    if (!child.awaitExit(Duration.ofSeconds(20))) {
                        child.kill();
                        System.exit(99);
                    }
                    System.exit(child.exitCode());
                }
                default -> throw new IllegalArgumentException("mode " + args[0]);
            }
        }
    }
}
