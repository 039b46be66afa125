package dev.tractor.internal.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tractor.Fn0;
import dev.tractor.Fn1;
import dev.tractor.Fn2;
import dev.tractor.Javac;
import dev.tractor.CallTargets;
import dev.tractor.ContextProc4;
import dev.tractor.EmitterFn4;
import dev.tractor.Proc1;
import dev.tractor.Proc4;
import dev.tractor.RemoteTargets.Point;
import dev.tractor.RemoteTargets;
import dev.tractor.internal.msg.Payload;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FunctionRefTest {

    @Test
    void aStaticMethodReferenceNamesItsClassAndMethod() throws Exception {
        FunctionRef ref = FunctionRef.of((Fn2<Integer, Integer, Integer>) RemoteTargets::add);
        assertEquals("dev.tractor.RemoteTargets", ref.ns());
        assertEquals("add", ref.func());
        assertEquals(RemoteTargets.class.getMethod("add", int.class, int.class), ref.method());
        assertEquals("dev.tractor.RemoteTargets.add(int x, int y)", ref.toString());
    }

    @Test
    void kwargsAreByParameterNameInOrder() {
        FunctionRef ref = FunctionRef.of((Fn2<Integer, String, String>) RemoteTargets::describe);
        Map<String, Payload> kwargs = ref.kwargs(3, "m");
        assertEquals(List.of("number", "unit"), List.copyOf(kwargs.keySet()));
        assertEquals(3, kwargs.get("number").as(int.class));
        assertEquals("m", kwargs.get("unit").as(String.class));
        assertTrue(FunctionRef.of((Fn0<Point>) RemoteTargets::origin).kwargs().isEmpty());
    }

    @Test
    void recordArgumentsAreEncodedAsMaps() {
        Map<String, Payload> kwargs = FunctionRef.of((Fn1<Point, Integer>) RemoteTargets::lengthSquared)
                .kwargs(new Point(3, 4));
        assertEquals(Map.of("x", 3L, "y", 4L), kwargs.get("point").toPlain());
    }

    @Test
    void theWrongNumberOfArgumentsIsRefused() {
        FunctionRef ref = FunctionRef.of((Fn2<Integer, Integer, Integer>) RemoteTargets::add);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ref.kwargs(1, 2, 3));
        assertEquals("dev.tractor.RemoteTargets.add(int x, int y) takes 2 arguments, got 3", e.getMessage());
    }

    @Test
    void anArgumentAPayloadCannotCarryIsRefusedByName() {
        FunctionRef ref = FunctionRef.of((Fn1<String, String>) RemoteTargets::describe);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ref.kwargs(new Object()));
        assertTrue(e.getMessage().startsWith("argument text of dev.tractor.RemoteTargets.describe(String text) "
                + "cannot be sent: "), e.getMessage());
    }

    @Test
    void theReturnTypeIsGenericAndBoxed() {
        Type mirror = FunctionRef.of((Fn1<List<Point>, List<Point>>) RemoteTargets::mirror).returnType();
        ParameterizedType list = (ParameterizedType) mirror;
        assertEquals(List.class, list.getRawType());
        assertEquals(Point.class, list.getActualTypeArguments()[0]);
        assertEquals(Integer.class, FunctionRef.of((Fn2<Integer, Integer, Integer>) RemoteTargets::add).returnType());
        assertEquals(Void.class, FunctionRef.of((Proc1<String>) RemoteTargets::note).returnType());
    }

    @Test
    void voidReferencesOfEveryKindNameTheirMethodAndTakeTheirArgumentsByName() {
        FunctionRef proc = FunctionRef.of((Proc4<String, String, Integer, String>) CallTargets::rememberRepeated);
        assertEquals("rememberRepeated", proc.func());
        assertEquals(Void.class, proc.returnType());
        assertEquals(List.of("key", "value", "times", "separator"),
                List.copyOf(proc.kwargs("k", "v", 2, ",").keySet()));

        FunctionRef context = FunctionRef.of(
                (ContextProc4<String, String, String, String, Integer>) CallTargets::wrapEach);
        assertEquals(Void.class, context.returnType());
        assertEquals(String.class, context.injectedTypeArgument());
        assertEquals(List.of("key", "prefix", "suffix", "limit"),
                List.copyOf(context.kwargs("k", "<", ">", 1).keySet()));

        FunctionRef emitter = FunctionRef.of(
                (EmitterFn4<String, String, Integer, Integer, Integer>) CallTargets::labelledRange);
        assertEquals(String.class, emitter.injectedTypeArgument());
        assertEquals(List.of("prefix", "from", "to", "step"),
                List.copyOf(emitter.kwargs("n", 0, 6, 2).keySet()));
    }

    @Test
    void aFunctionCastToAProcedureStillNamesItsMethod() {
        Proc1<String> dropsTheResult = (Fn1<String, String>) RemoteTargets::describe;
        FunctionRef ref = FunctionRef.of(dropsTheResult);
        assertEquals("describe", ref.func());
        assertEquals(String.class, ref.returnType());
    }

    @Test
    void theResultIsCachedPerReferenceClass() {
        Fn2<Integer, Integer, Integer> add = RemoteTargets::add;
        assertSame(FunctionRef.of(add), FunctionRef.of(add));
    }

    @Test
    void anInheritedStaticMethodIsNamedByItsDeclaringClass() {
        FunctionRef ref = FunctionRef.of((Fn1<Integer, Integer>) RemoteTargets.Derived::twice);
        assertEquals("dev.tractor.RemoteTargets$Base", ref.ns());
        assertEquals("twice", ref.func());
    }

    @Test
    void aLambdaIsRefused() {
        assertRefused((Fn1<Integer, Integer>) x -> x + 1,
                "a lambda cannot be called remotely; use a static method reference such as Primes::isPrime");
    }

    @Test
    void aBoundReferenceIsRefused() {
        RemoteTargets.Point p = new Point(1, 2);
        assertRefused((Fn0<Integer>) p::x, "a bound method reference (object::x) captures its receiver");
        assertRefused((Fn0<Integer>) p::x, "use a static method reference such as Primes::isPrime");
    }

    @Test
    void anUnboundInstanceMethodIsRefused() {
        assertRefused((Fn2<RemoteTargets, Integer, Integer>) RemoteTargets::instanceMethod,
                "RemoteTargets::instanceMethod is an instance method");
    }

    @Test
    void aConstructorReferenceIsRefused() {
        assertRefused((Fn2<Integer, Integer, Point>) Point::new, "a constructor reference (RemoteTargets.Point::new)");
    }

    @Test
    void aMethodThatIsNotPublicIsRefused() {
        assertRefused(RemoteTargets.SECRET, "RemoteTargets::secret is not public");
    }

    @Test
    void aSerializableThatIsNotAMethodReferenceIsRefused() {
        assertRefused(new Fn0<String>() {
            @Override
            public String call() {
                return "";
            }
        }, "is not a method reference; use a static method reference");
    }

    @Test
    void aClassWithoutParameterNamesCannotBeCalled(@TempDir Path dir) throws Exception {
        ClassLoader loader = Javac.compile(dir, "nonames.NoNames", """
                package nonames;
                public final class NoNames {
                    public static final dev.tractor.Fn1<Integer, Integer> INC = NoNames::inc;
                    public static int inc(int x) {
                        return x + 1;
                    }
                }
                """);
        Fn1<?, ?> inc = (Fn1<?, ?>) Class.forName("nonames.NoNames", true, loader).getField("INC").get(null);
        FunctionRef ref = FunctionRef.of(inc);
        assertEquals("nonames.NoNames", ref.ns());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> ref.kwargs(1));
        assertEquals("nonames.NoNames was compiled without parameter names, so inc cannot be called remotely: "
                + "compile it with javac -parameters", e.getMessage());
    }

    private static void assertRefused(java.io.Serializable fn, String part) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FunctionRef.of(fn));
        assertTrue(e.getMessage().contains(part), () -> "'" + e.getMessage() + "' lacks '" + part + "'");
    }
}
