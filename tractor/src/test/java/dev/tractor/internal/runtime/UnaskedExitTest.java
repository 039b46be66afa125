package dev.tractor.internal.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tractor.ActorDied;
import dev.tractor.ActorOptions;
import dev.tractor.MsgStream;
import dev.tractor.Portal;
import dev.tractor.Processes;
import dev.tractor.Tractor;
import dev.tractor.sc.Nursery;
import dev.tractor.sc.Sc;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A child process that ends while a call to it is outstanding, without its parent asking: the call fails
 * with {@link ActorDied} carrying the exit status, as soon as the process has exited (not when a timeout
 * runs out), and the nursery fails with that same death, whatever the status. Real child JVMs.
 */
class UnaskedExitTest {
    @AfterEach
    void noProcessOutlivesTheTest() throws InterruptedException {
        Processes.assertNoDescendantsWithin(Duration.ofSeconds(10));
    }

    @ParameterizedTest(name = "System.exit({0})")
    @ValueSource(ints = {0, 3})
    void aChildWhoseCodeCallsSystemExitMidCallFailsTheCallAndItsNurseryWithActorDied(int status) throws Exception {
        Tractor.run(() -> {
            ActorRuntime rt = ActorRuntime.current();
            AtomicReference<ActorDied> callFailure = new AtomicReference<>();
            AtomicReference<ChildActor> child = new AtomicReference<>();
            ActorDied nurseryFailure = assertThrows(ActorDied.class, () -> Tractor.openNursery(an -> {
                Portal exiter = an.startActor("exiter", ActorOptions.enable(Unruly.class));
                child.set(rt.children().getFirst());
                callFailure.set(assertThrows(ActorDied.class, () -> exiter.run(Unruly::exit, status)));
                return null;
            }));
            ActorDied died = callFailure.get();
            String message = died.getMessage();
            assertTrue(message.contains("'exiter'") && message.contains("exit status " + status), message);
            // The child said why as it went, from its shutdown hook: the parent did not wait for the JVM to
            // be gone to know it was a death, nor for a timeout (its status is known).
            assertTrue(message.contains(ActorProcess.EXIT_CALLED), message);
            assertSame(died, nurseryFailure, "the nursery reports the call's death, once");
            assertEquals(ChildState.ENDED, child.get().state());
            assertEquals(List.of(), rt.children(), "a death leaves nothing in the runtime");
            return null;
        });
    }

    @Test
    void aChildThatExitsInTheMiddleOfAStreamFailsItsContextWithActorDied() throws Exception {
        Tractor.run(() -> {
            AtomicReference<ActorDied> contextFailure = new AtomicReference<>();
            AtomicReference<Throwable> receiveFailure = new AtomicReference<>();
            ActorDied nurseryFailure = assertThrows(ActorDied.class, () -> Tractor.openNursery(an -> {
                Portal exiter = an.startActor("streamer", ActorOptions.enable(Unruly.class));
                contextFailure.set(assertThrows(ActorDied.class, () -> exiter.openContext(Unruly::exitInStream, 0,
                        (ctx, started) -> {
                            assertEquals("up", started);
                            try (MsgStream<Integer, Integer> stream = ctx.openStream(Integer.class, Integer.class)) {
                                stream.send(1);
                                assertEquals(2, stream.receive());
                                stream.send(2); // the child exits on this one
                                try {
                                    return stream.receive();
                                } catch (Throwable t) {
                                    receiveFailure.set(t);
                                    throw t;
                                }
                            }
                        })));
                return null;
            }));
            // The receive raises the death, or the cancellation that the death caused, whichever reaches it first
            assertTrue(receiveFailure.get() instanceof ActorDied || receiveFailure.get() instanceof dev.tractor.sc.Cancelled,
                    String.valueOf(receiveFailure.get()));
            String message = contextFailure.get().getMessage();
            assertTrue(message.contains("'streamer'") && message.contains("exit status 0"), message);
            assertSame(contextFailure.get(), nurseryFailure, "the nursery reports the context's death, once");
            return null;
        });
    }

    @Test
    void aCallToAChildKilledWithSigkillFailsWithActorDiedAndStatus137(@TempDir Path dir) throws Exception {
        Path started = dir.resolve("started");
        Tractor.run(() -> {
            AtomicReference<ActorDied> callFailure = new AtomicReference<>();
            ActorDied nurseryFailure = assertThrows(ActorDied.class, () -> Tractor.openNursery(an -> {
                Portal victim = an.startActor("victim", ActorOptions.enable(Unruly.class));
                Nursery.open(n -> {
                    n.startSoon("call", () -> callFailure.set(assertThrows(ActorDied.class,
                            () -> victim.run(Unruly::spinOnceStarted, started.toString()))));
                    while (!Files.exists(started)) {
                        Sc.sleep(Duration.ofMillis(10));
                    }
                    ProcessHandle.of(victim.pid()).orElseThrow().destroyForcibly();
                });
                return null;
            }));
            String message = callFailure.get().getMessage();
            assertTrue(message.contains("'victim'") && message.contains("exit status 137"), message);
            assertSame(callFailure.get(), nurseryFailure, "the nursery reports the call's death, once");
            return null;
        });
    }
}
