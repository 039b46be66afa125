package dev.tractor.internal.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tractor.discovery.RegistryEntry;
import dev.tractor.ipc.Address;
import dev.tractor.sc.Nursery;
import dev.tractor.sc.Sc;
import dev.tractor.sc.Timeouts;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The registrar's table, on its own. */
class RegistryTest {
    private static RegistryEntry entry(String name, String uuid) {
        return new RegistryEntry(name, uuid, 1, List.of(Address.Tcp.loopback(1)), Optional.empty());
    }

    @Test
    void lookupsByNameChooseTheNewestAndOwnersTakeTheirEntriesAlong() {
        Registry r = new Registry();
        Object connA = new Object();
        Object connB = new Object();
        r.register(entry("twin", "1"), connA);
        r.register(entry("twin", "2"), connB);
        r.register(entry("other", "3"), connA);
        assertEquals("2", r.find("twin").orElseThrow().uuid());
        assertEquals(List.of("1", "2"), r.findAll("twin").stream().map(RegistryEntry::uuid).toList());
        r.register(entry("twin", "1"), connA); // re-registered: now the newest
        assertEquals("1", r.find("twin").orElseThrow().uuid());
        assertEquals(2, r.dropOwner(connA));
        assertEquals(List.of("2"), r.all().stream().map(RegistryEntry::uuid).toList());
        assertTrue(r.unregister("2"));
        assertFalse(r.unregister("2"));
        assertEquals(Optional.empty(), r.find("twin"));
    }

    @Test
    void awaitNameReturnsOnceTheNameIsRegisteredAndIsCancellable() throws Exception {
        Registry r = new Registry();
        Sc.run(() -> {
            assertEquals(Optional.empty(), Timeouts.moveOnAfter(Duration.ofMillis(50), () -> r.awaitName("late")));
            RegistryEntry[] got = new RegistryEntry[1];
            Nursery.open(n -> {
                n.startSoon("wait", () -> got[0] = r.awaitName("late"));
                Sc.sleep(Duration.ofMillis(50));
                r.register(entry("early", "a"), this);
                r.register(entry("late", "b"), this);
            });
            assertEquals("b", got[0].uuid());
        });
    }

    @Test
    void anEntryOfAProcessOfThisHostThatIsGoneIsDroppedAtTheNextLookup() throws Exception {
        // An actor killed with -9 may still be registered until its connection is seen to end (issue 14, item 10).
        Process ended = new ProcessBuilder("true").start();
        ended.waitFor();
        Registry r = new Registry();
        r.register(new RegistryEntry("worker", "u-dead", ended.pid(), List.of(Address.Tcp.loopback(40000)),
                Optional.empty()), "a");
        r.register(new RegistryEntry("worker", "u-live", ProcessHandle.current().pid(),
                List.of(Address.Tcp.loopback(40001)), Optional.empty()), "b");
        r.register(new RegistryEntry("remote", "u-far", ended.pid(), List.of(new Address.Tcp("192.0.2.7", 40002)),
                Optional.empty()), "c");
        assertEquals(List.of("u-live"), r.findAll("worker").stream().map(RegistryEntry::uuid).toList());
        assertEquals(List.of("u-live", "u-far"), r.all().stream().map(RegistryEntry::uuid).toList(),
                "the dead one is gone; another host's pid is not judged here");
        assertFalse(r.unregister("u-dead"), "it was dropped, not only hidden");
    }
}
