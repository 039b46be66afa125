package dev.tractor.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class WorkerPoolTest {
    /** What Python's {@code concurrent.futures} example prints, in this order. */
    private static final List<String> PYTHON_OUTPUT = List.of(
            "112272535095293 is prime: True",
            "112582705942171 is prime: True",
            "112272535095293 is prime: True",
            "115280095190773 is prime: True",
            "115797848077099 is prime: True",
            "1099726899285419 is prime: False");

    @Test
    @Tag("multi-process")
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void printsWhatPythonPrintsInInputOrderAndSpreadsTheWork() throws Exception {
        ExampleProcess.Result r = ExampleProcess.run(WorkerPool.class, Duration.ofSeconds(40), "3").assertSucceeded();

        assertEquals(PYTHON_OUTPUT, r.lines().subList(0, PYTHON_OUTPUT.size()), r::toString);
        r.assertMatch("processing took \\d+\\.\\d\\d s with 3 workers, starting them included");
        r.assertLine("checked against a local computation: all 6 answers agree");

        // Every number was checked once, by one of the 3 worker processes (which gets how many is up to them).
        String perWorker = r.assertMatch("numbers checked per worker: \\{(.*)}").group(1);
        Matcher m = Pattern.compile("worker_([0-2]) \\(pid (\\d+)\\)=(\\d+)").matcher(perWorker);
        int total = 0;
        while (m.find()) {
            total += Integer.parseInt(m.group(3));
            r.assertNotRunning(Long.parseLong(m.group(2)));
        }
        assertEquals(6, total, r::toString);
        assertEquals(PYTHON_OUTPUT.size() + 3, r.lines().size(), () -> "unexpected extra output\n" + r);
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void isPrimeIsPythonsIsPrime() {
        assertEquals(List.of(false, false, true, true, false, true, false, false, true),
                List.of(-7L, 1L, 2L, 3L, 4L, 5L, 9L, 25L, 97L).stream().map(WorkerPool::isPrime).toList());
        assertTrue(WorkerPool.isPrime(112272535095293L));
        assertEquals(false, WorkerPool.isPrime(1099726899285419L));
    }
}
