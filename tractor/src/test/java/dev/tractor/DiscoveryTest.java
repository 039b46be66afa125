package dev.tractor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tractor.discovery.RegistryEntry;
import dev.tractor.internal.runtime.ActorRuntime;
import dev.tractor.ipc.Address;
import dev.tractor.sc.Nursery;
import dev.tractor.sc.CancelScope;
import dev.tractor.sc.Sc;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.channels.ServerSocketChannel;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The registrar: registration, lookups, waiting, stale entries, refusals. */
class DiscoveryTest {
    @AfterEach
    void noProcessOutlivesTheTest() throws InterruptedException {
        Processes.assertNoDescendantsWithin(Duration.ofSeconds(10));
    }

    private static ActorOptions actors() {
        return ActorOptions.enable(Work.class, Discovering.class);
    }

    /** Polls the registry until {@code names} are exactly the registered names (order aside). */
    private static void awaitNames(List<String> names) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        List<String> now = List.of();
        while (System.nanoTime() < deadline) {
            now = Tractor.registry().stream().map(RegistryEntry::name).sorted().toList();
            if (now.equals(names.stream().sorted().toList())) {
                return;
            }
            Sc.sleep(Duration.ofMillis(20));
        }
        throw new AssertionError("the registry holds " + now + ", not " + names);
    }

    @Test
    void theRootBecomesTheRegistrarAndRegistersItself() throws Exception {
        Tractor.run("registrar", ActorOptions.defaults(), () -> {
            List<RegistryEntry> all = Tractor.registry();
            assertEquals(1, all.size(), all.toString());
            RegistryEntry me = all.getFirst();
            assertEquals("registrar", me.name());
            assertEquals(Tractor.currentActor().uid().uuid(), me.uuid());
            assertEquals(ProcessHandle.current().pid(), me.pid());
            assertEquals(Tractor.currentActor().addresses(), me.addresses());
            assertEquals(Optional.empty(), me.parent());
            assertTrue(ActorRuntime.current().discovery().isRegistrar());
            Address.Tcp registry = (Address.Tcp) ActorRuntime.current().discovery().addresses().getFirst();
            assertTrue(registry.port() != 0, "the real port of the registry address: " + registry);
            return null;
        });
    }

    @Test
    void threeSubactorsAppearAndThenDisappear() throws Exception {
        Tractor.run("root", ActorOptions.defaults(), () -> {
            String rootUuid = Tractor.currentActor().uid().uuid();
            List<String> seenByAChild = Tractor.openNursery(an -> {
                for (int i = 0; i < 3; i++) {
                    an.startActor("sub-" + i, actors());
                }
                awaitNames(List.of("root", "sub-0", "sub-1", "sub-2"));
                for (RegistryEntry e : Tractor.queryActors("sub-1")) {
                    assertEquals(Optional.of(rootUuid), e.parent(), "a child names its parent");
                }
                return Tractor.waitForActor("sub-0", p -> p.run(Discovering::names));
            });
            assertEquals(List.of("root", "sub-0", "sub-1", "sub-2"), seenByAChild.stream().sorted().toList());
            awaitNames(List.of("root"));
            return null;
        });
    }

    @Test
    void aLookupRightAfterAnActorWasKilledFindsNothing() throws Exception {
        // Before the registrar has seen the connection end, the entry is still there: a lookup must not send
        // the caller to a dead process (issue 14, item 10).
        Tractor.run("root", ActorOptions.defaults(), () -> {
            Object[] found = new Object[2];
            assertThrows(ActorDied.class, () -> Tractor.openNursery(an -> {
                Portal victim = an.startActor("victim", actors());
                awaitNames(List.of("root", "victim"));
                ProcessHandle process = ProcessHandle.of(victim.pid()).orElseThrow();
                process.destroyForcibly();
                process.onExit().join();
                new CancelScope().shield(true).call(() -> {
                    found[0] = Tractor.findActor("victim", p -> "reached");
                    found[1] = Tractor.queryActor("victim");
                    return null;
                });
                Sc.sleep(Duration.ofSeconds(30)); // the nursery fails first: the child died
                return null;
            }));
            assertEquals(Optional.empty(), found[0], "findActor finds nothing");
            assertEquals(Optional.empty(), found[1], "nor does queryActor");
            return null;
        });
    }

    @Test
    void anActorKilledWithSigkillIsDroppedFromTheRegistry() throws Exception {
        Tractor.run("root", ActorOptions.defaults(), () -> {
            ActorDied died = assertThrows(ActorDied.class, () -> Tractor.openNursery(an -> {
                Portal victim = an.startActor("victim", actors());
                awaitNames(List.of("root", "victim"));
                ProcessHandle.of(victim.pid()).orElseThrow().destroyForcibly();
                awaitNames(List.of("root"));
                Sc.sleep(Duration.ofSeconds(30)); // the nursery fails first: the child died
                return null;
            }));
            assertTrue(died.getMessage().contains("victim"), died.getMessage());
            awaitNames(List.of("root"));
            return null;
        });
    }

    @Test
    void waitForActorReturnsOnceTheActorAppearsAndIsCancellable() throws Exception {
        Tractor.run("root", ActorOptions.defaults(), () -> {
            Tractor.openNursery(an -> {
                Portal waiter = an.startActor("waiter", actors());
                long[] pid = new long[1];
                Nursery.open(n -> {
                    n.startSoon("wait", () -> pid[0] = waiter.run(Discovering::waitAndAskPid, "late"));
                    Sc.sleep(Duration.ofMillis(500));
                    Portal late = an.startActor("late", actors());
                    n.startSoon("check", () -> {
                        while (pid[0] == 0) {
                            Sc.sleep(Duration.ofMillis(10));
                        }
                        assertEquals(late.pid(), pid[0]);
                    });
                });
                long started = System.nanoTime();
                assertFalse(waiter.run(Discovering::waitBriefly, "never", 300), "nobody of that name came");
                assertTrue(System.nanoTime() - started < Duration.ofSeconds(10).toNanos());
                assertEquals(Optional.empty(), dev.tractor.sc.Timeouts.moveOnAfter(Duration.ofMillis(200),
                        () -> Tractor.waitForActor("never", p -> true)), "at the registrar itself too");
                return null;
            });
            return null;
        });
    }

    @Test
    void namesAreNotUniqueAndALookupChoosesTheNewest() throws Exception {
        Tractor.run("root", ActorOptions.defaults(), () -> Tractor.openNursery(an -> {
            Portal older = an.startActor("twin", actors());
            awaitNames(List.of("root", "twin"));
            Portal newer = an.startActor("twin", actors());
            awaitNames(List.of("root", "twin", "twin"));
            List<RegistryEntry> twins = Tractor.queryActors("twin");
            assertEquals(List.of(older.pid(), newer.pid()), twins.stream().map(RegistryEntry::pid).toList());
            assertEquals(newer.pid(), Tractor.queryActor("twin").orElseThrow().pid());
            assertEquals(Optional.of(newer.pid()), Tractor.findActor("twin", p -> p.run(Work::pid)));
            assertEquals(Optional.empty(), Tractor.findActor("nobody", p -> 1));
            assertEquals(-1L, (long) older.run(Discovering::findAndAskPid, "nobody"));
            return null;
        }));
    }

    @Test
    void aRegistryAddressTakenBySomethingElseIsRefused() throws Exception {
        try (ServerSocketChannel squatter = ServerSocketChannel.open()) {
            squatter.bind(new InetSocketAddress("127.0.0.1", 0));
            int port = ((InetSocketAddress) squatter.getLocalAddress()).getPort();
            TractorException e = assertThrows(TractorException.class, () -> Tractor.run("root",
                    ActorOptions.defaults().withRegistryAddresses(new Address.Tcp("127.0.0.1", port)), () -> 1));
            assertTrue(e.getMessage().contains("tcp://127.0.0.1:" + port + " is taken by something that is not an "
                    + "actor of this tree"), e.getMessage());
        }
        assertThrows(NoRuntime.class, Tractor::currentActor);
    }

    @Test
    void theRegistrarDropsAPeerWithoutTheSecretAndKeepsServing() throws Exception {
        Tractor.run("root", ActorOptions.defaults(), () -> Tractor.openNursery(an -> {
            Address.Tcp registry = (Address.Tcp) ActorRuntime.current().discovery().addresses().getFirst();
            try (Socket intruder = new Socket(registry.host(), registry.port())) {
                OutputStream out = intruder.getOutputStream();
                out.write(new byte[] {3, 0, 0, 0, 1, 2, 3}); // a frame (little-endian length) that is no handshake
                out.flush();
                assertEquals(-1, intruder.getInputStream().read(), "the registrar hung up");
            } catch (IOException reset) {
                // hung up harder: also fine
            }
            Portal child = an.startActor("child", actors());
            awaitNames(List.of("root", "child"));
            assertEquals(List.of("child", "root"), child.run(Discovering::names).stream().sorted().toList());
            return null;
        }));
    }
}
