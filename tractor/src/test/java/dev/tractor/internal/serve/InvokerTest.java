package dev.tractor.internal.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tractor.BadArguments;
import dev.tractor.Fn0;
import dev.tractor.Fn1;
import dev.tractor.Fn2;
import dev.tractor.FunctionNotEnabled;
import dev.tractor.Javac;
import dev.tractor.NoSuchFunction;
import dev.tractor.Proc1;
import dev.tractor.RemoteTargets.Path;
import dev.tractor.RemoteTargets.Point;
import dev.tractor.RemoteTargets;
import dev.tractor.internal.msg.Payload;
import dev.tractor.msg.PayloadMismatch;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

class InvokerTest {
    private static final String TARGETS = "dev.tractor.RemoteTargets";

    /** Set by {@link GuardedTarget}'s static initializer. */
    static volatile boolean guardedTargetInitialised;

    private final Invoker invoker = new Invoker(EnabledClasses.of(List.of(TARGETS)));

    @Test
    void aCallRoundTripsFromFunctionRefToInvoker() throws Exception {
        FunctionRef ref = FunctionRef.of((Fn2<Integer, Integer, Integer>) RemoteTargets::add);
        assertEquals(3, invoker.invoke(ref.ns(), ref.func(), ref.kwargs(1, 2)));
    }

    @Test
    void recordsAndGenericListsBindToTheDeclaredTypes() throws Exception {
        List<Point> points = List.of(new Point(1, 2), new Point(3, 4));
        FunctionRef mirror = FunctionRef.of((Fn1<List<Point>, List<Point>>) RemoteTargets::mirror);
        Object result = invoker.invoke(mirror.ns(), mirror.func(), mirror.kwargs(points));
        assertEquals(List.of(new Point(-1, 2), new Point(-3, 4)), result);
        // ... and the result crosses back as a payload bound to the generic return type.
        assertEquals(result, Payload.of(result).as(mirror.returnType(), "result"));

        FunctionRef length = FunctionRef.of((Fn1<Path, Integer>) RemoteTargets::pathLength);
        assertEquals(2, invoker.invoke(length.ns(), length.func(), length.kwargs(new Path("p", points))));
    }

    @Test
    void aProcedureReturnsNull() throws Exception {
        FunctionRef note = FunctionRef.of((Proc1<String>) RemoteTargets::note);
        assertNull(invoker.invoke(note.ns(), note.func(), note.kwargs("written")));
        assertEquals("written", RemoteTargets.lastNote);
        FunctionRef origin = FunctionRef.of((Fn0<Point>) RemoteTargets::origin);
        assertEquals(new Point(0, 0), invoker.invoke(origin.ns(), origin.func(), origin.kwargs()));
    }

    @Test
    void aClassThatIsNotEnabledIsRefusedBeforeItIsInitialised() throws Exception {
        String guarded = "dev.tractor.internal.serve.GuardedTarget";
        Map<String, Payload> kwargs = Map.of("name", Payload.of("you"));
        FunctionNotEnabled e = assertThrows(FunctionNotEnabled.class, () -> invoker.invoke(guarded, "hello", kwargs));
        assertEquals("class dev.tractor.internal.serve.GuardedTarget is not enabled in this actor "
                + "(enabled: dev.tractor.RemoteTargets)", e.getMessage());
        assertFalse(guardedTargetInitialised, "the refused class was initialised");

        // The check above can see an initialisation: enabled, the call initialises the class.
        Invoker enabled = new Invoker(EnabledClasses.of(List.of(guarded)));
        assertEquals("hello you", enabled.invoke(guarded, "hello", kwargs));
        assertTrue(guardedTargetInitialised);
    }

    @Test
    void nothingIsCallableWhenNothingIsEnabled() {
        Invoker none = new Invoker(EnabledClasses.of(List.of()));
        FunctionNotEnabled e = assertThrows(FunctionNotEnabled.class,
                () -> none.invoke("java.lang.System", "exit", Map.of("status", Payload.of(1))));
        assertEquals("class java.lang.System is not enabled in this actor (enabled: none)", e.getMessage());
    }

