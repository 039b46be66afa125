package dev.tractor.internal.serve;

import dev.tractor.BadArguments;
import dev.tractor.Context;
import dev.tractor.Emitter;
import dev.tractor.FunctionNotEnabled;
import dev.tractor.NoSuchFunction;
import dev.tractor.internal.msg.FuncType;
import dev.tractor.internal.msg.Payload;
import dev.tractor.msg.PayloadMismatch;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.lang.reflect.UndeclaredThrowableException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * The callee's side of a remote call: runs the function a {@code Start} message names ({@code ns}, the
 * class's binary name; {@code func}, the method's name; {@code kwargs}, the arguments by parameter name)
 * if the actor enabled its class. The caller's side is {@link FunctionRef}.
 *
 * <p>A callable function is a {@code public static} method that the enabled class declares itself (an
 * inherited static method belongs to the class that declares it, which must be enabled in its own
 * right). Each argument is bound to its parameter's declared generic type, so a {@code List<Point>}
 * parameter gets a list of {@code Point} records. Java serialization is never used.
 *
 * <p>Thread-safe: one invoker serves every call of an actor; methods found are cached per class and name.
 */
public final class Invoker {
    private final EnabledClasses enabled;
    private final ClassLoader loader;
    /** "ns#func" to the public static methods of that name; only for enabled classes that were found. */
    private final Map<String, List<Method>> functions = new ConcurrentHashMap<>();
    private final Map<Method, MethodHandle> handles = new ConcurrentHashMap<>();

    /** An invoker that loads classes with the runtime's own class loader. */
    public Invoker(EnabledClasses enabled) {
        this(enabled, Invoker.class.getClassLoader());
    }

    /** An invoker that loads classes with {@code loader}. */
    public Invoker(EnabledClasses enabled, ClassLoader loader) {
        this.enabled = enabled;
        this.loader = loader;
    }

    /**
     * Runs {@code ns.func} with {@code kwargs} on the calling thread and returns what it returns
     * ({@code null} for a {@code void} method), for the runtime to encode with {@link Payload#of}.
     *
     * @throws FunctionNotEnabled if the actor did not enable class {@code ns}; the class is then neither
     *     loaded nor initialised
     * @throws NoSuchFunction if the class or a callable method of that name and those argument names is
     *     not found
     * @throws BadArguments if an argument is missing or unexpected, or does not bind to its parameter's
     *     type
     * @throws Exception whatever the function throws (checked exceptions and errors too), unchanged
     */
    Object invoke(String ns, String func, Map<String, Payload> kwargs) throws Exception {
        return run(prepare(ns, func, kwargs), null);
    }

    /**
     * A function found and its arguments bound, ready to {@link #run}.
     *
     * @param method the method
     * @param args the bound arguments; the first is left for {@link #run} to fill in if {@code kind} is
     *     not {@link FuncType#FUNCTION}
     * @param kind a plain function, a context function (first parameter {@link Context}) or a one-way
     *     streaming function (first parameter {@link Emitter})
     */
    record Prepared(Method method, Object[] args, FuncType kind) {
    }

    /**
     * Finds {@code ns.func} and binds {@code kwargs}, without running it; see {@link #invoke} for the errors.
     */
    Prepared prepare(String ns, String func, Map<String, Payload> kwargs) {
        if (!enabled.allows(ns)) {
            throw new FunctionNotEnabled("class " + ns + " is not enabled in this actor (enabled: " + enabled + ")");
        }
        Method method = choose(ns, func, candidates(ns, func), kwargs.keySet());
        return new Prepared(method, bind(method, kwargs), kindOf(method));
    }

    /** What kind of function {@code method} is, by its first parameter. */
    static FuncType kindOf(Method method) {
        Class<?>[] types = method.getParameterTypes();
        if (types.length > 0 && types[0] == Context.class) {
            return FuncType.CONTEXT;
        }
        if (types.length > 0 && types[0] == Emitter.class) {
            return FuncType.STREAM;
        }
        return FuncType.FUNCTION;
    }

    /**
     * Runs a prepared function on the calling thread, with {@code injected} (its {@link Context} or
     * {@link Emitter}) as its first argument unless it is a plain function.
     */
    Object run(Prepared prepared, Object injected) throws Exception {
        Method method = prepared.method();
        Object[] args = prepared.args();
        if (prepared.kind() != FuncType.FUNCTION) {
            args = args.clone();
            args[0] = injected;
        }
        MethodHandle handle = handle(method);
        try {
            return (Object) handle.invokeExact(args);
        } catch (Throwable thrown) {
            // In debug mode the tree's debugger stops where an exception is about to be caught here, with the
            // function's frames still live (Crash.BOUNDARIES): keep the name and the catch. A method handle, not
            // Method.invoke, so that the function's exception comes here first, not to the JDK's reflection.
            throw unwrap(thrown);
        }
    }

    /** {@code method} as a handle that takes its arguments as an array and returns an Object; cached. */
    private MethodHandle handle(Method method) throws NoSuchFunction {
        MethodHandle found = handles.get(method);
        if (found != null) {
            return found;
        }
        try {
            Invoker.class.getModule().addReads(method.getDeclaringClass().getModule()); // as reflection assumes
            MethodHandle spread = MethodHandles.lookup().unreflect(method)
                    .asSpreader(Object[].class, method.getParameterCount())
                    .asType(MethodType.methodType(Object.class, Object[].class));
            handles.putIfAbsent(method, spread);
            return spread;
        } catch (IllegalAccessException e) {
            throw new NoSuchFunction(FunctionRef.signature(method) + " cannot be reached from module dev.tractor: "
                    + "make its class public, or open its package to dev.tractor", e);
        }
    }

