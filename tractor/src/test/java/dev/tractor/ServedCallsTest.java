package dev.tractor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tractor.discovery.RegistryEntry;
import dev.tractor.internal.ipc.Peer;
import dev.tractor.internal.ipc.PeerHandler;
import dev.tractor.internal.ipc.Server;
import dev.tractor.internal.msg.Msg;
import dev.tractor.internal.msg.Payload;
import dev.tractor.internal.runtime.ActorRuntime;
import dev.tractor.internal.serve.FunctionRef;
import dev.tractor.ipc.Address;
import dev.tractor.sc.CancelScope;
import dev.tractor.sc.Nursery;
import dev.tractor.sc.Sc;
import dev.tractor.sc.Timeouts;
import dev.tractor.internal.runtime.PortalImpl;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The calls and contexts that peers start in an actor: a caller that gives up always cancels its call, a
 * cancelled caller sends nothing, the end of a connection cancels what it started, and a connection's
 * bookkeeping is gone once it has ended.
 */
class ServedCallsTest {
    @AfterEach
    void noProcessOutlivesTheTest() throws InterruptedException {
        Processes.assertNoDescendantsWithin(Duration.ofSeconds(10));
    }

    private static ActorOptions served() {
        return ActorOptions.enable(Served.class, Work.class);
    }