    @Test
    void aPackageWildcardEnablesTheClassesOfThatPackage() throws Exception {
        Invoker wildcard = new Invoker(EnabledClasses.of(List.of("dev.tractor.*")));
        assertEquals(5, wildcard.invoke(TARGETS, "add", kwargs("x", 2, "y", 3)));
        Invoker parent = new Invoker(EnabledClasses.of(List.of("dev.*")));
        assertThrows(FunctionNotEnabled.class, () -> parent.invoke(TARGETS, "add", kwargs("x", 2, "y", 3)));
    }

    @Test
    void anUnknownMethodIsNamedWithTheFunctionsThereAre() {
        NoSuchFunction e = assertThrows(NoSuchFunction.class, () -> invoker.invoke(TARGETS, "subtract", Map.of()));
        assertTrue(e.getMessage().startsWith("class dev.tractor.RemoteTargets has no function subtract (its public "
                + "static methods: add, crash, describe, fail, "), e.getMessage());
    }

    @Test
    void anEnabledClassThatIsNotThereIsReported() {
        Invoker missing = new Invoker(EnabledClasses.of(List.of("com.example.Missing")));
        NoSuchFunction e = assertThrows(NoSuchFunction.class,
                () -> missing.invoke("com.example.Missing", "f", Map.of()));
        assertTrue(e.getMessage().startsWith("class com.example.Missing is enabled but not found in this actor"),
                e.getMessage());
    }

    @Test
    void privateAndInstanceMethodsAreNotFunctions() {
        NoSuchFunction secret = assertThrows(NoSuchFunction.class,
                () -> invoker.invoke(TARGETS, "secret", kwargs("x", 1)));
        assertEquals("dev.tractor.RemoteTargets.secret(int x) is not public, and only public static methods can be "
                + "called", secret.getMessage());
        NoSuchFunction instance = assertThrows(NoSuchFunction.class,
                () -> invoker.invoke(TARGETS, "instanceMethod", kwargs("x", 1)));
        assertEquals("dev.tractor.RemoteTargets.instanceMethod(int x) is an instance method, and only public static "
                + "methods can be called", instance.getMessage());
    }

    @Test
    void anInheritedStaticMethodBelongsToItsDeclaringClass() throws Exception {
        String derived = "dev.tractor.RemoteTargets$Derived";
        Invoker onlyDerived = new Invoker(EnabledClasses.of(List.of(derived)));
        assertThrows(NoSuchFunction.class, () -> onlyDerived.invoke(derived, "twice", kwargs("x", 4)));
        FunctionRef twice = FunctionRef.of((Fn1<Integer, Integer>) RemoteTargets.Derived::twice);
        Invoker base = new Invoker(EnabledClasses.of(List.of("dev.tractor.RemoteTargets$Base")));
        assertEquals(8, base.invoke(twice.ns(), twice.func(), twice.kwargs(4)));
    }

    @Test
    void anOverloadIsChosenByItsParameterNames() throws Exception {
        assertEquals("number 3", invoker.invoke(TARGETS, "describe", kwargs("number", 3)));
        assertEquals("text three", invoker.invoke(TARGETS, "describe", kwargs("text", "three")));
        assertEquals("3 m", invoker.invoke(TARGETS, "describe", kwargs("number", 3, "unit", "m")));
        NoSuchFunction none = assertThrows(NoSuchFunction.class,
                () -> invoker.invoke(TARGETS, "describe", kwargs("unit", "m")));
        assertTrue(none.getMessage().startsWith("dev.tractor.RemoteTargets.describe is overloaded and no overload "
                + "takes exactly the arguments (unit): "), none.getMessage());
        assertTrue(none.getMessage().contains("dev.tractor.RemoteTargets.describe(int number, String unit)"),
                none.getMessage());
        NoSuchFunction ambiguous = assertThrows(NoSuchFunction.class,
                () -> invoker.invoke(TARGETS, "pick", kwargs("value", 1)));
        assertTrue(ambiguous.getMessage().startsWith("several overloads of dev.tractor.RemoteTargets.pick take the "
                + "arguments (value), so a call by name cannot choose"), ambiguous.getMessage());
    }

