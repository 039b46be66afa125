package dev.tractor.internal.debug;

/**
 * An actor that stopped for the debugger, as the root's REPL is told of it (relayed up the tree).
 *
 * @param actor the actor's name
 * @param uuid its uuid
 * @param pid its process id
 * @param port its debugger listener's loopback port
 */
public record Stop(String actor, String uuid, long pid, int port) {
    /** {@code worker (pid 4242)}. */
    String who() {
        return actor + " (pid " + pid + ")";
    }
}
