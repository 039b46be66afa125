package dev.tractor.internal.ipc;

import dev.tractor.internal.msg.Msg;
import dev.tractor.ipc.IpcException;
import dev.tractor.ipc.TransportClosed;
import dev.tractor.msg.MsgPackException;

/**
 * What a {@link ReaderLoop} does with what arrives on one authenticated connection. Every method runs on
 * that connection's reader thread, one call at a time and in arrival order.
 *
 * <p>The reader loop is the only reader of its connection, so a method that blocks stalls everything the
 * peer sends after: hand messages to bounded buffers and return (the actor runtime routes them by context
 * id). A method that throws does not end the loop; the loop logs the error and reads on.
 */
public interface PeerHandler {
    /** The handshake is done and the loop is about to read. */
    default void connected(Peer peer) {
    }

    /** One message arrived. */
    void received(Peer peer, Msg msg);

    /**
     * A frame arrived whole but was not a valid message. It fails alone: the loop reads the next frame.
     * The default does nothing beyond the loop's own log line.
     */
    default void malformed(Peer peer, MsgPackException error) {
    }

    /**
     * Whether this side expects the connection to end now (for example, it asked the peer to shut down),
     * so that a broken end is not worth a warning. Asked by the reader loop before {@link #ended}; the
     * default is no.
     */
    default boolean expectsEnd(Peer peer) {
        return false;
    }

    /**
     * The connection ended: the peer closed it ({@link TransportClosed#clean()}), it broke, it was closed
     * on this side, or the peer announced a frame over the limit. Called once, last.
     */
    default void ended(Peer peer, IpcException why) {
    }
}
