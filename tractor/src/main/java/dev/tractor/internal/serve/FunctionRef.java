package dev.tractor.internal.serve;

import dev.tractor.internal.context.ContextImpl;
import dev.tractor.internal.context.EmitterImpl;
import dev.tractor.Context;
import dev.tractor.Emitter;
import dev.tractor.EmitterFn0;
import dev.tractor.ContextFn0;
import dev.tractor.ContextProc4;
import dev.tractor.EmitterFn4;
import dev.tractor.Fn0;
import dev.tractor.Fn4;
import dev.tractor.Proc0;
import dev.tractor.Proc4;
import dev.tractor.internal.ipc.Frames;
import dev.tractor.internal.msg.Payload;
import dev.tractor.ipc.FrameTooLarge;
import dev.tractor.msg.PayloadMismatch;
import java.io.Serializable;
import java.lang.invoke.MethodHandleInfo;
import java.lang.invoke.MethodType;
import java.lang.invoke.SerializedLambda;
import java.lang.reflect.InaccessibleObjectException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The caller's side of a remote call: the public static method that a method reference
 * ({@link Fn0}..{@link Fn4}, {@link Proc0}..{@link Proc4}, {@link ContextFn0}..{@link ContextProc4},
 * {@link EmitterFn0}..{@link EmitterFn4}) names, as the class name ({@link #ns()}) and
 * method name ({@link #func()}) that a {@code Start} message carries, with the arguments turned into
 * kwargs by parameter name ({@link #kwargs(Object...)}). The callee's side is {@link Invoker}.
 *
 * <p>Immutable and shared between threads; {@link #of} caches one per method-reference class.
 */
public final class FunctionRef {
    /*
     * How the method is found. A serializable method reference's class has a synthetic, private
     * writeReplace method that returns a SerializedLambda: the compiler's record of the method handle the
     * reference was made from (its kind, class, name and descriptor) and of the values it captured. We
     * call writeReplace by reflection and read that record; nothing is serialized. A lambda shows up as a
     * method named lambda$..., a bound reference (obj::method) as a captured receiver, an unbound instance
     * method or a constructor as a reference kind other than invokeStatic: all refused here, so that a
     * mistake fails in the caller's code rather than as a remote error.
     *
     * A non-capturing method reference is one instance per call site class, and all instances of that
     * class name the same method, so the result is cached per class (ClassValue: no leak when the class
     * is unloaded). Refusals are not cached; they are programming errors, not a hot path.
     */

    private static final String USE_STATIC = "use a static method reference such as Primes::isPrime";

    /** Per method-reference class: the slot its FunctionRef goes into once extracted. */
    private static final ClassValue<Slot> CACHE = new ClassValue<>() {
        @Override
        protected Slot computeValue(Class<?> type) {
            return new Slot();
        }
    };

    private static final class Slot {
        volatile FunctionRef ref;
    }

    private final Method method;
    private final Parameter[] parameters;

    private FunctionRef(Method method) {
        this.method = method;
        this.parameters = method.getParameters();
    }

    /**
     * The public static method that {@code fn} references.
     *
     * @throws IllegalArgumentException if {@code fn} is a lambda, a bound reference ({@code obj::method}),
     *     a reference to an instance method or a constructor, a reference to a method that is not public,
     *     or not a method reference at all
     */
    public static FunctionRef of(Serializable fn) {
        Objects.requireNonNull(fn, "fn");
        Slot slot = CACHE.get(fn.getClass());
        FunctionRef ref = slot.ref;
        if (ref == null) {
            ref = extract(fn);
            slot.ref = ref;
        }
        return ref;
    }

    private static FunctionRef extract(Serializable fn) {
        SerializedLambda lambda = serializedLambda(fn);
        String implClass = lambda.getImplClass().replace('/', '.');
        String name = lambda.getImplMethodName();
        String shown = simpleName(implClass) + "::" + name;
        if (name.startsWith("lambda$")) {
            throw new IllegalArgumentException("a lambda cannot be called remotely; " + USE_STATIC
                    + " (a reference to a varargs method is compiled to a lambda too)");
        }
        if (lambda.getCapturedArgCount() != 0) {
            throw new IllegalArgumentException("a bound method reference (object::" + name + ") captures its "
                    + "receiver and cannot be called remotely; " + USE_STATIC);
        }
        int kind = lambda.getImplMethodKind();
        if (kind == MethodHandleInfo.REF_newInvokeSpecial) {
            throw new IllegalArgumentException("a constructor reference (" + simpleName(implClass) + "::new) "
                    + "cannot be called remotely; " + USE_STATIC);
        }
        if (kind != MethodHandleInfo.REF_invokeStatic) {
            throw new IllegalArgumentException(shown + " is an instance method, which cannot be called "
                    + "remotely; " + USE_STATIC);
        }
        Method method = resolve(fn, implClass, name, lambda.getImplMethodSignature());
        if (!Modifier.isPublic(method.getModifiers())) {
            throw new IllegalArgumentException(shown + " is not public, and only public static methods can be "
                    + "called remotely");
        }
        return new FunctionRef(method);
    }

    private static SerializedLambda serializedLambda(Serializable fn) {
        Class<?> type = fn.getClass();
        if (!type.isHidden() && !type.isSynthetic()) { // a class of its own, not the compiler's method reference
            throw notAMethodReference(type);
        }
        Method writeReplace;
        try {
            writeReplace = type.getDeclaredMethod("writeReplace");
        } catch (NoSuchMethodException e) {
            throw notAMethodReference(type);
        }
        try {
            writeReplace.setAccessible(true);
            if (writeReplace.invoke(fn) instanceof SerializedLambda lambda) {
                return lambda;
            }
        } catch (InaccessibleObjectException e) {
            throw new IllegalArgumentException("cannot read which method " + type.getName() + " references: open "
                    + "its package " + type.getPackageName() + " to module dev.tractor", e);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalArgumentException("cannot read which method " + type.getName() + " references", e);
        }
        throw notAMethodReference(type);
    }

    private static IllegalArgumentException notAMethodReference(Class<?> type) {
        return new IllegalArgumentException(type.getName() + " is not a method reference; " + USE_STATIC);
    }

    /** Finds the method in {@code implClass} or, for an inherited static method, a superclass. */
    private static Method resolve(Serializable fn, String implClass, String name, String descriptor) {
        Class<?> owner;
        try {
            owner = Class.forName(implClass, false, fn.getClass().getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalArgumentException("cannot load " + implClass + ", the class of the referenced method",
                    e);
        }
        for (Class<?> c = owner; c != null; c = c.getSuperclass()) {
            for (Method m : c.getDeclaredMethods()) {
                if (m.getName().equals(name) && Modifier.isStatic(m.getModifiers()) && descriptor.equals(
                        MethodType.methodType(m.getReturnType(), m.getParameterTypes()).toMethodDescriptorString())) {
                    return m;
                }
            }
        }
        throw new IllegalArgumentException("no static method " + name + descriptor + " in " + implClass);
    }

    private static String simpleName(String className) {
        return className.substring(className.lastIndexOf('.') + 1).replace('$', '.');
    }

    /**
     * The binary name of the class that declares the method ({@code com.example.Primes}, or
     * {@code com.example.Outer$Inner} for a nested class): the {@code ns} of a {@code Start} message.
     */
    public String ns() {
        return method.getDeclaringClass().getName();
    }

    /** The method's name: the {@code func} of a {@code Start} message. */
    public String func() {
        return method.getName();
    }

    /** The referenced method. */
    Method method() {
        return method;
    }

    /**
     * The method's generic return type, the type to bind its result to: {@code List<Point>} as a
     * {@link java.lang.reflect.ParameterizedType}; a primitive type comes boxed ({@code Integer} for
     * {@code int}, {@code Void} for {@code void}).
     */
    public Type returnType() {
        Type type = method.getGenericReturnType();
        return type instanceof Class<?> c && c.isPrimitive() ? MethodType.methodType(c).wrap().returnType() : type;
    }

    /** Whether the method is a plain function, a context function or a one-way streaming function. */
    dev.tractor.internal.msg.FuncType kind() {
        return Invoker.kindOf(method);
    }

    /**
     * The type argument of the method's first parameter ({@code String} for {@code ContextImpl<String>} or
     * {@code EmitterImpl<String>}); {@code Object} if it has none.
     */
    public Type injectedTypeArgument() {
        Type type = parameters[0].getParameterizedType();
        if (type instanceof java.lang.reflect.ParameterizedType p) {
            Type argument = p.getActualTypeArguments()[0];
            return argument instanceof Class<?> || argument instanceof java.lang.reflect.ParameterizedType
                    ? argument : Object.class;
        }
        return Object.class;
    }

    /**
     * The arguments as kwargs: parameter name to encoded value, in parameter order; a first parameter of
     * type {@link Context} or {@link Emitter} takes no argument.
     *
     * @throws IllegalArgumentException if the number of arguments differs from the method's, or an
     *     argument has a type that a payload cannot carry
     * @throws FrameTooLarge if an argument alone is larger than a message may be (it is measured, not
     *     copied)
     * @throws IllegalStateException if the method's class was compiled without {@code -parameters}, so
     *     the parameter names the callee binds by are missing
     */
    public Map<String, Payload> kwargs(Object... args) {
        Object[] values = args == null ? new Object[] {null} : args;
        int first = Invoker.firstArgument(method); // a context or emitter is not an argument
        int expected = parameters.length - first;
        if (values.length != expected) {
            throw new IllegalArgumentException(this + " takes " + expected + " argument"
                    + (expected == 1 ? "" : "s") + ", got " + values.length);
        }
        Map<String, Payload> kwargs = new LinkedHashMap<>();
        for (int i = first; i < parameters.length; i++) {
            Parameter p = parameters[i];
            if (!p.isNamePresent()) {
                throw new IllegalStateException(ns() + " was compiled without parameter names, so " + func()
                        + " cannot be called remotely: compile it with javac -parameters");
            }
            try {
                kwargs.put(p.getName(), Payload.of(values[i - first], Frames.maxFrameBytes()));
            } catch (PayloadMismatch e) {
                throw new IllegalArgumentException("argument " + p.getName() + " of " + this + " cannot be sent: "
                        + e.getMessage(), e);
            } catch (FrameTooLarge e) {
                throw new FrameTooLarge("argument " + p.getName() + " of " + this + " cannot be sent: "
                        + e.getMessage(), e.bytes(), e.limit());
            }
        }
        long together = 0;
        for (Payload v : kwargs.values()) {
            together += v.size();
        }
        if (together > Frames.maxFrameBytes()) { // each fits, but they travel in one message
            throw new FrameTooLarge(String.format(Locale.ROOT, "the arguments of %s cannot be sent together: "
                    + "%,d bytes are larger than the limit of %,d bytes on a message (%s)", this, together,
                    Frames.maxFrameBytes(), FrameTooLarge.LIMIT_PROPERTY), together, Frames.maxFrameBytes());
        }
        return kwargs;
    }

    /** The method as {@code com.example.Primes.isPrime(long n)}. */
    @Override
    public String toString() {
        return signature(method);
    }

    /**
     * A method as {@code com.example.Primes.isPrime(long n)}: the class's binary name, the method's name,
     * and its parameters' generic types without package names ({@code List<Point> points}) and names.
     */
    static String signature(Method method) {
        return method.getDeclaringClass().getName() + "." + method.getName() + Arrays.stream(method.getParameters())
                .map(p -> p.getParameterizedType().getTypeName().replaceAll("\\b[a-z][\\w]*\\.", "") + " "
                        + p.getName())
                .collect(Collectors.joining(", ", "(", ")"));
    }
}
