package dev.tractor.sc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class TaskLockTest {

    @Test
    void mutualExclusion() throws Exception {
        TaskLock lock = new TaskLock();
        int[] counter = {0};
        Sc.run(() -> Nursery.open(n -> {
            for (int t = 0; t < 8; t++) {
                n.startSoon(() -> {
                    for (int i = 0; i < 200; i++) {
                        lock.acquire();
                        try {
                            int read = counter[0];
                            Sc.checkpoint();
                            counter[0] = read + 1;
                        } finally {
                            lock.release();
                        }
                    }
                });
            }
        }));
        assertEquals(1_600, counter[0]);
    }

    @Test
    void notReentrantAndOnlyTheOwnerReleases() throws Exception {
        TaskLock lock = new TaskLock();
        Sc.run(() -> {
            lock.acquire();
            assertTrue(lock.locked());
            assertThrows(IllegalStateException.class, lock::acquire);
            Nursery.open(n -> n.startSoon(() -> {
                assertFalse(lock.tryAcquire());
                assertThrows(IllegalStateException.class, lock::release);
            }));
            lock.release();
            assertFalse(lock.locked());
        });
    }

    @Test
    void acquireIsACheckpoint() throws Exception {
        TaskLock lock = new TaskLock();
        Sc.run(() -> {
            Nursery.open(n -> {
                n.start("holder", (TaskStatus<Void> status) -> {
                    lock.acquire();
                    status.started();
                    Sc.sleep(Duration.ofMillis(30));
                    lock.release();
                });
                assertFalse(Timeouts.moveOnAfter(Duration.ofMillis(5), lock::acquire));
            });
            assertFalse(lock.locked());
        });
    }
}
