package dev.tractor.internal.debug;

import com.sun.jdi.ClassType;
import com.sun.jdi.Field;
import com.sun.jdi.IncompatibleThreadStateException;
import com.sun.jdi.Location;
import com.sun.jdi.ObjectReference;
import com.sun.jdi.ReferenceType;
import com.sun.jdi.StackFrame;
import com.sun.jdi.StringReference;
import com.sun.jdi.Value;
import com.sun.jdi.event.ExceptionEvent;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which thrown exceptions are crashes, for the post-mortem (ADR 0021): those about to leave the user's code
 * for good, at the moment they are thrown, while the raising frames are still live. The runtime hands user
 * code its exceptions back at three places, each a method that only catches: a task of a nursery
 * ({@code Nursery.runTask}), a function or context served for a peer ({@code Invoker.run}), and the
 * root's body ({@code Tractor.runBody}). An exception is a crash when the place that will catch it is one of
 * them and it passes through user code on the way; cancellations and a quit debugger are not crashes, nor is
 * one already stopped on (the same exception rethrown further out).
 */
final class Crash {
    /** The methods that catch what user code throws, as {@code type.method}; {@code CrashTest} checks they exist. */
    static final List<String> BOUNDARIES = List.of("dev.tractor.sc.Nursery.runTask",
            "dev.tractor.internal.serve.Invoker.run", "dev.tractor.Tractor.runBody");
    /** Exceptions that end code without being its failure. */
    private static final List<String> NOT_CRASHES = List.of("dev.tractor.sc.Cancelled", DebuggerQuit.class.getName(),
            "java.lang.InterruptedException", "dev.tractor.ContextCancelled");
    private static final String REMOTE_ERROR = "dev.tractor.RemoteActorError";

    /** The exceptions stopped on, by JDI object id. */
    private final Set<Long> stoppedOn = ConcurrentHashMap.newKeySet();

    /** Whether {@code thrown} is a crash; if so, it is remembered as stopped on. */
    boolean isCrash(ExceptionEvent thrown) {
        Location catcher = thrown.catchLocation();
        if (catcher == null || !BOUNDARIES.contains(catcher.declaringType().name() + "." + catcher.method().name())) {
            return false;
        }
        ObjectReference exception = thrown.exception();
        if (isA(exception.referenceType(), NOT_CRASHES) || isQuitOrCancelledElsewhere(exception)
                || stoppedOnBefore(exception) || !passesThroughUserCode(thrown, catcher)) {
            return false;
        }
        stoppedOn.add(exception.uniqueID());
        return true;
    }

    /** Whether any frame between the throw and the catcher is the user's. */
    private static boolean passesThroughUserCode(ExceptionEvent thrown, Location catcher) {
        try {
            for (StackFrame frame : thrown.thread().frames()) {
                Location at = frame.location();
                if (at.method().equals(catcher.method())) {
                    return false;
                }
                if (UserCode.is(at)) {
                    return true;
                }
            }
        } catch (IncompatibleThreadStateException e) {
            return false; // not stopped after all: not ours to hold
        }
        return false;
    }

    /** Whether the exception or one of its causes was stopped on already (it is being passed on). */
    private boolean stoppedOnBefore(ObjectReference exception) {
        ObjectReference e = exception;
        for (int depth = 0; e != null && depth < 10; depth++) {
            if (stoppedOn.contains(e.uniqueID())) {
                return true;
            }
            Value cause = e.getValue(throwableField(e, "cause"));
            e = cause instanceof ObjectReference c && !c.equals(e) ? c : null;
        }
        return false;
    }

    /** A remote error that is a cancellation or a quit debugger over there. */
    private static boolean isQuitOrCancelledElsewhere(ObjectReference exception) {
        ReferenceType type = exception.referenceType();
        if (!isA(type, List.of(REMOTE_ERROR))) {
            return false;
        }
        Field remoteType = ((ClassType) type).fieldByName("remoteType");
        return remoteType != null && exception.getValue(remoteType) instanceof StringReference s
                && NOT_CRASHES.contains(s.value());
    }

    private static Field throwableField(ObjectReference e, String name) {
        ClassType type = (ClassType) e.referenceType();
        while (!type.name().equals("java.lang.Throwable")) {
            type = type.superclass();
        }
        return type.fieldByName(name);
    }

    private static boolean isA(ReferenceType type, List<String> names) {
        for (ClassType t = type instanceof ClassType c ? c : null; t != null; t = t.superclass()) {
            if (names.contains(t.name())) {
                return true;
            }
        }
        return false;
    }
}
