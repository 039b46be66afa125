package dev.tractor.internal.debug;

import com.sun.jdi.Location;
import java.util.List;

/**
 * Which frames are the user's: everything but the JDK and tractor's own runtime. The REPL hides the others,
 * {@code step} does not enter them, and a crash is an exception that passes through a user's frame.
 */
final class UserCode {
    /** Packages (and the one class) of code that is not the user's. */
    static final List<String> NOT_USER_CODE = List.of("java.", "javax.", "jdk.", "sun.", "com.sun.",
            "dev.tractor.internal.", "dev.tractor.sc.", "dev.tractor.Tractor");

    private UserCode() {
    }

    static boolean is(Location location) {
        String type = location.declaringType().name();
        if (type.contains("$$Lambda")) {
            return false; // the JVM's generated class of a lambda: one frame of no source between two real ones
        }
        for (String prefix : NOT_USER_CODE) {
            if (type.startsWith(prefix) && (prefix.endsWith(".") || type.length() == prefix.length()
                    || type.charAt(prefix.length()) == '$')) {
                return false;
            }
        }
        return true;
    }
}
