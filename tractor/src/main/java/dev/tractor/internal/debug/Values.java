package dev.tractor.internal.debug;

import com.sun.jdi.ArrayReference;
import com.sun.jdi.CharValue;
import com.sun.jdi.ClassNotLoadedException;
import com.sun.jdi.IncompatibleThreadStateException;
import com.sun.jdi.InvalidTypeException;
import com.sun.jdi.InvocationException;
import com.sun.jdi.Method;
import com.sun.jdi.ObjectReference;
import com.sun.jdi.PrimitiveValue;
import com.sun.jdi.StringReference;
import com.sun.jdi.ThreadReference;
import com.sun.jdi.Value;
import java.util.ArrayList;
import java.util.List;

/** How the REPL shows a value of the debuggee: as Java source would write it, objects by their toString(). */
final class Values {
    /** Arrays longer than this are cut, with a count of the rest. */
    static final int ARRAY_ELEMENTS = 20;

    private Values() {
    }

    /**
     * The value as text. An object's {@code toString()} runs in the debuggee, on {@code thread} (which must be
     * stopped at an event; its frames must be fetched again afterwards).
     */
    static String show(Value value, ThreadReference thread) {
        if (value == null) {
            return "null";
        }
        if (value instanceof StringReference s) {
            return quote(s.value());
        }
        if (value instanceof CharValue c) {
            return "'" + c.value() + "'";
        }
        if (value instanceof PrimitiveValue p) {
            return p.toString();
        }
        if (value instanceof ArrayReference array) {
            List<String> shown = new ArrayList<>();
            int n = Math.min(array.length(), ARRAY_ELEMENTS);
            for (Value element : array.getValues(0, n)) {
                shown.add(show(element, thread));
            }
            if (array.length() > n) {
                shown.add("... " + (array.length() - n) + " more");
            }
            return "[" + String.join(", ", shown) + "]";
        }
        ObjectReference object = (ObjectReference) value;
        try {
            Value text = invoke(object, "toString", List.of(), thread);
            return text instanceof StringReference s ? s.value() : object.toString();
        } catch (Exception e) {
            return object.referenceType().name() + " (toString() failed: " + e.getMessage() + ")";
        }
    }

    /** Calls the instance method {@code name} with {@code arguments} in the debuggee, on {@code thread} alone. */
    static Value invoke(ObjectReference object, String name, List<Value> arguments, ThreadReference thread)
            throws InvalidTypeException, ClassNotLoadedException, IncompatibleThreadStateException,
            InvocationException {
        Method method = object.referenceType().methodsByName(name).stream()
                .filter(m -> m.argumentTypeNames().size() == arguments.size() && !m.isStatic()).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(object.referenceType().name() + " has no method "
                        + name + " of " + arguments.size() + " arguments"));
        return object.invokeMethod(thread, method, arguments, ObjectReference.INVOKE_SINGLE_THREADED);
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }
}