    /** The public static methods named {@code func} that class {@code ns} declares (at least one). */
    private List<Method> candidates(String ns, String func) {
        String key = ns + "#" + func;
        List<Method> found = functions.get(key);
        if (found == null) {
            found = find(load(ns), func);
            functions.putIfAbsent(key, found);
        }
        return found;
    }

    private Class<?> load(String ns) {
        try {
            // Only now, after the enabled check: and without initialising it, which calling it will do.
            return Class.forName(ns, false, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            throw new NoSuchFunction("class " + ns + " is enabled but not found in this actor: " + e, e);
        }
    }

    private static List<Method> find(Class<?> type, String func) {
        List<Method> named = new ArrayList<>();
        for (Method m : type.getDeclaredMethods()) {
            if (m.getName().equals(func) && !m.isSynthetic() && !m.isBridge()) {
                named.add(m);
            }
        }
        List<Method> callable = named.stream().filter(Invoker::isPublicStatic).toList();
        if (callable.isEmpty()) {
            if (!named.isEmpty()) {
                Method m = named.getFirst();
                throw new NoSuchFunction(FunctionRef.signature(m) + " is " + (Modifier.isStatic(m.getModifiers())
                        ? "not public" : "an instance method") + ", and only public static methods can be called");
            }
            Set<String> publicStatic = new TreeSet<>();
            for (Method m : type.getDeclaredMethods()) {
                if (isPublicStatic(m) && !m.isSynthetic()) {
                    publicStatic.add(m.getName());
                }
            }
            throw new NoSuchFunction("class " + type.getName() + " has no function " + func + " (its public static "
                    + "methods: " + (publicStatic.isEmpty() ? "none" : String.join(", ", publicStatic)) + ")");
        }
        for (Method m : callable) {
            for (Parameter p : m.getParameters()) {
                if (!p.isNamePresent()) {
                    throw new NoSuchFunction("class " + type.getName() + " was compiled without parameter names, "
                            + "so " + func + " cannot be called by argument name: compile it with javac -parameters");
                }
            }
        }
        return callable;
    }

    private static boolean isPublicStatic(Method m) {
        return Modifier.isPublic(m.getModifiers()) && Modifier.isStatic(m.getModifiers());
    }

    /** The one candidate, or among overloads the one whose parameter names are the argument names. */
    private static Method choose(String ns, String func, List<Method> candidates, Set<String> names) {
        if (candidates.size() == 1) {
            return candidates.getFirst();
        }
        List<Method> matching = candidates.stream().filter(m -> parameterNames(m).equals(names)).toList();
        if (matching.size() == 1) {
            return matching.getFirst();
        }
        String listed = candidates.stream().map(FunctionRef::signature).collect(Collectors.joining(", "));
        if (matching.isEmpty()) {
            throw new NoSuchFunction(ns + "." + func + " is overloaded and no overload takes exactly the arguments "
                    + names.stream().collect(Collectors.joining(", ", "(", ")")) + ": " + listed);
        }
        throw new NoSuchFunction("several overloads of " + ns + "." + func + " take the arguments "
                + names.stream().collect(Collectors.joining(", ", "(", ")")) + ", so a call by name cannot choose: "
                + matching.stream().map(FunctionRef::signature).collect(Collectors.joining(", ")));
    }

    /** The names of the parameters that arguments bind to (all but an injected context or emitter). */
    private static Set<String> parameterNames(Method m) {
        Set<String> names = new LinkedHashSet<>();
        Parameter[] parameters = m.getParameters();
        for (int i = firstArgument(m); i < parameters.length; i++) {
            names.add(parameters[i].getName());
        }
        return names;
    }

    /** The index of the first parameter that takes an argument: 1 after a context or emitter, else 0. */
    static int firstArgument(Method m) {
        return kindOf(m) == FuncType.FUNCTION ? 0 : 1;
    }

    /** Each argument bound to its parameter's generic type, in parameter order. */
    private static Object[] bind(Method method, Map<String, Payload> kwargs) {
        Parameter[] parameters = method.getParameters();
        Set<String> names = parameterNames(method);
        List<String> problems = new ArrayList<>();
        for (String name : names) {
            if (!kwargs.containsKey(name)) {
                problems.add("missing args." + name);
            }
        }
        for (String name : kwargs.keySet()) {
            if (!names.contains(name)) {
                problems.add("unexpected args." + name);
            }
        }
        if (!problems.isEmpty()) {
            throw new BadArguments("bad arguments for " + FunctionRef.signature(method) + ": "
                    + String.join(", ", problems));
        }
        Object[] args = new Object[parameters.length];
        for (int i = firstArgument(method); i < parameters.length; i++) {
            Parameter p = parameters[i];
            Payload payload = kwargs.get(p.getName());
            try {
                args[i] = (payload == null ? Payload.NIL : payload).as(p.getParameterizedType(), "args." + p.getName());
            } catch (PayloadMismatch e) {
                throw new BadArguments("bad argument for " + FunctionRef.signature(method) + ": " + e.getMessage(), e);
            }
        }
        return args;
    }

    /** What the function threw, to be thrown as it is. */
    private static Exception unwrap(Throwable thrown) {
        if (thrown == null) {
            return new IllegalStateException("a remote function failed without an exception");
        }
        if (thrown instanceof Exception e) {
            return e;
        }
        if (thrown instanceof Error e) {
            throw e;
        }
        return new UndeclaredThrowableException(thrown);
    }

    @Override
    public String toString() {
        return "Invoker[enabled: " + enabled + "]";
    }
}