    @Test
    void aMissingArgumentIsBad() {
        assertBadArguments(() -> invoker.invoke(TARGETS, "add", kwargs("x", 1)),
                "bad arguments for dev.tractor.RemoteTargets.add(int x, int y): missing args.y");
    }

    @Test
    void anExtraArgumentIsBad() {
        assertBadArguments(() -> invoker.invoke(TARGETS, "add", kwargs("x", 1, "y", 2, "z", 3)),
                "bad arguments for dev.tractor.RemoteTargets.add(int x, int y): unexpected args.z");
    }

    @Test
    void aMistypedArgumentIsBadAndNamesItsPath() {
        Map<String, Object> point = new LinkedHashMap<>();
        point.put("x", "three");
        point.put("y", 4);
        BadArguments e = assertBadArguments(() -> invoker.invoke(TARGETS, "lengthSquared", kwargs("point", point)),
                "bad argument for dev.tractor.RemoteTargets.lengthSquared(RemoteTargets$Point point): "
                        + "args.point.x: expected int, got string");
        PayloadMismatch cause = assertInstanceOf(PayloadMismatch.class, e.getCause());
        assertEquals("args.point.x", cause.path());

        assertBadArguments(() -> invoker.invoke(TARGETS, "mirror",
                kwargs("points", List.of(Map.of("x", 1, "y", 2), Map.of("x", 1, "y", true)))),
                "args.points[1].y: expected int, got boolean");
    }

    @Test
    void aCheckedExceptionOfTheFunctionComesOutUnchanged() {
        IOException e = assertThrows(IOException.class, () -> invoker.invoke(TARGETS, "fail", kwargs("why", "disk")));
        assertEquals(IOException.class, e.getClass());
        assertEquals("disk", e.getMessage());
        assertNull(e.getCause());
    }

    @Test
    void anErrorOfTheFunctionComesOutUnchanged() {
        RemoteTargets.TargetError e = assertThrows(RemoteTargets.TargetError.class,
                () -> invoker.invoke(TARGETS, "crash", kwargs("why", "boom")));
        assertEquals("boom", e.getMessage());
    }

    @Test
    void aClassWithoutParameterNamesCannotBeCalledByName(@TempDir java.nio.file.Path dir) throws Exception {
        ClassLoader loader = Javac.compile(dir, "nonames.Plain", """
                package nonames;
                public final class Plain {
                    public static int inc(int x) {
                        return x + 1;
                    }
                }
                """);
        Invoker plain = new Invoker(EnabledClasses.of(List.of("nonames.Plain")), loader);
        NoSuchFunction e = assertThrows(NoSuchFunction.class, () -> plain.invoke("nonames.Plain", "inc",
                kwargs("x", 1)));
        assertEquals("class nonames.Plain was compiled without parameter names, so inc cannot be called by argument "
                + "name: compile it with javac -parameters", e.getMessage());
    }

    private static BadArguments assertBadArguments(Executable call, String part) {
        BadArguments e = assertThrows(BadArguments.class, call);
        assertTrue(e.getMessage().contains(part), () -> "'" + e.getMessage() + "' lacks '" + part + "'");
        return e;
    }

    /** Kwargs from alternating names and values. */
    private static Map<String, Payload> kwargs(Object... namesAndValues) {
        Map<String, Payload> kwargs = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            kwargs.put((String) namesAndValues[i], Payload.of(namesAndValues[i + 1]));
        }
        return kwargs;
    }
}
