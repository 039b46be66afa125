package dev.tractor.sc;

/**
 * The body of a {@link Nursery}: {@code n -> { n.startSoon(...); ... }}. It runs in the task that opened
 * the nursery, inside the nursery's cancel scope.
 */
@FunctionalInterface
public interface NurseryBody {
    /** Runs the body with the open nursery. */
    void run(Nursery nursery) throws Exception;
}
