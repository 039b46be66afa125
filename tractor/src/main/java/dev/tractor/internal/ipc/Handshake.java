package dev.tractor.internal.ipc;

import dev.tractor.internal.msg.Msg;
import dev.tractor.ipc.AuthenticationFailed;
import dev.tractor.ipc.Secret;
import dev.tractor.ipc.TransportClosed;
import dev.tractor.msg.MsgPackException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The handshake that opens every connection: both sides prove they hold the tree's {@link Secret}
 * (HMAC-SHA256 challenge-response; the secret never travels), then exchange their identities ({@link
 * Msg.Aid}).
 *
 * <pre>
 *   connecting side                          accepting side
 *   AuthChallenge(nc)               ---->
 *                                   &lt;----    AuthProof(ns, HMAC(k, "tractor/1 server" | nc | ns))
 *   AuthProof([], HMAC(k, "tractor/1 client" | ns | nc))  ---->
 *   Aid(connecting side)            ---->
 *                                   &lt;----    Aid(accepting side)
 * </pre>
 * Nonces are 32 random bytes; the two MACs carry different labels so neither can be replayed as the other;
 * MACs are compared in constant time. A side that receives anything else, a wrong MAC, or (accepting side)
 * nothing for {@code timeout}, closes the connection and raises {@link AuthenticationFailed}.
 */
public final class Handshake {
    /** How long the accepting side waits for a whole handshake by default. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    private static final int NONCE_BYTES = 32;
    private static final byte[] SERVER_LABEL = "tractor/1 server".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CLIENT_LABEL = "tractor/1 client".getBytes(StandardCharsets.US_ASCII);
    private static final SecureRandom RANDOM = new SecureRandom();

    private Handshake() {
    }

    /**
     * This side's silent-peer timeout, told to the peer in its proof: the peer then knows from the start
     * that this side sends heartbeats, and judges the connection from the start (ADR 0022).
     */
    private static long ownTimeoutMillis() {
        return Heartbeats.shared().timeout().toMillis();
    }

    /**
     * Runs the connecting side on a freshly connected channel and returns the peer's identity.
     *
     * @throws AuthenticationFailed if the peer cannot prove the secret or breaks the protocol; the channel
     *     is closed
     */
    public static Msg.Aid connect(Channel channel, Secret secret, Msg.Aid self) {
        try {
            byte[] nc = nonce();
            channel.send(new Msg.AuthChallenge(nc));
            Msg.AuthProof serverProof = expect(channel, Msg.AuthProof.class, "AuthProof");
            byte[] ns = serverProof.nonce();
            checkNonce(ns, channel);
            if (!MessageDigest.isEqual(secret.mac(SERVER_LABEL, nc, ns), serverProof.mac())) {
                throw new AuthenticationFailed(channel.peer() + " could not prove it holds the tree's secret");
            }
            channel.send(new Msg.AuthProof(new byte[0], secret.mac(CLIENT_LABEL, ns, nc), ownTimeoutMillis()));
            channel.peerSendsHeartbeats(serverProof.timeoutMillis()); // ADR 0022
            channel.send(self);
            return expect(channel, Msg.Aid.class, "Aid");
        } catch (TransportClosed e) {
            channel.close();
            throw new AuthenticationFailed("the handshake with " + channel.peer() + " failed: the connection "
                    + "ended (does this process hold the tree's secret?)", e);
        } catch (AuthenticationFailed e) {
            channel.close();
            throw e;
        }
    }

    /**
     * Runs the accepting side on a freshly accepted channel and returns the peer's identity. If the whole
     * handshake does not complete within {@code timeout}, the channel is closed.
     *
     * @throws AuthenticationFailed if the peer cannot prove the secret, breaks the protocol or is too slow;
     *     the channel is closed
     */
    public static Msg.Aid accept(Channel channel, Secret secret, Msg.Aid self, Duration timeout) {
        try (Watchdog watchdog = new Watchdog(channel, timeout)) {
            try {
                Msg.AuthChallenge challenge = expect(channel, Msg.AuthChallenge.class, "AuthChallenge");
                byte[] nc = challenge.nonce();
                checkNonce(nc, channel);
                byte[] ns = nonce();
                channel.send(new Msg.AuthProof(ns, secret.mac(SERVER_LABEL, nc, ns), ownTimeoutMillis()));
                Msg.AuthProof clientProof = expect(channel, Msg.AuthProof.class, "AuthProof");
                if (!MessageDigest.isEqual(secret.mac(CLIENT_LABEL, ns, nc), clientProof.mac())) {
                    throw new AuthenticationFailed(channel.peer() + " could not prove it holds the tree's secret");
                }
                channel.peerSendsHeartbeats(clientProof.timeoutMillis()); // ADR 0022
                Msg.Aid peer = expect(channel, Msg.Aid.class, "Aid");
                channel.send(self);
                watchdog.finish();
                return peer;
            } catch (TransportClosed e) {
                channel.close();
                String why = watchdog.fired() ? channel.peer() + " did not complete the handshake within " + timeout
                        : e.clean() ? channel.peer() + " hung up during the handshake (it may not hold the tree's "
                                + "secret, and so refused ours)"
                        : "the handshake with " + channel.peer() + " failed: " + e.getMessage();
                throw new AuthenticationFailed(why, e);
            } catch (AuthenticationFailed e) {
                channel.close();
                throw e;
            }
        }
    }

