package dev.tractor.sc;

/**
 * The structured side of a {@link ForeignChannel}: what runs, in the opening task, while the foreign task
 * runs.
 *
 * @param <I> the type of the values the foreign side sends (what this side receives)
 * @param <O> the type of the values this side sends
 * @param <R> the type of what the body returns (and {@link ForeignChannel#open} with it)
 * @param <X> the checked exception the body may throw (and {@code open} with it)
 */
@FunctionalInterface
public interface ForeignChannelBody<I, O, R, X extends Exception> {
    /**
     * Talks to the foreign task.
     *
     * @param channel this side's end of the channel
     * @param first the value the foreign task passed to {@link ForeignEnd#started}
     * @return what {@link ForeignChannel#open} returns
     * @throws X anything; it ends the channel (the foreign side gets {@link StructuredTaskExited}) and comes
     *     out of {@code open}
     */
    R run(ForeignChannel<I, O> channel, I first) throws X;
}
