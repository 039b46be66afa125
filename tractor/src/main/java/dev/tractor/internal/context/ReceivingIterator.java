package dev.tractor.internal.context;

import dev.tractor.sc.EndOfChannel;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.function.Supplier;

/**
 * Iterates by calling a receive function until it raises {@link EndOfChannel}: {@code hasNext()} is a
 * checkpoint that waits for the next value. For the streams and receivers of this package.
 */
public final class ReceivingIterator<T> implements Iterator<T> {
    private final Supplier<T> receive;
    private T next;
    private boolean ready;
    private boolean ended;

    ReceivingIterator(Supplier<T> receive) {
        this.receive = receive;
    }

    @Override
    public boolean hasNext() {
        if (!ready && !ended) {
            try {
                next = receive.get();
                ready = true;
            } catch (EndOfChannel end) {
                ended = true;
            }
        }
        return ready;
    }

    @Override
    public T next() {
        if (!hasNext()) {
            throw new NoSuchElementException("the stream has ended");
        }
        ready = false;
        T value = next;
        next = null;
        return value;
    }
}
