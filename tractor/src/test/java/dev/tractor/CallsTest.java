package dev.tractor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tractor.sc.Sc;
import dev.tractor.sc.Timeouts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Remote calls of {@code void} methods, and every entry point with up to four arguments, between real
 * actors; which overload a method reference picks, checked by compiling snippets.
 */
class CallsTest {
    @AfterEach
    void noProcessOutlivesTheTest() throws InterruptedException {
        Processes.assertNoDescendantsWithin(Duration.ofSeconds(10));
    }

    private static ActorOptions targets() {
        return ActorOptions.enable(CallTargets.class);
    }

    @Test
    void aVoidCallReturnsOnceTheMethodHasReturned() throws Exception {
        Tractor.openNursery(an -> {
            Portal p = an.startActor("memory", targets());
            p.run(CallTargets::remember, "k", "v"); // the method pauses before it stores
            assertEquals("v", p.run(CallTargets::recall, "k"), "stored before the call returned");
            p.run(CallTargets::forget);
            assertNull(p.run(CallTargets::recall, "k"));
            p.run(CallTargets::log, "one");
            assertEquals(List.of("one"), p.run(CallTargets::logged));
            p.run(CallTargets::rememberSum, "sum", 2, 40L);
            assertEquals("42", p.run(CallTargets::recall, "sum"));
            p.run(CallTargets::rememberThree, "a", "b", "c");
            assertEquals("c", p.run(CallTargets::recall, "3"));
            p.run(CallTargets::rememberRepeated, "rep", "x", 3, "-");
            assertEquals("x-x-x", p.run(CallTargets::recall, "rep"));
            return null;
        });
    }

    @Test
    void aVoidMethodsFailureArrivesAsARemoteActorErrorAndTheActorGoesOn() throws Exception {
        Tractor.openNursery(an -> {
            Portal p = an.startActor("refuser", targets());
            RemoteActorError e = assertThrows(RemoteActorError.class, () -> p.run(CallTargets::refuse, "no way"));
            assertEquals(IllegalStateException.class.getName(), e.remoteType());
            assertEquals("no way", e.remoteMessage());
            assertEquals("refuser", e.source().name());
            p.run(CallTargets::log, "still serving");
            assertEquals(List.of("still serving"), p.run(CallTargets::logged));
            return null;
        });
        RemoteActorError oneShot = assertThrows(RemoteActorError.class, () -> Tractor.openNursery(an ->
                an.runInActor("one-shot-refuser", CallTargets::refuse, "not today").result()));
        assertEquals("not today", oneShot.remoteMessage());
    }

    @Test
    void aVoidCallIsCancelledLikeAnyCall() throws Exception {
        Tractor.openNursery(an -> {
            Portal p = an.startActor("waiter", targets());
            assertTrue(!Timeouts.moveOnAfter(Duration.ofMillis(300), () -> p.run(CallTargets::waitRecording, 60_000)),
                    "the caller gave up");
            String end = "none";
            for (int i = 0; i < 250 && end.equals("none"); i++) {
                Sc.sleep(Duration.ofMillis(20));
                end = p.run(CallTargets::lastWaitEnd);
            }
            assertEquals("cancelled", end, "the remote call was cancelled, not left running");
            p.run(CallTargets::waitRecording, 1);
            assertEquals("completed", p.run(CallTargets::lastWaitEnd), "the actor goes on serving");
            return null;
        });
    }

    @Test
    void aVoidOneShotsResultIsNullOnceTheMethodHasRun(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("written");
        Path other = dir.resolve("written-with-options");
        String joined = Tractor.openNursery(an -> {
            Portal writer = an.runInActor("writer", CallTargets::writeFile, file.toString(), "a", "b", "c");
            Portal withOptions = an.runInActor("writer-2", ActorOptions.defaults(), CallTargets::writeFile,
                    other.toString(), "x", "y", "z");
            Portal joiner = an.runInActor("joiner", CallTargets::join, "s", 1, 2L, true);
            Portal joinerWithOptions = an.runInActor("joiner-2", ActorOptions.defaults(), CallTargets::join, "t", 3,
                    4L, false);
            assertNull(writer.result());
            assertEquals("abc", Files.readString(file), "written before result() returned");
            assertNull(withOptions.result());
            assertEquals("xyz", Files.readString(other));
            return joiner.<String>result() + " " + joinerWithOptions.<String>result();
        });
        assertEquals("s12true t34false", joined);
    }

