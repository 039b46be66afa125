package dev.tractor.ipc;

import dev.tractor.msg.Msg;
import java.util.Objects;

/**
 * An authenticated connection: the channel and the identity the peer proved in the {@link Handshake}.
 *
 * @param channel the connection, ready for messages
 * @param aid who is at the other end
 */
public record Peer(Channel channel, Msg.Aid aid) {
    /** Checks the fields. */
    public Peer {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(aid, "aid");
    }

    /** Queues a message to this peer; see {@link Channel#send}. */
    public void send(Msg msg) {
        channel.send(msg);
    }

    /** Names the peer and its connection, for log lines and errors. */
    @Override
    public String toString() {
        return aid.name() + "@" + channel.peer();
    }
}
