package dev.tractor.sc;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.function.Supplier;

/**
 * Iterates over what a receive returns until it raises {@link EndOfChannel}: {@code hasNext()} is the
 * receive, and so a checkpoint that waits. For channels, which carry no {@code null}.
 */
final class ReceivingIterator<T> implements Iterator<T> {
    private final Supplier<T> receive;
    private T next;
    private boolean ended;

    ReceivingIterator(Supplier<T> receive) {
        this.receive = receive;
    }

    @Override
    public boolean hasNext() {
        if (next == null && !ended) {
            try {
                next = receive.get();
            } catch (EndOfChannel end) {
                ended = true;
            }
        }
        return next != null;
    }

    @Override
    public T next() {
        if (!hasNext()) {
            throw new NoSuchElementException("the channel has ended");
        }
        T v = next;
        next = null;
        return v;
    }
}
