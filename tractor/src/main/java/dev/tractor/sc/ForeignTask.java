package dev.tractor.sc;

import java.util.concurrent.CompletionStage;

/**
 * Foreign asynchronous code that talks to a structured task over a {@link ForeignChannel}: it is handed its
 * {@link ForeignEnd}, starts its work on its own executor or event loop, and returns a future of that work.
 *
 * <pre>{@code
 * ForeignTask<String, String> echo = end -> CompletableFuture.runAsync(() -> {
 *     end.started("ready");
 *     for (;;) {
 *         String line = end.receive().join();   // a foreign thread may block on its own futures
 *         end.send(line).join();
 *     }
 * }, executor);
 * }</pre>
 *
 * @param <I> the type of the values the foreign side sends (what the structured side receives)
 * @param <O> the type of the values the structured side sends (what the foreign side receives)
 */
@FunctionalInterface
public interface ForeignTask<I, O> {
    /**
     * Starts the foreign work and returns at once: it is called in the structured task that opens the
     * channel, so it must not wait for anything. The work calls {@link ForeignEnd#started} first.
     *
     * @param end the foreign side's end of the channel; usable from any thread
     * @return a future that completes when the foreign work has ended: normally, exceptionally with its
     *     failure, or cancelled. Its end is the foreign task's end, so it must not complete before the work
     *     has stopped (a {@code CompletableFuture.runAsync} or an event loop's future of the whole work is
     *     right; a future completed early by hand is not)
     * @throws Exception if the work could not be started; it comes out of {@link ForeignChannel#open}
     */
    CompletionStage<?> start(ForeignEnd<I, O> end) throws Exception;
}
