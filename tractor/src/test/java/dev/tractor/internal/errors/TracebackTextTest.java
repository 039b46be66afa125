package dev.tractor.internal.errors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TracebackTextTest {

    private static StackTraceElement frame(String text) {
        return TracebackText.parseFrame(text).orElseThrow(() -> new AssertionError("not read: " + text));
    }

    @Test
    void readsAFrameWithFileAndLine() {
        StackTraceElement e = frame("com.example.Worker.step(Worker.java:42)");
        assertEquals("com.example.Worker", e.getClassName());
        assertEquals("step", e.getMethodName());
        assertEquals("Worker.java", e.getFileName());
        assertEquals(42, e.getLineNumber());
        assertEquals(null, e.getModuleName());
        assertEquals(null, e.getClassLoaderName());
    }

    @Test
    void readsNativeUnknownAndLinelessSources() {
        StackTraceElement natived = frame("java.base/jdk.internal.misc.Unsafe.park(Native Method)");
        assertTrue(natived.isNativeMethod());
        assertEquals(null, natived.getFileName());
        StackTraceElement unknown = frame("com.example.Gen.run(Unknown Source)");
        assertEquals(null, unknown.getFileName());
        assertEquals(-1, unknown.getLineNumber());
        StackTraceElement lineless = frame("com.example.Gen.run(Gen.java)");
        assertEquals("Gen.java", lineless.getFileName());
        assertEquals(-1, lineless.getLineNumber());
    }

    @Test
    void readsModuleAndClassLoaderPrefixes() {
        StackTraceElement jdk = frame("java.base/java.lang.Thread.run(Thread.java:1474)");
        assertEquals("java.base", jdk.getModuleName());
        assertEquals(null, jdk.getModuleVersion());
        assertEquals(null, jdk.getClassLoaderName());
        assertEquals("java.lang.Thread", jdk.getClassName());
        assertEquals("run", jdk.getMethodName());
        assertEquals(1474, jdk.getLineNumber());

        StackTraceElement app = frame("app//dev.tractor.Foo.bar(Foo.java:12)");
        assertEquals("app", app.getClassLoaderName());
        assertEquals(null, app.getModuleName());
        assertEquals("dev.tractor.Foo", app.getClassName());

        StackTraceElement all = frame("com.foo.loader/foo@9.0/com.foo.Main.run(Main.java:101)");
        assertEquals("com.foo.loader", all.getClassLoaderName());
        assertEquals("foo", all.getModuleName());
        assertEquals("9.0", all.getModuleVersion());
        assertEquals("com.foo.Main", all.getClassName());
        assertEquals("com.foo.loader/foo@9.0/com.foo.Main.run(Main.java:101)", all.toString());

        StackTraceElement versioned = frame("acme@2.1/org.acme.Lib.test(Lib.java:80)");
        assertEquals("acme", versioned.getModuleName());
        assertEquals("2.1", versioned.getModuleVersion());
        assertEquals("org.acme.Lib", versioned.getClassName());
    }

    @Test
    void readsHiddenClassesAndSpecialMethods() {
        StackTraceElement lambda = frame("app//com.example.Main$$Lambda/0x000001000104c000.run(Unknown Source)");
        assertEquals("app", lambda.getClassLoaderName());
        assertEquals("com.example.Main$$Lambda/0x000001000104c000", lambda.getClassName());
        assertEquals("run", lambda.getMethodName());
        StackTraceElement bare = frame("Main$$Lambda/0x000001000104c000.run(Unknown Source)");
        assertEquals(null, bare.getModuleName());
        assertEquals("Main$$Lambda/0x000001000104c000", bare.getClassName());
        assertEquals("<init>", frame("com.example.Point.<init>(Point.java:3)").getMethodName());
        assertEquals("lambda$main$0", frame("Main.lambda$main$0(Main.java:4)").getMethodName());
    }

    @Test
    void skipsWhatIsNotAFrame() {
        for (String text : List.of("", "run()", "noparens", ".run(A.java:1)", "A.(A.java:1)",
                "a b.c(A.java:1)", "a/b/c/d.E.f(E.java:1)", "com.example.A.f(A.java:1", "/a.B.c(B.java:1)")) {
            assertEquals(Optional.empty(), TracebackText.parseFrame(text), text);
        }
    }

    @Test
    void everyFrameOfARealTraceReadsBackToTheSameText() {
        List<StackTraceElement> frames = List.of(new Throwable().getStackTrace());
        assertTrue(frames.size() > 5, "a JUnit stack is deep");
        for (StackTraceElement original : frames) {
            StackTraceElement back = frame(original.toString());
            assertEquals(original.toString(), back.toString());
            assertEquals(original.getClassName(), back.getClassName());
            assertEquals(original.getMethodName(), back.getMethodName());
            assertEquals(original.getFileName(), back.getFileName());
            assertEquals(original.getLineNumber(), back.getLineNumber());
            assertEquals(original.getModuleName(), back.getModuleName());
        }
    }

    @Test
    void writesWhatPrintStackTracePrints() {
        IllegalStateException e = new IllegalStateException("boom", new IOException("disk\nfull"));
        StringWriter printed = new StringWriter();
        e.printStackTrace(new PrintWriter(printed));
        assertEquals(printed.toString().replace(System.lineSeparator(), "\n"), TracebackText.format(e));
    }

    @Test
    void readsTheCauseChainBackWithSharedFramesAndMessagesOfSeveralLines() {
        IOException cause = new IOException("disk\nfull");
        IllegalStateException e = new IllegalStateException("boom", cause);
        String text = TracebackText.format(e);
        assertTrue(text.contains("\t... "), "shared frames are written as '... n more':\n" + text);

        List<TracebackText.Section> sections = TracebackText.parse(text);
        assertEquals(2, sections.size());
        assertEquals("java.lang.IllegalStateException", sections.get(0).type());
        assertEquals(Optional.of("boom"), sections.get(0).message());
        assertSameFrames(e.getStackTrace(), sections.get(0).frames());
        assertEquals("java.io.IOException", sections.get(1).type());
        assertEquals(Optional.of("disk\nfull"), sections.get(1).message());
        assertSameFrames(cause.getStackTrace(), sections.get(1).frames());
    }

    @Test
    void skipsSuppressedSections() {
        String text = """
                java.lang.IllegalStateException: boom
                \tat com.example.A.a(A.java:1)
                \tSuppressed: java.io.IOException: close failed
                \t\tat com.example.B.b(B.java:2)
                \tCaused by: java.lang.Error: nested
                \t\tat com.example.C.c(C.java:3)
                \tat com.example.A.main(A.java:9)
                Caused by: java.lang.RuntimeException
                \tat com.example.D.d(D.java:4)
                """;
        List<TracebackText.Section> sections = TracebackText.parse(text);
        assertEquals(2, sections.size());
        assertEquals(List.of(frame("com.example.A.a(A.java:1)")), sections.get(0).frames());
        assertEquals("java.lang.RuntimeException", sections.get(1).type());
        assertEquals(Optional.empty(), sections.get(1).message());
        assertEquals(List.of(frame("com.example.D.d(D.java:4)")), sections.get(1).frames());
    }

    @Test
    void aPythonTracebackHasNoFrames() {
        String python = """
                Traceback (most recent call last):
                  File "/app/worker.py", line 12, in step
                    raise ValueError("bad value")
                ValueError: bad value
                """;
        assertTrue(TracebackText.parse(python).stream().allMatch(s -> s.frames().isEmpty()));
        assertEquals(List.of(), TracebackText.parse(""));
    }

    @Test
    void capsTheFrameCount() {
        RuntimeException e = new RuntimeException("deep");
        e.setStackTrace(syntheticFrames(5000, "com.example.Deep"));
        String text = TracebackText.format(e);
        assertEquals(TracebackText.MAX_FRAMES, text.lines().filter(l -> l.startsWith("\tat ")).count());
        assertTrue(text.endsWith(TracebackText.CUT_MARKER + "\n"));
        assertEquals(TracebackText.MAX_FRAMES, TracebackText.parse(text).getFirst().frames().size());
    }

    @Test
    void capsTheCharacters() {
        RuntimeException e = new RuntimeException("x".repeat(100_000));
        e.setStackTrace(syntheticFrames(1000, "com.example." + "VeryLongName".repeat(20)));
        String text = TracebackText.format(e);
        assertTrue(text.length() <= TracebackText.MAX_CHARS, "length " + text.length());
        assertTrue(text.endsWith(TracebackText.CUT_MARKER + "\n"));
        assertTrue(text.lines().findFirst().orElseThrow().length() <= TracebackText.MAX_HEADER_CHARS);
        long written = text.lines().filter(l -> l.startsWith("\tat ")).count();
        assertTrue(written > 100 && written < 1000, "written " + written);
    }

    @Test
    void aTraceAtTheFrameLimitIsNotCut() {
        RuntimeException e = new RuntimeException();
        e.setStackTrace(syntheticFrames(TracebackText.MAX_FRAMES, "A"));
        assertFalse(TracebackText.format(e).contains(TracebackText.CUT_MARKER));
    }

    /**
     * Frames read back equal the originals in class, method, file, line and module; the names of built-in
     * class loaders and JDK module versions do not cross (StackTraceElement.toString leaves them out).
     */
    static void assertSameFrames(StackTraceElement[] expected, List<StackTraceElement> actual) {
        assertEquals(expected.length, actual.size(), () -> "frames: " + actual);
        for (int i = 0; i < expected.length; i++) {
            StackTraceElement e = expected[i];
            StackTraceElement a = actual.get(i);
            assertEquals(e.getClassName(), a.getClassName());
            assertEquals(e.getMethodName(), a.getMethodName());
            assertEquals(e.getFileName(), a.getFileName());
            assertEquals(e.getLineNumber(), a.getLineNumber());
            assertEquals(e.getModuleName(), a.getModuleName());
            assertEquals(e.toString(), a.toString());
        }
    }

    private static StackTraceElement[] syntheticFrames(int n, String className) {
        StackTraceElement[] frames = new StackTraceElement[n];
        for (int i = 0; i < n; i++) {
            frames[i] = new StackTraceElement(className, "level" + i, "Deep.java", i + 1);
        }
        return frames;
    }
}