    @Test
    void fourArgumentsReachEveryEntryPoint() throws Exception {
        Tractor.openNursery(an -> {
            Portal p = an.startActor("four", targets());
            assertEquals("a12false", p.run(CallTargets::join, "a", 1, 2L, false));
            long product = p.openContext(CallTargets::sumThenProduct, 1, 2, 3, 4, (ctx, started) -> {
                assertEquals(10, started);
                return ctx.<Long>result();
            });
            assertEquals(24L, product);
            assertEquals(Integer.valueOf(14), p.context(CallTargets::sumThenProduct, 2, 3, 4, 5)
                    .open((ctx, started) -> started));
            assertEquals(List.of("n0", "n2", "n4"), p.openStreamFrom(CallTargets::labelledRange, "n", 0, 6, 2,
                    CallsTest::all));
            assertEquals(List.of("m1", "m4"), p.openStreamFrom(CallTargets::labelledRange, "m", 1, 7, 3,
                    Overruns.FAIL_SENDER, CallsTest::all));
            assertEquals(List.of(0, 5), p.openStreamFrom(CallTargets::range, 0, 10, 5, CallsTest::all));
            assertEquals(List.of(2, 3), p.openStreamFrom(CallTargets::range, 2, 4, 1, Overruns.ALLOW,
                    CallsTest::all));
            assertEquals(List.of(1, 2, 3), p.openStreamFrom(CallTargets::oneTwoThree, Overruns.FAIL_SENDER,
                    CallsTest::all));
            return null;
        });
    }

    @Test
    void voidContextFunctionsOpenAndTheirResultIsNull() throws Exception {
        Tractor.openNursery(an -> {
            Portal p = an.startActor("contexts", targets());
            assertEquals("hello", p.openContext(CallTargets::greet, (ctx, started) -> {
                assertNull(ctx.result());
                return started;
            }));
            ContextCall<String, Void> greet = p.context(CallTargets::greet);
            assertEquals("hello", greet.open((ctx, started) -> started));

            List<String> answers = p.openContext(CallTargets::wrapEach, "count", "<", ">", 10, (ctx, started) -> {
                assertEquals("count<>10", started);
                List<String> got = new ArrayList<>();
                try (MsgStream<String, String> stream = ctx.openStream(String.class, String.class)) {
                    for (String s : List.of("a", "b")) {
                        stream.send(s);
                        got.add(stream.receive());
                    }
                }
                assertNull(ctx.result());
                return got;
            });
            assertEquals(List.of("<a>", "<b>"), answers);
            assertEquals("2", p.run(CallTargets::recall, "count"), "the context function ran to its end");
            assertEquals("none0", p.context(CallTargets::wrapEach, "none", "", "", 0).open((ctx, started) -> {
                ctx.openStream(String.class, String.class).close(); // the remote side reads until it ends
                return started;
            }));
            assertEquals("0", p.run(CallTargets::recall, "none"));

            RemoteActorError e = assertThrows(RemoteActorError.class, () -> p.context(CallTargets::greetThenFail,
                    "hi").open((ctx, started) -> ctx.result()));
            assertEquals("failed after greeting hi", e.remoteMessage());
            return null;
        });
    }

    @Test
    void exactReferencesPickFunctionsOrProceduresAndGenericOrOverloadedOnesStayFunctions() throws Exception {
        Tractor.openNursery(an -> {
            Portal p = an.startActor("overloads", targets());
            int sum = p.run(CallTargets::add, 1, 2); // Fn2: a Proc2 would not compile here
            assertEquals(3, sum);
            p.run(CallTargets::log, "x"); // Proc1: no Fn1 fits a void method
            String same = p.run(CallTargets::same, "generic");
            assertEquals("generic", same);
            String described = p.run(CallTargets::describe, 7);
            assertEquals("number 7", described);
            p.run((Proc1<Integer>) CallTargets::logAny, 8); // a generic void method needs the cast
            assertEquals(List.of("x", "8"), p.run(CallTargets::logged));
            return null;
        });
    }

    @Test
    void whatTheCompilerAcceptsAndRefuses(@TempDir Path dir) throws Exception {
        String accepted = snippet("Accepted", """
                int sum = p.run(CallTargets::add, 1, 2);
                p.run(CallTargets::add, 1, 2);
                p.run(CallTargets::log, "x");
                String same = p.run(CallTargets::same, "x");
                String described = p.run(CallTargets::describe, 1);
                p.run((Proc1<String>) CallTargets::logAny, "x");
                Portal one = an.runInActor("w", CallTargets::log, "x");
                Portal two = an.runInActor("w", CallTargets::add, 1, 2);
                String hello = p.openContext(CallTargets::greet, (ctx, started) -> started);
                ContextCall<String, Void> call = p.context(CallTargets::greet);
                ContextCall<Integer, Long> four = p.context(CallTargets::sumThenProduct, 1, 2, 3, 4);
                """);
        assertEquals("", Javac.errors(dir, "snippets.Accepted", accepted));

        String voidAsResult = Javac.errors(dir, "snippets.VoidAsResult",
                snippet("VoidAsResult", "String s = p.run(CallTargets::log, \"x\");"));
        assertTrue(voidAsResult.contains("incompatible types"), voidAsResult);

        String genericVoid = Javac.errors(dir, "snippets.GenericVoid",
                snippet("GenericVoid", "p.run(CallTargets::logAny, \"x\");"));
        assertTrue(genericVoid.contains("bad return type in method reference"), genericVoid);
    }

    private static String snippet(String className, String statements) {
        return """
                package snippets;
                import dev.tractor.*;
                final class %s {
                    static void use(Portal p, ActorNursery an) throws Exception {
                %s
                    }
                }
                """.formatted(className, statements.indent(8));
    }

    private static <T> List<T> all(MsgStream<T, Void> stream) {
        List<T> values = new ArrayList<>();
        stream.forEach(values::add);
        return values;
    }
}
