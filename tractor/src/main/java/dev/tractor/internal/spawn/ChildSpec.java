package dev.tractor.internal.spawn;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What to start: an actor's process.
 *
 * <p>{@code name} and {@code uid} go on the child's command line (as {@code -Dtractor.actor=name@uid}) so
 * that {@code ps} shows which actor each process is. {@code env} goes into the child's environment and is
 * the place for secrets: other users can read a command line, not an environment. Everything else of
 * the command line ({@code mainClass}, {@code args}, {@code jvmOptions}) is visible to them.
 *
 * <p>The collections are copied; the record is immutable.
 *
 * @param name the actor's name, as the parent calls it
 * @param uid the actor's unique id
 * @param mainClass the fully qualified (binary) name of the class whose {@code main} the child runs
 * @param args the arguments of that {@code main}
 * @param env variables added to the child's environment (which otherwise is the parent's)
 * @param jvmOptions options for the child's JVM, such as {@code -Xmx64m}, placed after the ones it
 *     inherits so that they win
 */
public record ChildSpec(String name, String uid, String mainClass, List<String> args, Map<String, String> env,
        List<String> jvmOptions) {

    /**
     * Checks and copies the parts.
     *
     * @throws NullPointerException if any part, element, key or value is null
     * @throws IllegalArgumentException if {@code name}, {@code uid} or {@code mainClass} is empty, or an
     *     environment variable's name is empty or contains {@code '='} or a NUL character
     */
    public ChildSpec {
        requireText(name, "name");
        requireText(uid, "uid");
        requireText(mainClass, "mainClass");
        args = List.copyOf(Objects.requireNonNull(args, "args"));
        env = Map.copyOf(Objects.requireNonNull(env, "env"));
        jvmOptions = List.copyOf(Objects.requireNonNull(jvmOptions, "jvmOptions"));
        for (var variable : env.entrySet()) {
            String key = variable.getKey();
            if (key.isEmpty() || key.indexOf('=') >= 0 || key.indexOf('\0') >= 0
                    || variable.getValue().indexOf('\0') >= 0) {
                throw new IllegalArgumentException("invalid environment variable for actor " + name + "@" + uid
                        + ": '" + key + "' (a name must be non-empty, without '=' or NUL; a value without NUL)");
            }
        }
    }

    /** A spec with no arguments, no added environment and no JVM options. */
    public ChildSpec(String name, String uid, String mainClass) {
        this(name, uid, mainClass, List.of(), Map.of(), List.of());
    }

    /** {@code name@uid}, the value of the child's {@code tractor.actor} system property. */
    public String actor() {
        return name + "@" + uid;
    }

    /** The env values are secrets: they never appear in the string form. */
    @Override
    public String toString() {
        return "ChildSpec[actor=" + actor() + ", mainClass=" + mainClass + ", args=" + args + ", env="
                + env.keySet() + ", jvmOptions=" + jvmOptions + "]";
    }

    private static void requireText(String value, String what) {
        Objects.requireNonNull(value, what);
        if (value.isEmpty()) {
            throw new IllegalArgumentException(what + " must not be empty");
        }
    }
}
