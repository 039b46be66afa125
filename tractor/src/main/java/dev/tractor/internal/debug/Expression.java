package dev.tractor.internal.debug;

import com.sun.jdi.AbsentInformationException;
import com.sun.jdi.ArrayReference;
import com.sun.jdi.Field;
import com.sun.jdi.IncompatibleThreadStateException;
import com.sun.jdi.LocalVariable;
import com.sun.jdi.ObjectReference;
import com.sun.jdi.ReferenceType;
import com.sun.jdi.StackFrame;
import com.sun.jdi.ThreadReference;
import com.sun.jdi.Value;
import java.io.Serial;
import java.util.ArrayList;
import java.util.List;

/**
 * The expressions of {@code print}: a local variable, {@code this}, or a field of the current class, followed
 * by any number of field accesses ({@code .name}), array elements ({@code [3]}) and calls with literal
 * arguments ({@code .size()}, {@code .get(2)}, {@code .startsWith("a")}). Calls run in the debuggee.
 */
final class Expression {
    /** What the current frame is, fetched again after every call (a call invalidates the frames). */
    interface FrameSource {
        StackFrame frame() throws IncompatibleThreadStateException;
    }

    /** An expression that names nothing there is, or is not of this little language. */
    static final class Unknown extends Exception {
        @Serial
        private static final long serialVersionUID = 1L;

        Unknown(String message) {
            super(message);
        }
    }

    private final String text;
    private final ThreadReference thread;
    private final FrameSource frames;
    private int at;

    Expression(String text, ThreadReference thread, FrameSource frames) {
        this.text = text.strip();
        this.thread = thread;
        this.frames = frames;
    }

    Value evaluate() throws Unknown {
        try {
            Value value = primary();
            while (at < text.length()) {
                char c = text.charAt(at);
                if (c == '.') {
                    at++;
                    String name = identifier();
                    value = skipSpaces() == '(' ? call(value, name) : field(value, name);
                } else if (c == '[') {
                    at++;
                    int index = Integer.parseInt(until(']').strip());
                    at++;
                    if (!(value instanceof ArrayReference array)) {
                        throw new Unknown("not an array: " + text.substring(0, at));
                    }
                    if (index < 0 || index >= array.length()) {
                        throw new Unknown("index " + index + " is outside the array's " + array.length() + " elements");
                    }
                    value = array.getValue(index);
                } else if (c == ' ') {
                    at++;
                } else {
                    throw new Unknown("cannot read '" + text.substring(at) + "' (print takes a name, .field, "
                            + "[index] and .method(literals))");
                }
            }
            return value;
        } catch (NumberFormatException e) {
            throw new Unknown("not an index: " + e.getMessage());
        } catch (IncompatibleThreadStateException | RuntimeException | ReflectiveCall e) {
            throw new Unknown("cannot evaluate " + text + ": " + e.getMessage());
        }
    }

    private Value primary() throws Unknown, IncompatibleThreadStateException {
        String name = identifier();
        StackFrame frame = frames.frame();
        if (name.equals("this")) {
            return frame.thisObject();
        }
        try {
            LocalVariable local = frame.visibleVariableByName(name);
            if (local != null) {
                return frame.getValue(local);
            }
        } catch (AbsentInformationException noNames) {
            // no locals to look in (compiled without -g): fields only
        }
        ObjectReference self = frame.thisObject();
        ReferenceType type = self != null ? self.referenceType() : frame.location().declaringType();
        Field field = type.fieldByName(name);
        if (field == null) {
            throw new Unknown("no local variable or field named " + name + " here");
        }
        return field.isStatic() ? type.getValue(field) : self.getValue(field);
    }

    private Value field(Value value, String name) throws Unknown {
        if (!(value instanceof ObjectReference object)) {
            throw new Unknown("not an object: " + text.substring(0, at - name.length() - 1));
        }
        Field field = object.referenceType().fieldByName(name);
        if (field == null) {
            throw new Unknown(object.referenceType().name() + " has no field " + name);
        }
        return object.getValue(field);
    }

    private Value call(Value value, String name) throws Unknown, ReflectiveCall {
        if (!(value instanceof ObjectReference object)) {
            throw new Unknown("not an object: " + text.substring(0, at - name.length() - 1));
        }
        at++; // (
        List<Value> arguments = new ArrayList<>();
        while (skipSpaces() != ')') {
            arguments.add(literal());
            if (skipSpaces() == ',') {
                at++;
            }
        }
        at++; // )
        try {
            return Values.invoke(object, name, arguments, thread);
        } catch (IllegalArgumentException e) {
            throw new Unknown(e.getMessage());
        } catch (Exception e) {
            throw new ReflectiveCall(name + "() failed in the debuggee: " + e);
        }
    }

    private Value literal() throws Unknown {
        char c = skipSpaces();
        if (c == '"') {
            at++;
            String s = until('"');
            at++;
            return thread.virtualMachine().mirrorOf(s);
        }
        String token = until(',', ')').strip();
        if (token.equals("true") || token.equals("false")) {
            return thread.virtualMachine().mirrorOf(Boolean.parseBoolean(token));
        }
        try {
            return thread.virtualMachine().mirrorOf(Integer.parseInt(token));
        } catch (NumberFormatException e) {
            throw new Unknown("arguments are literals (numbers, \"strings\", true, false): " + token);
        }
    }

    private String identifier() throws Unknown {
        skipSpaces();
        int start = at;
        while (at < text.length() && Character.isJavaIdentifierPart(text.charAt(at))) {
            at++;
        }
        if (start == at) {
            throw new Unknown("expected a name at '" + text.substring(start) + "'");
        }
        return text.substring(start, at);
    }

    private char skipSpaces() {
        while (at < text.length() && text.charAt(at) == ' ') {
            at++;
        }
        return at < text.length() ? text.charAt(at) : '\0';
    }

    private String until(char... ends) throws Unknown {
        int start = at;
        while (at < text.length() && new String(ends).indexOf(text.charAt(at)) < 0) {
            at++;
        }
        if (at >= text.length()) {
            throw new Unknown("unfinished: " + text);
        }
        return text.substring(start, at);
    }

    /** A call in the debuggee that failed (it threw, or cannot run there now). */
    private static final class ReflectiveCall extends Exception {
        @Serial
        private static final long serialVersionUID = 1L;

        ReflectiveCall(String message) {
            super(message);
        }
    }
}