    /** Polls (a checkpoint) until {@code condition} holds; fails with {@code what} after 15 s. */
    private static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 15 s: " + what);
            }
            Sc.sleep(Duration.ofMillis(20));
        }
    }

    /** Arguments that take a while to decode (which the callee did before it registered the call). */
    private static List<Work.Point> ballast() {
        List<Work.Point> points = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            points.add(new Work.Point(i, -i));
        }
        return points;
    }

    /** Waits until the child serves nothing but the asking call and every record call there has ended. */
    private static void awaitSettled(Portal child) {
        await("the abandoned calls end", () -> child.run(Served::othersServed) == 0 && child.run(Served::allLeft));
    }

    @Test
    void aThousandCallsAbandonedAtOnceNeverRunToCompletion() throws Exception {
        Tractor.openNursery(an -> {
            Portal child = an.startActor("target", served());
            // Each call gives up within 2 ms: some before their Start goes out, most after. The function
            // takes 3 s, time enough for every cancel_task to arrive, even on a loaded machine.
            Nursery.open(n -> {
                for (int i = 0; i < 1000; i++) {
                    long nanos = ThreadLocalRandom.current().nextLong(2_000_000);
                    n.startSoon("abandoned-" + i, () -> Timeouts.moveOnAfter(Duration.ofNanos(nanos),
                            () -> child.run(Served::record, 3000, List.of())));
                }
            });
            awaitSettled(child);
            // Once settled, nothing runs there any more. Where a call could go uncancelled, its task might
            // not have started by then: a while longer than the function takes shows what it did.
            Sc.sleep(Duration.ofMillis(3500));
            awaitSettled(child);
            assertEquals(0, child.run(Served::completed), "abandoned calls that ran to completion");
            return null;
        });
    }

    @Test
    void aCancelTaskRightBehindItsStartAlwaysCancelsTheCall() throws Exception {
        Tractor.openNursery(an -> {
            Portal child = an.startActor("target", served());
            ActorRuntime rt = ActorRuntime.current();
            Peer peer = ((PortalImpl) child).peer();
            FunctionRef record = FunctionRef.of((Fn2<Integer, List<Work.Point>, Integer>) Served::record);
            Map<String, Payload> kwargs = record.kwargs(new Object[] {3000, ballast()});
            for (int i = 0; i < 1000; i++) {
                String cid = rt.newCid();
                peer.send(new Msg.Start(cid, record.ns(), record.func(), kwargs, rt.uid(), "typing.Any"));
                peer.send(new Msg.Start(rt.newCid(), "self", "cancel_task", Map.of("cid", Payload.of(cid)), rt.uid(),
                        "typing.Any"));
            }
            awaitSettled(child);
            assertEquals(0, child.run(Served::completed), "calls that ran on although cancel_task came right after");
            return null;
        });
    }

    /** A peer that proves the secret, counts the {@code Start}s it gets and, if told to, hangs up at one. */
    private static final class Listener implements PeerHandler, AutoCloseable {
        final Server server = Server.bind(Address.Tcp.loopback(0));
        final AtomicInteger starts = new AtomicInteger();
        private final boolean hangUpAtStart;

        Listener(boolean hangUpAtStart) {
            this.hangUpAtStart = hangUpAtStart;
            server.serve(ActorRuntime.current().secret(), new Msg.Aid("listener", UUID.randomUUID().toString(),
                    ProcessHandle.current().pid(), false, false), this);
        }

        @Override
        public void received(Peer peer, Msg msg) {
            if (msg instanceof Msg.Start) {
                starts.incrementAndGet();
                if (hangUpAtStart) {
                    peer.channel().close();
                }
            }
        }

        @Override
        public void close() {
            server.close();
        }
    }

    @Test
    void aCancelledCallerSendsNoStart() throws Exception {
        Tractor.run("caller", ActorOptions.defaults(), () -> {
            ActorRuntime rt = ActorRuntime.current();
            try (Listener listener = new Listener(false)) {
                Tractor.connect(listener.server.address(), p -> {
                    CancelScope cancelled = new CancelScope();
                    cancelled.cancel();
                    cancelled.run(() -> {
                        for (int i = 0; i < 100; i++) {
                            try {
                                p.run(Work::pid);
                            } catch (dev.tractor.sc.Cancelled expected) {
                                // given up before it was sent
                            }
                        }
                        p.openContext(Served::holdContext, "never", (ctx, first) -> null);
                    });
                    assertTrue(cancelled.cancelledCaught());
                    // one Start that is sent (the listener never answers): it arrives after the others would have
                    ((PortalImpl) p).peer().send(new Msg.Start(rt.newCid(), "nowhere", "marker", Map.of(), rt.uid(), "typing.Any"));
                    return null;
                });
                await("the last call's Start", () -> listener.starts.get() > 0);
                assertEquals(1, listener.starts.get(), "Starts sent by cancelled callers, and the last one");
            }
            return null;
        });
    }

    @Test
    void aConnectionThatEndsCancelsTheCallsAndContextsItStarted() throws Exception {
        Tractor.openNursery(an -> {
            Portal target = an.startActor("target", served());
            Address address = Address.parse(target.run(Work::address));
            Tractor.connect(address, p -> {
                Nursery.open(n -> {
                    n.startSoon("call", () -> assertThrows(TractorException.class, () -> p.run(Served::hold, "call")));
                    n.startSoon("context", () -> assertThrows(TractorException.class,
                            () -> p.openContext(Served::holdContext, "context", (ctx, first) -> ctx.result())));
                    await("both run", () -> target.run(Served::stateOf, "call").equals("running")
                            && target.run(Served::stateOf, "context").equals("running"));
                    ((PortalImpl) p).peer().channel().close(); // the connection ends; no cancel_task can go over it
                });
                return null;
            });
            await("the call is cancelled", () -> !target.run(Served::stateOf, "call").equals("running"));
            await("the context is cancelled", () -> !target.run(Served::stateOf, "context").equals("running"));
            assertEquals("cancelled", target.run(Served::stateOf, "call"));
            assertEquals("cancelled", target.run(Served::stateOf, "context"));
            await("nothing is served there any more", () -> target.run(Served::othersServed) == 0);
            return null;
        });
    }

    @Test
    void theCallsOfAKilledCallerAreCancelled() throws Exception {
        Tractor.openNursery(an -> {
            Portal target = an.startActor("target", served());
            String address = target.run(Work::address);
            // ActorDied, and the end of the connection that the result was to come over (one or both)
            Exception died = assertThrows(Exception.class, () -> Tractor.openNursery(inner -> {
                Portal caller = inner.runInActor("caller", Served::holdThere, address, "of the killed");
                await("the call runs", () -> target.run(Served::stateOf, "of the killed").equals("running"));
                ProcessHandle.of(caller.pid()).orElseThrow().destroyForcibly();
                Sc.sleep(Duration.ofSeconds(30)); // the nursery fails first: the caller died
                return null;
            }));
            assertTrue(died.getMessage().contains("caller"), died.toString());
            await("the call is cancelled", () -> !target.run(Served::stateOf, "of the killed").equals("running"));
            assertEquals("cancelled", target.run(Served::stateOf, "of the killed"));
            return null;
        });
    }

    @Test
    void aRegistrationServedAfterItsConnectionEndedLeavesNoEntry() throws Exception {
        Tractor.run("registrar", ActorOptions.defaults(), () -> {
            ActorRuntime rt = ActorRuntime.current();
            Address self = rt.actor().address();
            List<String> names = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                String name = "ghost-" + i;
                names.add(name);
                Map<String, Payload> entry = new LinkedHashMap<>();
                entry.put("name", Payload.of(name));
                entry.put("uuid", Payload.of(UUID.randomUUID().toString()));
                entry.put("pid", Payload.of(1L));
                entry.put("addrs", Payload.of(List.of("tcp://127.0.0.1:9")));
                entry.put("parent", Payload.of(null));
                Peer ghost = rt.connect(self);
                ghost.send(new Msg.Start(rt.newCid(), "self", "register_actor", entry, rt.uid(), "typing.Any"));
                rt.disconnect(ghost); // gone before the registration is served, mostly
            }
            await("the registrations are served", () -> rt.servedCount() == 0);
            Sc.sleep(Duration.ofMillis(500)); // a registration served late would show by now
            List<String> ghosts = Tractor.registry().stream().map(RegistryEntry::name).filter(names::contains).toList();
            assertEquals(List.of(), ghosts, "entries of connections that have ended");
            return null;
        });
    }

    @Test
    void aWaitForActorOfAConnectionThatEndsIsCancelled() throws Exception {
        Tractor.run("registrar", ActorOptions.defaults(), () -> {
            ActorRuntime rt = ActorRuntime.current();
            Peer waiter = rt.connect(rt.actor().address());
            waiter.send(new Msg.Start(rt.newCid(), "self", "wait_for_actor", Map.of("name", Payload.of("nobody")),
                    rt.uid(), "typing.Any"));
            await("the registrar serves the wait", () -> rt.servedCount() == 1);
            rt.disconnect(waiter);
            await("the wait is cancelled", () -> rt.servedCount() == 0);
            return null;
        });
    }

    @Test
    void nothingOfAConnectionIsKeptOnceItHasEndedAndBeenClosed() throws Exception {
        Tractor.run("caller", ActorOptions.defaults(), () -> {
            ActorRuntime rt = ActorRuntime.current();
            try (Listener listener = new Listener(true)) {
                for (int i = 0; i < 50; i++) {
                    Tractor.connect(listener.server.address(), p -> {
                        TractorException e = assertThrows(TractorException.class, () -> p.run(Work::pid));
                        assertTrue(e.getMessage().contains("ended during the call"), e.getMessage());
                        assertFalse(p.cancelActor(), "the connection has ended");
                        return null;
                    });
                }
            }
            assertEquals(0, rt.connectionsExpectedToEnd(), "connections remembered after their end and close");
            return null;
        });
    }
}
