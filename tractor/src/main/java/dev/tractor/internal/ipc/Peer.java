package dev.tractor.internal.ipc;

import dev.tractor.internal.msg.Msg;
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

    /**
     * Sends a message to this peer; see {@link Channel#send}. In a task, a checkpoint only while it waits
     * for the peer to read: cancellation then raises {@link dev.tractor.sc.Cancelled} and the message is not
     * sent.
     */
    public void send(Msg msg) {
        channel.send(msg);
    }

    /**
     * Queues a control message to this peer without ever waiting; see {@link Channel#sendControl}. For
     * the frames a reader loop sends (refusals, overrun notices) and for cancel requests. Not a checkpoint.
     */
    public void sendControl(Msg msg) {
        channel.sendControl(msg);
    }

    /** Names the peer and its connection, for log lines and errors. */
    @Override
    public String toString() {
        return aid.name() + "@" + channel.peer();
    }
}
