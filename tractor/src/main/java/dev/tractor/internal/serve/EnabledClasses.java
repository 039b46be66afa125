package dev.tractor.internal.serve;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The classes whose functions an actor lets its peers call, from the entries its actor was started with:
 * each a class's binary name ({@code com.example.Primes}, {@code com.example.Outer$Inner} for a nested
 * class) or a package written {@code com.example.*}. A package entry covers the classes of that package
 * only, not of its subpackages ({@code com.example.*} allows {@code com.example.Primes} but not
 * {@code com.example.math.Primes}), as a Java import on demand does.
 *
 * <p>Nothing is enabled unless an entry names it: the runtime adds none of its own classes, so its
 * internals are callable only where an actor lists them. Immutable.
 */
public final class EnabledClasses {
    private final List<String> entries;
    private final Set<String> classes = new LinkedHashSet<>();
    private final Set<String> packages = new LinkedHashSet<>();

    private EnabledClasses(List<String> entries) {
        this.entries = entries;
        for (String entry : entries) {
            if (entry.endsWith(".*")) {
                packages.add(entry.substring(0, entry.length() - 2));
            } else {
                classes.add(entry);
            }
        }
    }

    /**
     * The classes that {@code entries} name.
     *
     * @throws IllegalArgumentException if an entry is neither a class name nor a package wildcard
     *     {@code com.example.*}
     */
    public static EnabledClasses of(Collection<String> entries) {
        List<String> list = List.copyOf(new LinkedHashSet<>(entries));
        for (String entry : list) {
            String name = entry.endsWith(".*") ? entry.substring(0, entry.length() - 2) : entry;
            if (!isQualifiedName(name)) {
                throw new IllegalArgumentException("'" + entry + "' names neither a class (com.example.Primes) nor "
                        + "the classes of a package (com.example.*)");
            }
        }
        return new EnabledClasses(list);
    }

    /** Whether the functions of the class with binary name {@code className} may be called. */
    boolean allows(String className) {
        if (classes.contains(className)) {
            return true;
        }
        int dot = className.lastIndexOf('.');
        return dot > 0 && packages.contains(className.substring(0, dot));
    }

    /** The entries, as in {@code com.example.Primes, com.example.util.*}, or {@code none}. */
    @Override
    public String toString() {
        return entries.isEmpty() ? "none" : String.join(", ", entries);
    }

    private static boolean isQualifiedName(String name) {
        if (name.isEmpty() || name.startsWith(".") || name.endsWith(".") || name.contains("..")) {
            return false;
        }
        for (String part : name.split("\\.")) {
            if (!Character.isJavaIdentifierStart(part.codePointAt(0))
                    || !part.codePoints().allMatch(Character::isJavaIdentifierPart)) {
                return false;
            }
        }
        return true;
    }
}