    /**
     * Like {@link #connect(Channel, Secret, Msg.Aid)}, giving up (and closing the channel) if the whole
     * handshake does not complete within {@code timeout}. A handshake that returns has an open channel.
     *
     * @throws AuthenticationFailed if the peer cannot prove the secret, breaks the protocol or is too slow;
     *     the channel is closed
     */
    public static Msg.Aid connect(Channel channel, Secret secret, Msg.Aid self, Duration timeout) {
        try (Watchdog watchdog = new Watchdog(channel, timeout)) {
            Msg.Aid peer;
            try {
                peer = connect(channel, secret, self);
                watchdog.finish();
                return peer;
            } catch (TransportClosed e) { // from finish: the watchdog had closed the channel
                channel.close();
                throw new AuthenticationFailed(channel.peer() + " did not complete the handshake within " + timeout, e);
            } catch (AuthenticationFailed e) {
                if (watchdog.fired()) {
                    throw new AuthenticationFailed(channel.peer() + " did not complete the handshake within "
                            + timeout, e);
                }
                throw e;
            }
        }
    }

    /**
     * Closes the channel of a handshake that takes too long. One flag decides between the watchdog and
     * the handshake, whichever sets it first: a watchdog that fires as the handshake completes either
     * closes the channel (and the handshake then fails as too slow) or finds it decided and does nothing;
     * it never closes a connection that has authenticated.
     */
    private static final class Watchdog implements AutoCloseable {
        private final AtomicBoolean decided = new AtomicBoolean();
        private volatile boolean fired;
        private final Thread thread;

        Watchdog(Channel channel, Duration timeout) {
            thread = Thread.ofVirtual().name("handshake-watchdog").start(() -> {
                try {
                    Thread.sleep(timeout);
                } catch (InterruptedException finished) {
                    return; // the handshake ended first
                }
                if (decided.compareAndSet(false, true)) {
                    fired = true;
                    channel.closeNow(); // unblocks the handshake's read; never an interrupt (ADR 0004)
                }
            });
        }

        /**
         * The handshake has succeeded; makes sure that the watchdog does not close the channel now.
         *
         * @throws TransportClosed if the watchdog came first and has closed it
         */
        void finish() {
            if (!decided.compareAndSet(false, true)) {
                throw new TransportClosed("closed by the handshake's watchdog", false, null);
            }
        }

        /** Whether the watchdog closed the channel. */
        boolean fired() {
            return fired;
        }

        @Override
        public void close() {
            decided.set(true);
            thread.interrupt(); // the watchdog is ours and touches no socket while sleeping
        }
    }

    private static <M extends Msg> M expect(Channel channel, Class<M> type, String name) {
        Msg msg;
        try {
            msg = channel.receive();
        } catch (MsgPackException e) {
            throw new AuthenticationFailed(channel.peer() + " sent a malformed frame during the handshake: "
                    + e.getMessage());
        }
        if (msg instanceof Msg.Aid aid && type != Msg.Aid.class) { // Python tractor's handshake opens with it
            throw new PythonTractorPeer(channel.peer() + " sent Aid where the handshake expects " + name + ": it is a "
                    + "Python tractor actor '" + aid.name() + "' (pid " + aid.pid() + "), whose handshake opens with "
                    + "its identity; Python tractor and tractor for Java cannot share a tree yet", aid);
        }
        if (!type.isInstance(msg)) {
            throw new AuthenticationFailed(channel.peer() + " sent " + msg.getClass().getSimpleName()
                    + " where the handshake expects " + name);
        }
        return type.cast(msg);
    }

    private static void checkNonce(byte[] nonce, Channel channel) {
        if (nonce.length != NONCE_BYTES) {
            throw new AuthenticationFailed(channel.peer() + " sent a " + nonce.length + "-byte nonce; the "
                    + "handshake uses " + NONCE_BYTES);
        }
    }

    private static byte[] nonce() {
        byte[] n = new byte[NONCE_BYTES];
        RANDOM.nextBytes(n);
        return n;
    }
}
