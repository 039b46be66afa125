package dev.tractor.spawn;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The programs the spawn tests start in child JVMs, one {@code main} each.
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
            TestProcesses.publish(Path.of(args[0]), Long.toString(ProcessHandle.current().pid()));
            Thread.sleep(Long.MAX_VALUE);
        }
    }

    /**
     * Args: a ready file. Like {@link Sleeper}, but its shutdown hook never ends, so SIGTERM cannot stop
     * it.
     */
    static final class IgnoresSigterm {
        public static void main(String[] args) throws Exception {
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
     * A parent in the middle of a tree. Args: {@code relay}: starts a {@link PrintIdentity} grandchild through the default {@code ChildJvm}, whose
     * output is this process's, waits for it and exits with its exit code.
     */
    static final class Middle {
        public static void main(String[] args) throws Exception {
            SpawnMethod spawn = new ChildJvm();
            switch (args[0]) {
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
