package dev.tractor.sc;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * One direction of a {@link ForeignChannel}: a FIFO buffer of a fixed capacity whose every operation
 * returns a future, so that foreign code (any thread, no task) uses it as is, and tasks wait for the same
 * futures at a checkpoint ({@link #receiveInTask()}, {@link #sendInTask}).
 *
 * <p>Futures are completed after the lock is released (their dependents run in the completing thread).
 * A receiver's future that turns out to have been cancelled in the meantime (the foreign side gave up
 * waiting, or a task was cancelled) hands its value back, first in line, so that no value is lost.
 */
final class Link<T> {
    private final int capacity;
    private final ArrayDeque<T> buffer = new ArrayDeque<>();
    private final ArrayDeque<CompletableFuture<T>> receivers = new ArrayDeque<>();
    private final ArrayDeque<PendingSend<T>> senders = new ArrayDeque<>();
    private Supplier<? extends RuntimeException> endOfValues; // once the buffer is empty; guarded by this
    private Supplier<? extends RuntimeException> noMoreSends; // set with endOfValues; guarded by this
    private Supplier<? extends RuntimeException> refusal; // senders refused, receivers too; guarded by this

    private record PendingSend<T>(T value, CompletableFuture<Void> sent) {
    }

    Link(int capacity) {
        if (capacity < 0) {
            throw new IllegalArgumentException("capacity must be >= 0, was " + capacity);
        }
        this.capacity = capacity;
    }

    /** Sends {@code value}: a future that completes when it is buffered or handed to a receiver. */
    CompletableFuture<Void> send(T value) {
        Objects.requireNonNull(value, "channels do not carry null values");
        CompletableFuture<T> receiver;
        synchronized (this) {
            RuntimeException refused = sendRefused();
            if (refused != null) {
                return CompletableFuture.failedFuture(refused);
            }
            receiver = receivers.poll();
            if (receiver == null) {
                if (buffer.size() < capacity) {
                    buffer.add(value);
                    return CompletableFuture.completedFuture(null);
                }
                CompletableFuture<Void> sent = new CompletableFuture<>();
                senders.add(new PendingSend<>(value, sent));
                return sent;
            }
        }
        handOver(receiver, value);
        return CompletableFuture.completedFuture(null);
    }

    /** Sends {@code value} if that needs no waiting; {@code false} if the buffer is full. */
    boolean trySend(T value) {
        Objects.requireNonNull(value, "channels do not carry null values");
        CompletableFuture<T> receiver;
        synchronized (this) {
            RuntimeException refused = sendRefused();
            if (refused != null) {
                throw refused;
            }
            receiver = receivers.poll();
            if (receiver == null) {
                if (buffer.size() < capacity) {
                    buffer.add(value);
                    return true;
                }
                return false;
            }
        }
        handOver(receiver, value);
        return true;
    }

    /** The next value: a future that completes with it, or fails with the end of the values. */
    CompletableFuture<T> receive() {
        T value;
        PendingSend<T> freed; // a sender whose value was taken (capacity 0) or moved into the buffer
        synchronized (this) {
            if (refusal != null) {
                return CompletableFuture.failedFuture(refusal.get());
            }
            value = buffer.poll();
            freed = nextSender();
            if (value == null && freed == null) {
                if (endOfValues != null) {
                    return CompletableFuture.failedFuture(endOfValues.get());
                }
                CompletableFuture<T> waiting = new CompletableFuture<>();
                receivers.add(waiting);
                return waiting;
            }
            if (value == null) {
                value = freed.value(); // capacity 0: straight from the sender
            } else if (freed != null) {
                buffer.add(freed.value());
            }
        }
        if (freed != null) {
            freed.sent().complete(null);
        }
        return CompletableFuture.completedFuture(value);
    }

    /** The longest-waiting sender whose future was not cancelled meanwhile; under the lock. */
    private PendingSend<T> nextSender() {
        PendingSend<T> s;
        while ((s = senders.poll()) != null && s.sent().isCancelled()) {
            // withdrawn by its sender
        }
        return s;
    }

    /** Completes a receiver taken under the lock; a receiver that was cancelled meanwhile gives the value back. */
    private void handOver(CompletableFuture<T> receiver, T value) {
        while (!receiver.complete(value)) {
            synchronized (this) {
                receiver = receivers.poll();
                if (receiver == null) {
                    buffer.addFirst(value); // it had been sent: it stays sent, first in line, even past capacity
                    return;
                }
            }
        }
    }

    /** A refusal for senders, or null: sending ended on this side, or the link was cut. Under the lock. */
    private RuntimeException sendRefused() {
        if (refusal != null) {
            return refusal.get();
        }
        return noMoreSends != null ? noMoreSends.get() : null;
    }

    /**
     * No more values will be sent: receivers get the buffered ones, then {@code end}'s exception (a fresh one
     * each time); senders that still try get {@code refuseSends}'s. Idempotent: the first end stays.
     */
    void end(Supplier<? extends RuntimeException> end, Supplier<? extends RuntimeException> refuseSends) {
        List<CompletableFuture<T>> woken;
        synchronized (this) {
            if (endOfValues != null || refusal != null) {
                return;
            }
            endOfValues = end;
            noMoreSends = refuseSends;
            if (!buffer.isEmpty() || !senders.isEmpty()) {
                return; // the waiting senders' values are still received, then the end
            }
            woken = new ArrayList<>(receivers);
            receivers.clear();
        }
        woken.forEach(r -> r.completeExceptionally(end.get()));
    }

    /**
     * Cuts the link: buffered values are dropped, every waiting and later sender and receiver fails with
     * {@code why}'s exception. Idempotent: the first cut stays.
     */
    void cut(Supplier<? extends RuntimeException> why) {
        List<CompletableFuture<T>> waitingReceivers;
        List<PendingSend<T>> waitingSenders;
        synchronized (this) {
            if (refusal != null) {
                return;
            }
            refusal = why;
            buffer.clear();
            waitingReceivers = new ArrayList<>(receivers);
            receivers.clear();
            waitingSenders = new ArrayList<>(senders);
            senders.clear();
        }
        waitingReceivers.forEach(r -> r.completeExceptionally(why.get()));
        waitingSenders.forEach(s -> s.sent().completeExceptionally(why.get()));
    }

    // ---- for tasks ---------------------------------------------------------------------------------------

    /**
     * Receives in a task. A checkpoint; cancellation raises {@link Cancelled} and loses no value (a value
     * that reached this task as it was cancelled is put back, first in line).
     */
    T receiveInTask() {
        Task.current("ForeignChannel.receive").checkpoint();
        CompletableFuture<T> value = receive();
        if (!value.isDone()) {
            try {
                Sc.awaitDone(value, "ForeignChannel.receive");
            } catch (Cancelled c) {
                withdraw(value);
                throw c;
            }
        }
        return outcome(value);
    }

    /** The value of a completed future, or its failure as itself (ours are all unchecked). */
    static <T> T outcome(CompletableFuture<T> done) {
        try {
            return done.join();
        } catch (java.util.concurrent.CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    private void withdraw(CompletableFuture<T> receiver) {
        synchronized (this) {
            if (receivers.remove(receiver)) {
                return;
            }
        }
        if (!receiver.cancel(false) && !receiver.isCompletedExceptionally()) {
            T value = receiver.join(); // it came as the task was cancelled: first in line again
            synchronized (this) {
                buffer.addFirst(value);
            }
        }
    }

    /**
     * Sends in a task. A checkpoint; cancellation raises {@link Cancelled}, and the value is not sent unless
     * it had been handed over already.
     */
    void sendInTask(T value) {
        Task.current("ForeignChannel.send").checkpoint();
        CompletableFuture<Void> sent = send(value);
        if (!sent.isDone()) {
            try {
                Sc.awaitDone(sent, "ForeignChannel.send");
            } catch (Cancelled c) {
                sent.cancel(false); // withdraws it, unless a receiver has taken it
                throw c;
            }
        }
        outcome(sent);
    }
}
