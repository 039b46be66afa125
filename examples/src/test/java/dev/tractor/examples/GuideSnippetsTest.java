package dev.tractor.examples;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keeps the code in the guide and in the package documentation compiling against the real API: every
 * {@code java} block of {@code docs/guide/structured-concurrency.md} and every {@code <pre>{@code ...}}
 * block of the {@code dev.tractor.sc} package docs is compiled, inside a class that declares the
 * application code the snippets talk about ({@code fetch}, {@code download}, a {@code Connection}...).
 * A renamed or removed method makes this test fail and name the snippet.
 */
class GuideSnippetsTest {
    private static final List<String> SOURCES = List.of(
            "docs/guide/structured-concurrency.md",
            "tractor/src/main/java/dev/tractor/sc/package-info.java",
            "tractor/src/main/java/dev/tractor/sc/testing/package-info.java",
            "docs/guide/wire-format.md",
            "docs/guide/actors.md",
            "docs/guide/contexts.md",
            "docs/guide/discovery.md",
            "docs/guide/foreign-async.md",
            "tractor/src/main/java/dev/tractor/internal/msg/package-info.java");

    private static final String IMPORTS = """
            import dev.tractor.sc.*;
            import dev.tractor.sc.testing.MockClock;
            import dev.tractor.msg.*;
            import dev.tractor.ipc.*;
            import dev.tractor.*;
            import dev.tractor.discovery.*;
            import dev.tractor.internal.msg.*; // the wire guide shows the insides too
            import dev.tractor.internal.ipc.*;
            import java.time.Duration;
            import java.util.*;
            import java.util.concurrent.*;
            import java.util.concurrent.atomic.*;
            import java.io.*;
            import java.net.*;
            """;

    /** Stand-ins for the application code that the snippets call but do not show. */
    private static final String APPLICATION = """
              @interface Test {}
              static void assertTrue(boolean b) {}
              static void assertEquals(Object a, Object b) {}
              record Connection(int id) { void sayGoodbye() {} }
              record Job(int id) { String run() { return ""; } }
              static List<URI> uris; static URI uri; static ReceiveChannel<String> rx, replies; static List<Job> jobs;
              static TaskLock writeLock; static SendChannel<String> out; static String header, body;
              static Connection connection; static Event stopPressed; static Socket socket;
              static List<String> rows; static List<String> list; static String x;
              static String fetch(String s) { return s; }
              static String download(URI u) throws IOException { return ""; }
              static void save(URI u, String s) throws IOException {}
              static void doWork(SendChannel<String> s) {}
              static void handle(String s) {} static void handle(Connection c) throws IOException {}
              static void crunchAllTheNumbers() {}
              static void drain(ReceiveChannel<String> r) {}
              static Connection connect() throws IOException { return null; }
              static void handshake(Connection c) throws IOException {}
              static void warmUp() {}
              static void process(String s) {}
              static void receiveAll(ReceiveChannel<String> r) {}
              static void serve(Connection c) throws IOException {}
              static void loadCache() {} static void useCache() {}
              static void report(String s) {}
              public static final class Primes { public static boolean isPrime(long n) { return true; } }
              public static final class Work { public static long sum(int n) { return n; } }
              public static final class Adder { public static int add(int a, int b) { return a + b; } }
              public static final class Audit { public static void record(String e, int user) {} public static int count(String e) { return 0; } }
              public static final class Ping { public static int pong(Context<Integer> ctx, int start) { return 0; } }
              public static final class Ticker { public static void ticks(Emitter<Long> out, int count) {} }
              static Portal portal; static Context<Integer> ctx; static ExecutorService executor;
              record Queue() { boolean hasRoom() { return true; } } static Queue queue; static Signal roomFreed;
            """;

    private static final Pattern MARKDOWN_BLOCK = Pattern.compile("```java\n(.*?)```", Pattern.DOTALL);
    private static final Pattern JAVADOC_BLOCK = Pattern.compile("<pre>\\{@code\n(.*?)\n \\* \\}</pre>",
            Pattern.DOTALL);
    private static final Pattern MEMBER = Pattern.compile(
            "\\s*(@Test|static |public |void |\\w+\\s+\\w+\\(.*\\)\\s*(throws [\\w, ]+)?\\s*\\{).*", Pattern.DOTALL);
    private static final Pattern STATEMENT = Pattern.compile("\\s*\\w+\\s+\\w+\\s*=.*", Pattern.DOTALL);

    private record Snippet(String file, int number, String code) {
        String className() {
            return "Snippet" + number;
        }

        String firstLine() {
            return code.strip().lines().findFirst().orElse("");
        }
    }

    @Test
    void everySnippetCompiles(@TempDir Path classes) throws IOException {
        Path root = ReadmeSnippetsTest.repositoryRoot();
        List<Snippet> snippets = new ArrayList<>();
        for (String file : SOURCES) {
            String text = Files.readString(root.resolve(file));
            Matcher m = (file.endsWith(".md") ? MARKDOWN_BLOCK : JAVADOC_BLOCK).matcher(text);
            while (m.find()) {
                String code = file.endsWith(".md") ? m.group(1) : m.group(1).replaceAll("(?m)^ \\* ?", "");
                snippets.add(new Snippet(file, snippets.size() + 1, code));
            }
        }
        assertTrue(snippets.size() >= 25, "found only " + snippets.size() + " snippets; did the docs move?");

        List<JavaFileObject> units = new ArrayList<>();
        for (Snippet s : snippets) {
            if (!s.code().strip().startsWith("import")) {
                units.add(source(s.className(), IMPORTS + "class " + s.className() + " {\n" + APPLICATION
                        + wrap(s.code()) + "\n}\n"));
            }
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        boolean ok = javac.getTask(null, null, diagnostics, List.of("-proc:none", "-d", classes.toString(),
                "-cp", System.getProperty("java.class.path")), null, units).call();
        if (!ok) {
            StringBuilder report = new StringBuilder("doc snippets that no longer compile:\n");
            for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
                if (d.getKind() == Diagnostic.Kind.ERROR) {
                    String cls = d.getSource().getName().replaceAll(".*/|\\.java$", "");
                    Snippet s = snippets.get(Integer.parseInt(cls.substring("Snippet".length())) - 1);
                    report.append("- ").append(s.file()).append(", snippet starting '").append(s.firstLine())
                            .append("': ").append(d.getMessage(Locale.ROOT)).append('\n');
                }
            }
            fail(report.toString());
        }
    }

    /** A snippet that declares members goes into the class as is; statements go into a method. */
    private static String wrap(String snippet) {
        String code = snippet.replace("{ ... }", "{ }").replace("...", "");
        if (code.strip().startsWith("} catch")) {
            code = "try { Nursery.open(n -> { }); \n" + code;
        }
        boolean member = MEMBER.matcher(code).matches() && !STATEMENT.matcher(code).matches()
                && !code.strip().startsWith("try") && !code.strip().startsWith("for")
                && !code.strip().startsWith("while");
        return member ? code : "static void snippet() throws Exception {\n" + code + "\n}";
    }

    private static JavaFileObject source(String className, String code) {
        return new SimpleJavaFileObject(URI.create("string:///" + className + ".java"), JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                return code;
            }
        };
    }
}
