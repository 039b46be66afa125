package dev.tractor.sc;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The shared state of a {@link MemoryChannel}: buffer, queues of waiting senders and receivers, and the
 * counts of open handles, all guarded by the core's monitor ("the lock" below).
 *
 * <p>Implementation overview. A value goes straight to the longest-waiting receiver when there is one,
 * else into the buffer if it has room, else the sender waits with its value in a {@link Waiter}. A
 * receiver takes from the buffer and refills it from the longest-waiting sender, or (capacity 0) takes
 * straight from that sender. So the buffer is never non-empty while receivers wait, and never has room
 * while senders wait. Completing a waiter happens under the lock and the wake-up after it, so the
 * lock alone decides whether a value was handed over or a cancelled waiter was withdrawn.
 */
final class ChannelCore<T> {
    private final int capacity;
    private final SpinPolicy spin = new SpinPolicy();
    private final ArrayDeque<T> buffer = new ArrayDeque<>();
    private final ArrayDeque<Waiter<T>> waitingSenders = new ArrayDeque<>();
    private final ArrayDeque<Waiter<T>> waitingReceivers = new ArrayDeque<>();
    private int openSenders;
    private int openReceivers;

    ChannelCore(int capacity) {
        this.capacity = capacity;
    }

    SendChannel<T> newSender() {
        openSenders++;
        return new Sender();
    }

    ReceiveChannel<T> newReceiver() {
        openReceivers++;
        return new Receiver();
    }

    private static void wakeAll(List<? extends Waiter<?>> woken) {
        for (Waiter<?> w : woken) {
            w.wake();
        }
    }

    /** Fails and removes every waiter of {@code queue} that waits through {@code handle} (any, if null). */
    private void failWaiters(ArrayDeque<Waiter<T>> queue, Object handle, Supplier<RuntimeException> e,
                             List<Waiter<T>> woken) {
        for (Iterator<Waiter<T>> it = queue.iterator(); it.hasNext(); ) {
            Waiter<T> w = it.next();
            if (handle == null || w.handle == handle) {
                it.remove();
                w.fail(e.get());
                woken.add(w);
            }
        }
    }

    /** A value taken under the lock, and the sender whose wait it ended (woken after the lock is released). */
    private record Taken<T>(T value, Waiter<T> sender) {
        T deliver() {
            if (sender != null) {
                sender.wake();
            }
            return value;
        }
    }

    private final class Sender implements SendChannel<T> {
        private boolean closed; // guarded by lock

        @Override
        public void send(T value) {
            Objects.requireNonNull(value, "channels do not carry null values");
            Task task = Task.current("SendChannel.send");
            task.checkpoint();
            Waiter<T> receiver;
            Waiter<T> self;
            synchronized (ChannelCore.this) {
                checkSendable();
                receiver = waitingReceivers.poll();
                if (receiver != null) {
                    receiver.complete(value);
                    self = null;
                } else if (buffer.size() < capacity) {
                    buffer.add(value);
                    return;
                } else {
                    self = new Waiter<>(task, this, value);
                    waitingSenders.add(self);
                }
            }
            if (receiver != null) {
                receiver.wake();
                return;
            }
            self.await(ChannelCore.this, () -> waitingSenders.remove(self), spin);
        }

        @Override
        public boolean trySend(T value) {
            Objects.requireNonNull(value, "channels do not carry null values");
            Waiter<T> receiver;
            synchronized (ChannelCore.this) {
                checkSendable();
                receiver = waitingReceivers.poll();
                if (receiver != null) {
                    receiver.complete(value);
                } else if (buffer.size() < capacity) {
                    buffer.add(value);
                    return true;
                } else {
                    return false;
                }
            }
            receiver.wake();
            return true;
        }

        /** Caller holds lock. */
        private void checkSendable() {
            if (closed) {
                throw new ClosedResource("this sending handle was closed");
            }
            if (openReceivers == 0) {
                throw new BrokenResource("every receiving handle of the channel is closed");
            }
        }

        @Override
        public SendChannel<T> clone() {
            synchronized (ChannelCore.this) {
                if (closed) {
                    throw new ClosedResource("cannot clone a closed sending handle");
                }
                return newSender();
            }
        }

        @Override
        public void close() {
            List<Waiter<T>> woken = new ArrayList<>();
            synchronized (ChannelCore.this) {
                if (closed) {
                    return;
                }
                closed = true;
                openSenders--;
                failWaiters(waitingSenders, this, () -> new ClosedResource("the sending handle was closed while "
                        + "this task was sending through it"), woken);
                if (openSenders == 0) {
                    failWaiters(waitingReceivers, null, () -> new EndOfChannel("every sending handle is closed"), woken);
                }
            }
            wakeAll(woken);
        }

        @Override
        public String toString() {
            return "SendChannel[capacity=" + (capacity == MemoryChannel.UNBOUNDED ? "unbounded" : capacity) + "]";
        }
    }

    private final class Receiver implements ReceiveChannel<T> {
        private boolean closed; // guarded by lock

        @Override
        public T receive() {
            Task task = Task.current("ReceiveChannel.receive");
            task.checkpoint();
            Taken<T> taken;
            Waiter<T> self;
            synchronized (ChannelCore.this) {
                taken = takeReady();
                if (taken == null) {
                    self = new Waiter<>(task, this, null);
                    waitingReceivers.add(self);
                } else {
                    self = null;
                }
            }
            if (taken != null) {
                return taken.deliver();
            }
            return self.await(ChannelCore.this, () -> waitingReceivers.remove(self), spin);
        }

        @Override
        public Optional<T> tryReceive() {
            Taken<T> taken;
            synchronized (ChannelCore.this) {
                taken = takeReady();
            }
            return taken == null ? Optional.empty() : Optional.of(taken.deliver());
        }

        /**
         * Takes a value that needs no waiting, or returns null. Caller holds lock.
         *
         * @throws ClosedResource if this handle is closed
         * @throws EndOfChannel if the channel has ended
         */
        private Taken<T> takeReady() {
            if (closed) {
                throw new ClosedResource("this receiving handle was closed");
            }
            T v = buffer.poll();
            Waiter<T> sender = waitingSenders.poll();
            if (sender != null) {
                if (v == null) {
                    v = sender.value; // rendezvous: straight from the sender
                } else {
                    buffer.add(sender.value); // refill the slot we just freed
                }
                sender.complete(null);
            }
            if (v != null) {
                return new Taken<>(v, sender);
            }
            if (openSenders == 0) {
                throw new EndOfChannel("every sending handle is closed");
            }
            return null;
        }

        @Override
        public ReceiveChannel<T> clone() {
            synchronized (ChannelCore.this) {
                if (closed) {
                    throw new ClosedResource("cannot clone a closed receiving handle");
                }
                return newReceiver();
            }
        }

        @Override
        public void close() {
            List<Waiter<T>> woken = new ArrayList<>();
            synchronized (ChannelCore.this) {
                if (closed) {
                    return;
                }
                closed = true;
                openReceivers--;
                failWaiters(waitingReceivers, this, () -> new ClosedResource("the receiving handle was closed while "
                        + "this task was receiving through it"), woken);
                if (openReceivers == 0) {
                    buffer.clear();
                    failWaiters(waitingSenders, null,
                            () -> new BrokenResource("every receiving handle of the channel is closed"), woken);
                }
            }
            wakeAll(woken);
        }

        @Override
        public String toString() {
            return "ReceiveChannel[capacity=" + (capacity == MemoryChannel.UNBOUNDED ? "unbounded" : capacity) + "]";
        }
    }
}
