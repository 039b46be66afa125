package dev.tractor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tractor.msg.PayloadMismatch;
import dev.tractor.sc.EndOfChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Contexts between real actors: started, two-way streams, results, errors, cancellation, overruns. */
class ContextTest {
    @AfterEach
    void noProcessOutlivesTheTest() throws InterruptedException {
        Processes.assertNoDescendantsWithin(Duration.ofSeconds(10));
    }

    private static ActorOptions streaming() {
        return ActorOptions.enable(Streaming.class);
    }

    @Test
    void tenPingPongsAfterStartedEleven() throws Exception {
        List<Integer> replies = new ArrayList<>();
        int[] answered = new int[1];
        int first = Tractor.openNursery(an -> {
            Portal p = an.startActor("ponger", streaming());
            return p.openContext(Streaming::pingPong, 11, (ctx, started) -> {
                try (MsgStream<Integer, Integer> stream = ctx.openStream(Integer.class, Integer.class)) {
                    int n = started;
                    for (int i = 0; i < 10; i++) {
                        stream.send(n);
                        n = stream.receive();
                        replies.add(n);
                    }
                }
                answered[0] = ctx.result();
                return started;
            });
        });
        assertEquals(11, first);
        assertEquals(List.of(12, 13, 14, 15, 16, 17, 18, 19, 20, 21), replies);
        assertEquals(10, answered[0], "the remote function's result, after the opener closed its stream");
    }

    @Test
    void startedIsCalledOnceByTheRemoteSideAndBeforeItsStream() throws Exception {
        Tractor.openNursery(an -> {
            Portal p = an.startActor("misuse", streaming());
            RemoteActorError twice = assertThrows(RemoteActorError.class,
                    () -> p.openContext(Streaming::startedTwice, (ctx, first) -> ctx.result()));
            assertTrue(twice.isRemote(IllegalStateException.class), twice.toString());
            assertTrue(twice.remoteMessage().contains("started was already called"), twice.remoteMessage());

            RemoteActorError early = assertThrows(RemoteActorError.class,
                    () -> p.openContext(Streaming::streamBeforeStarted, (ctx, first) -> null));
            assertTrue(early.remoteMessage().contains("call started(...) before opening the stream"),
                    early.remoteMessage());

            TractorException never = assertThrows(TractorException.class,
                    () -> p.openContext(Streaming::neverStarts, (ctx, first) -> null));
            assertTrue(never.getMessage().contains("returned without calling started"), never.getMessage());

            IllegalStateException opener = assertThrows(IllegalStateException.class,
                    () -> p.openContext(Streaming::pingPong, 1, (ctx, first) -> {
                        ctx.started(2);
                        return null;
                    }));
            assertTrue(opener.getMessage().contains("not by its opener"), opener.getMessage());

            assertEquals(Integer.valueOf(0), p.openContext(Streaming::pingPong, 5, (ctx, first) -> {
                ctx.openStream(Integer.class, Integer.class);
                IllegalStateException again = assertThrows(IllegalStateException.class,
                        () -> ctx.openStream(Integer.class, Integer.class));
                assertTrue(again.getMessage().contains("one stream per context"), again.getMessage());
                return ctx.<Integer>result();
            }), "the actor served every context after the refused ones");
            return null;
        });
    }

    @Test
    void withoutErrorsTheOpenerThatWaitsGetsTheStartedValueAndTheResult() throws Exception {
        String seen = Tractor.openNursery(an -> an.startActor("plain", streaming())
                .openContext(Streaming::startsAndReturns, 21, (ctx, first) -> first + " " + ctx.<Integer>result()));
        assertEquals("hello 42", seen);
    }

    @Test
    void anErrorInTheRemoteTaskComesOutOfOpenContext() throws Exception {
        Tractor.openNursery(an -> {
            Portal p = an.startActor("failing", streaming());
            RemoteActorError waiting = assertThrows(RemoteActorError.class,
                    () -> p.openContext(Streaming::failsAfterStarted, 0, (ctx, first) -> first));
            assertTrue(waiting.isRemote(IllegalStateException.class));
            RemoteActorError streaming = assertThrows(RemoteActorError.class,
                    () -> p.openContext(Streaming::failsAfterStarted, 100, (ctx, first) -> {
                        try (MsgStream<String, String> s = ctx.openStream(String.class, String.class)) {
                            return s.receive(); // the failure ends the wait
                        }
                    }));
            assertTrue(streaming.isRemote(IllegalStateException.class));
            assertEquals(p.uid(), streaming.source());
            return null;
        });
    }

