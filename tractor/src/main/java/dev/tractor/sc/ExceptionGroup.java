package dev.tractor.sc;

import java.io.Serial;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The errors of several tasks that failed in the same scope, raised together (Python's
 * {@code ExceptionGroup}, as used by trio nurseries).
 *
 * <p>A {@link Nursery} raises a single failure as itself and two or more as an {@code ExceptionGroup}, in
 * the order they happened (the nursery body's own error first). Every member is also added as a
 * {@linkplain #getSuppressed() suppressed} exception, so a printed stack trace shows all of them. Groups
 * nest when nurseries nest; {@link #leaves()} flattens them.
 *
 * <p>Handling either shape with one piece of code:
 * <pre>{@code
 * try {
 *     Nursery.open(n -> { ... });
 * } catch (Exception e) {
 *     Optional<IOException> io = ExceptionGroup.find(e, IOException.class);
 *     ...
 * }
 * }</pre>
 */
public final class ExceptionGroup extends RuntimeException {
    @Serial
    private static final long serialVersionUID = 1L;

    /** The members; transient because the group is never serialized by this project. */
    private final transient List<Throwable> exceptions;
    /** What failed, without the summary of the members that {@link #getMessage()} adds. */
    private final String headline;

    /**
     * Creates a group of the given failures.
     *
     * @param headline what failed, for example "2 failures in a nursery"; the message adds a summary of
     *     the members
     * @param exceptions at least one failure; none may be {@code null}
     * @throws IllegalArgumentException if {@code exceptions} is empty
     */
    public ExceptionGroup(String headline, List<? extends Throwable> exceptions) {
        super(headline + ": " + summary(exceptions), null, true, true);
        if (exceptions.isEmpty()) {
            throw new IllegalArgumentException("an ExceptionGroup needs at least one exception");
        }
        this.headline = headline;
        this.exceptions = List.copyOf(exceptions);
        this.exceptions.forEach(this::addSuppressed);
    }

    private static String summary(List<? extends Throwable> exceptions) {
        List<String> parts = new ArrayList<>();
        for (Throwable t : exceptions) {
            parts.add(t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage()));
        }
        return String.join("; ", parts);
    }

    /** The direct members, in the order they were raised. */
    public List<Throwable> exceptions() {
        return exceptions;
    }

    /** Every failure in this group and its nested groups, depth first; never a group itself. */
    public List<Throwable> leaves() {
        List<Throwable> out = new ArrayList<>();
        collectLeaves(this, out);
        return out;
    }

    private static void collectLeaves(Throwable t, List<Throwable> out) {
        if (t instanceof ExceptionGroup g) {
            g.exceptions.forEach(e -> collectLeaves(e, out));
        } else {
            out.add(t);
        }
    }

    /**
     * Splits the group in two by a predicate on its leaves, keeping the nesting: the part whose leaves
     * match and the rest, each empty when nothing falls into it.
     */
    public Split split(Predicate<? super Throwable> matches) {
        return new Split(subgroup(this, matches), subgroup(this, matches.negate()));
    }

    /** Splits the group by leaf type; see {@link #split(Predicate)}. */
    public Split split(Class<? extends Throwable> type) {
        return split(type::isInstance);
    }

    private static Optional<Throwable> subgroup(Throwable t, Predicate<? super Throwable> matches) {
        if (!(t instanceof ExceptionGroup g)) {
            return matches.test(t) ? Optional.of(t) : Optional.empty();
        }
        List<Throwable> kept = new ArrayList<>();
        for (Throwable member : g.exceptions) {
            subgroup(member, matches).ifPresent(kept::add);
        }
        if (kept.isEmpty()) {
            return Optional.empty();
        }
        if (kept.equals(g.exceptions)) {
            return Optional.of(g);
        }
        return Optional.of(new ExceptionGroup(g.headline + " (" + kept.size() + " of " + g.exceptions.size()
                + " after a split)", kept));
    }

    /** What failed, without the summary of the members. */
    public String headline() {
        return headline;
    }

    /**
     * Finds the first failure of the given type in {@code failure}, which may be a plain exception or a
     * (nested) group: the way to handle "one failure or several" with a single piece of code.
     */
    public static <E extends Throwable> Optional<E> find(Throwable failure, Class<E> type) {
        if (failure instanceof ExceptionGroup g) {
            for (Throwable leaf : g.leaves()) {
                if (type.isInstance(leaf)) {
                    return Optional.of(type.cast(leaf));
                }
            }
            return Optional.empty();
        }
        return type.isInstance(failure) ? Optional.of(type.cast(failure)) : Optional.empty();
    }

    /**
     * The two halves of a {@link #split}: each is a group, a single exception, or empty.
     *
     * @param matching the failures that matched
     * @param rest the failures that did not
     */
    public record Split(Optional<Throwable> matching, Optional<Throwable> rest) {
    }
}
