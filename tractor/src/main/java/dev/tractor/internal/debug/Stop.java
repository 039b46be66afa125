package dev.tractor.internal.debug;

import com.sun.jdi.ObjectReference;
import com.sun.jdi.ThreadReference;

/**
 * A thread of a watched actor that stopped for the debugger and waits for its turn at the terminal: at a
 * pause, or at a crash (the exception about to leave the user's code, its frames still live).
 *
 * @param watch the actor's JVM
 * @param thread the stopped thread, suspended until its session lets it go
 * @param exception the exception being thrown, for a crash; null for a pause
 */
record Stop(Watch watch, ThreadReference thread, ObjectReference exception) {
}