    @Test
    void theOpenerThatCancelsGetsNoError(@TempDir Path dir) throws Exception {
        Path marker = dir.resolve("finally");
        Tractor.openNursery(an -> {
            Portal p = an.startActor("sleeper", streaming());
            String body = p.openContext(Streaming::sleepsForever, marker.toString(), (ctx, first) -> {
                ctx.cancel();
                assertTrue(ctx.cancelCalled());
                return "the body's value";
            });
            assertEquals("the body's value", body);
            assertEquals("finally ran", Files.readString(marker), "the remote task ran its finally block");

            assertNull(p.openContext(Streaming::sleepsForever, "", (ctx, first) -> {
                MsgStream<String, String> s = ctx.openStream(String.class, String.class);
                ctx.cancel();
                assertThrows(EndOfChannel.class, s::receive, "the stream ends quietly");
                return ctx.result();
            }));
            return null;
        });
        Tractor.openNursery(an -> {
            Portal p = an.startActor("sleeper", streaming());
            return p.openContext(Streaming::sleepsForever, "", (ctx, first) -> {
                assertTrue(p.cancelActor(), "the actor acknowledged");
                try (MsgStream<String, String> s = ctx.openStream(String.class, String.class)) {
                    assertThrows(EndOfChannel.class, s::receive, "cancelled by this actor: quiet");
                }
                return null;
            });
        });
    }

