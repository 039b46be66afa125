package dev.tractor.internal.context;

import dev.tractor.Emitter;

/** The runtime's {@link Emitter}: the sending half of a one-way stream. */
public final class EmitterImpl<T> implements Emitter<T> {
    private final MsgStreamImpl<Void, T> stream;

    public EmitterImpl(MsgStreamImpl<Void, T> stream) {
        this.stream = stream;
    }

    @Override
    public void emit(T value) {
        stream.send(value);
    }
}
