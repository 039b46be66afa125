package dev.tractor.internal.serve;

import dev.tractor.internal.ipc.Channel;

/** A call or context served here, by the connection it came over and its id there. */
public record CallKey(Channel channel, String cid) {
    // Written out: a record's generated equals and hashCode bootstrap through ObjectMethods, which spins
    // method handles in every new JVM, and a child serves a call early in its life (ADR 0015).
    @Override
    public boolean equals(Object o) {
        return o instanceof CallKey k && k.channel == channel && k.cid.equals(cid);
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(channel) * 31 + cid.hashCode();
    }
}
