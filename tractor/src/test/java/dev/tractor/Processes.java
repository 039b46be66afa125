package dev.tractor;

import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Checks on the processes a test started. */
public final class Processes {
    private Processes() {
    }

    /** Waits until this JVM has no descendant processes; kills and fails if some remain. */
    public static void assertNoDescendantsWithin(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<ProcessHandle> left = List.of();
        while (System.nanoTime() < deadline) {
            left = ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).toList();
            if (left.isEmpty()) {
                return;
            }
            Thread.sleep(20);
        }
        String names = left.stream().map(p -> p.pid() + " " + p.info().commandLine().orElse("?")).toList().toString();
        left.forEach(ProcessHandle::destroyForcibly);
        fail("processes outlived the test: " + names);
    }

    /** Whether the process {@code pid} is gone within {@code timeout}. */
    public static boolean exitsWithin(long pid, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<ProcessHandle> p = ProcessHandle.of(pid);
            if (p.isEmpty() || !p.get().isAlive()) {
                return true;
            }
            Thread.sleep(20);
        }
        return false;
    }
}