    @Test
    void anErrorInTheOpenersBlockCancelsTheRemoteTaskAndComesOut(@TempDir Path dir) throws Exception {
        Path marker = dir.resolve("finally");
        Tractor.openNursery(an -> {
            Portal p = an.startActor("sleeper", streaming());
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> p.openContext(Streaming::sleepsForever, marker.toString(), (ctx, first) -> {
                        throw new IllegalArgumentException("the opener's own mistake");
                    }));
            assertEquals("the opener's own mistake", e.getMessage());
            assertEquals(0, e.getSuppressed().length, "the remote task's cancellation is not an error");
            assertEquals("finally ran", Files.readString(marker), "the remote task was cancelled and ended");

            IllegalStateException late = assertThrows(IllegalStateException.class,
                    () -> p.openContext(Streaming::sleepsForever, "", (ctx, first) -> {
                        ctx.cancel();
                        return ctx.openStream(String.class, String.class);
                    }));
            assertTrue(late.getMessage().contains("was cancelled; its stream cannot be opened"), late.getMessage());
            return null;
        });
    }

    @Test
    void aRemoteTaskThatCancelsItselfBeforeStartedNamesItself() throws Exception {
        Tractor.openNursery(an -> {
            Portal p = an.startActor("self-canceller", streaming());
            ContextCancelled e = assertThrows(ContextCancelled.class,
                    () -> p.openContext(Streaming::cancelsItself, (ctx, first) -> null));
            assertEquals(p.uid(), e.canceller().orElseThrow());
            assertEquals(p.uid(), e.source());
            return null;
        });
    }

    @Test
    void sixtyFiveSendsIntoAnUnreadStreamOverrun() throws Exception {
        Tractor.openNursery(an -> {
            Portal p = an.startActor("slow-reader", streaming());
            StreamOverrun e = assertThrows(StreamOverrun.class,
                    () -> p.openContext(Streaming::readsNothing, 30_000, (ctx, first) -> {
                        try (MsgStream<Integer, Integer> s = ctx.openStream(Integer.class, Integer.class)) {
                            for (int i = 0; i < Context.BUFFER + 1; i++) {
                                s.send(i);
                            }
                            for (int i = 0; i < 10_000; i++) { // the report is on its way
                                s.send(i);
                                dev.tractor.sc.Sc.sleep(Duration.ofMillis(1));
                            }
                        }
                        return null;
                    }));
            assertEquals(p.uid(), e.source(), "the actor whose buffer overran");
            assertTrue(e.remoteMessage().contains("overran (64 values unread)"), e.remoteMessage());
            assertEquals(0, p.run(Streaming::idleReaders), "the reader's task was cancelled and ended first");
            return null;
        });
    }

    @Test
    void aReaderWhoseBufferOverranFailsAtTheGapEvenIfTheSenderHasFinished() throws Exception {
        List<Integer> read = new ArrayList<>();
        StreamOverrun e = assertThrows(StreamOverrun.class, () -> Tractor.openNursery(an ->
                an.startActor("fast-sender", streaming()).openContext(Streaming::streamIntsLater, 200, 500,
                        (ctx, first) -> {
                            try (MsgStream<Integer, Void> s = ctx.openStream(Integer.class, Void.class)) {
                                dev.tractor.sc.Sc.sleep(Duration.ofMillis(1500)); // the sender is done by now
                                for (int v : s) {
                                    read.add(v);
                                }
                            }
                            return null;
                        })));
        assertEquals(Context.BUFFER, read.size(), "the values before the gap");
        assertEquals(Context.BUFFER - 1, read.getLast());
        assertTrue(e.remoteMessage().contains("overran"), e.remoteMessage());
    }

    @Test
    void allowOverrunsDeliversEverythingInOrder() throws Exception {
        List<Integer> got = Tractor.openNursery(an -> an.startActor("late-reader", streaming())
                .openContext(Streaming::readsLate, 300, (ctx, first) -> {
                    try (MsgStream<Integer, Integer> s = ctx.openStream(Integer.class, Integer.class)) {
                        for (int i = 0; i < 1000; i++) {
                            s.send(i);
                        }
                    }
                    return ctx.<List<Integer>>result();
                }));
        List<Integer> expected = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            expected.add(i);
        }
        assertEquals(expected, got);
    }

    @Test
    void aValueOfTheWrongTypeFailsThatContextOnBothSides() throws Exception {
        Tractor.openNursery(an -> {
            Portal p = an.startActor("liar", streaming());
            PayloadMismatch started = assertThrows(PayloadMismatch.class,
                    () -> p.openContext(Streaming::startsWithAString, (ctx, first) -> first));
            assertTrue(started.getMessage().contains("started"), started.getMessage());

            PayloadMismatch streamed = assertThrows(PayloadMismatch.class,
                    () -> p.openContext(Streaming::streamsStrings, (ctx, first) -> {
                        try (MsgStream<Integer, Integer> s = ctx.openStream(Integer.class, Integer.class)) {
                            return s.receive();
                        }
                    }));
            assertTrue(streamed.getMessage().contains("stream value"), streamed.getMessage());
            RemoteActorError remote = assertInstanceOf(RemoteActorError.class, streamed.getSuppressed()[0],
                    "the other side failed with it too");
            assertTrue(remote.isRemote(PayloadMismatch.class) || remote.isRemote(RemoteActorError.class),
                    remote.toString());

            assertEquals(Integer.valueOf(2), p.openContext(Streaming::pingPong, 1, (ctx, first) -> {
                try (MsgStream<Integer, Integer> s = ctx.openStream(Integer.class, Integer.class)) {
                    s.send(first);
                    return s.receive();
                }
            }), "other contexts go on");
            return null;
        });
    }

    @Test
    void aOneWayStreamIsReadUntilABreakAndTheGeneratorStops() throws Exception {
        List<Integer> got = Tractor.openNursery(an -> an.startActor("generator", streaming())
                .openStreamFrom(Streaming::counter, Integer.MAX_VALUE, stream -> {
                    List<Integer> values = new ArrayList<>();
                    for (int v : stream) {
                        if (v == 50) {
                            break;
                        }
                        values.add(v);
                    }
                    return values;
                }));
        assertEquals(50, got.size());
        assertEquals(49, got.getLast());
        List<Integer> all = Tractor.openNursery(an -> an.startActor("generator", streaming())
                .openStreamFrom(Streaming::counter, 5, stream -> {
                    List<Integer> values = new ArrayList<>();
                    stream.forEach(values::add);
                    return values;
                }));
        assertEquals(List.of(0, 1, 2, 3, 4), all);
    }
}
