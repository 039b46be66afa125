package dev.tractor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tractor.sc.Nursery;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Contexts across several actors: shared targets, broken connections, relays, fan-out, helpers. */
class ContextTreeTest {
    @AfterEach
    void noProcessOutlivesTheTest() throws InterruptedException {
        Processes.assertNoDescendantsWithin(Duration.ofSeconds(10));
    }

    private static ActorOptions streaming() {
        return ActorOptions.enable(Streaming.class);
    }

    @Test
    void fiveOpenersOnOneTargetAndOneCancelsItTheOthersLearnWho() throws Exception {
        Tractor.openNursery(an -> {
            Portal target = an.startActor("target", streaming());
            String address = target.run(Streaming::where);
            List<Portal> waiters = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                waiters.add(an.runInActor("waiter-" + i, Streaming::openAndWait, address));
            }
            Portal canceller = an.runInActor("canceller", Streaming::openAndCancel, address, 5);
            assertEquals("cancelled it (acknowledged: true); own context ended quietly", canceller.result());
            for (Portal w : waiters) {
                assertEquals("ContextCancelled by " + canceller.uid(), w.result(), w.name());
            }
            return null;
        });
    }

    @Test
    void aConnectionKilledMidStreamEndsBothSidesWithTransportErrors(@TempDir Path dir) throws Exception {
        Path report = dir.resolve("server-report");
        String client = Tractor.openNursery(an -> {
            Portal server = an.startActor("server", ActorOptions.enable(Streaming.class, Work.class));
            String address = server.run(Streaming::where);
            Portal reader = an.startActor("reader", streaming());
            String seen = reader.run(Streaming::readUntilBroken, address, 10, report.toString());
            assertEquals(9, server.run(Work::square, 3), "the server goes on serving");
            return seen;
        });
        assertEquals("TractorException caused by TransportClosed after 10 values", client);
        assertEquals("TractorException caused by TransportClosed", Files.readString(report));
    }

    @Test
    void quadrupleStreamingDeliversAThousandInts() throws Exception {
        List<Integer> got = new ArrayList<>();
        int passed = Tractor.openNursery(an -> an.startActor("aggregator", streaming())
                .openContext(Streaming::aggregate, 500, (ctx, first) -> {
                    try (MsgStream<Integer, Void> in = ctx.openStream(Integer.class, Void.class, Overruns.ALLOW)) {
                        for (int v : in) {
                            got.add(v);
                        }
                    }
                    return ctx.<Integer>result();
                }));
        assertEquals(1000, passed);
        assertEquals(1000, got.size());
        Set<Integer> distinct = new TreeSet<>(got);
        assertEquals(1000, distinct.size());
        assertEquals(0, (int) Collections.min(got));
        assertEquals(999, (int) Collections.max(got));
    }

    @Test
    void subscribersInOneActorEachGetEveryValue() throws Exception {
        List<List<Integer>> each = Tractor.openNursery(an -> an.startActor("source", streaming())
                .openContext(Streaming::streamInts, 1000, (ctx, first) -> {
                    List<List<Integer>> lists = new ArrayList<>();
                    try (MsgStream<Integer, Void> s = ctx.openStream(Integer.class, Void.class, Overruns.ALLOW)) {
                        List<BroadcastReceiver<Integer>> subscribers = new ArrayList<>();
                        for (int i = 0; i < 4; i++) {
                            subscribers.add(s.subscribe());
                            lists.add(Collections.synchronizedList(new ArrayList<>()));
                        }
                        Nursery.open(n -> {
                            for (int i = 0; i < 4; i++) {
                                BroadcastReceiver<Integer> r = subscribers.get(i);
                                List<Integer> mine = lists.get(i);
                                n.startSoon("subscriber " + i, () -> {
                                    for (int v : r) {
                                        mine.add(v);
                                    }
                                });
                            }
                        });
                    }
                    return lists;
                }));
        List<Integer> all = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            all.add(i);
        }
        for (List<Integer> got : each) {
            assertEquals(all, got);
        }
    }

    @Test
    void aSubscriberThatStaysAwayLagsOrSkips() throws Exception {
        Tractor.openNursery(an -> an.startActor("source", streaming())
                .openContext(Streaming::streamInts, 300, (ctx, first) -> {
                    try (MsgStream<Integer, Void> s = ctx.openStream(Integer.class, Void.class, Overruns.ALLOW)) {
                        BroadcastReceiver<Integer> fast = s.subscribe();
                        BroadcastReceiver<Integer> raising = s.subscribe();
                        BroadcastReceiver<Integer> skipping = s.subscribe(Lag.SKIP);
                        assertEquals(0, raising.receive());
                        assertEquals(0, skipping.receive());
                        // Those two stay away now; after the grace the fast one reads on without them.
                        for (int i = 0; i < 300; i++) {
                            assertEquals(i, fast.receive());
                        }
                        Lagged lagged = assertThrows(Lagged.class, raising::receive);
                        assertEquals(300 - Context.BUFFER - 1, lagged.missed());
                        assertEquals(300 - Context.BUFFER, raising.receive(), "it goes on from the oldest kept");
                        assertEquals(300 - Context.BUFFER, skipping.receive(), "skipped without a word");
                    }
                    return null;
                }));
    }

    @Test
    void gatherContextsOpensThemAllAndTheClusterHelperStartsTheActors() throws Exception {
        List<Long> sums = Tractor.openActorCluster("worker", 3, streaming(), portals -> {
            assertEquals(List.of("worker-0", "worker-1", "worker-2"), portals.stream().map(Portal::name).toList());
            List<ContextCall<Void, ?>> calls = new ArrayList<>();
            for (int i = 0; i < portals.size(); i++) {
                calls.add(portals.get(i).context(Streaming::streamRange, i * 10, 10));
            }
            return Tractor.gatherContexts(calls, (contexts, firsts) -> {
                assertEquals(3, contexts.size());
                List<Long> out = new ArrayList<>();
                for (Context<Void> c : contexts) {
                    long sum = 0;
                    try (MsgStream<Integer, Void> s = c.openStream(Integer.class, Void.class)) {
                        for (int v : s) {
                            sum += v;
                        }
                    }
                    assertEquals(Long.valueOf(sum), c.result());
                    out.add(sum);
                }
                return out;
            });
        });
        assertEquals(List.of(45L, 145L, 245L), sums);
    }
}
