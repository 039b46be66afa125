/**
 * tractor for Java: a structured-concurrency actor runtime for the JVM.
 *
 * <p>{@link dev.tractor} is the actor runtime: actor nurseries, portals, remote errors.
 * {@link dev.tractor.sc} is trio on virtual threads: nurseries, cancel scopes, timeouts, checkpoints,
 * memory channels. {@link dev.tractor.sc.testing} has the helpers for testing code built on it.
 * {@link dev.tractor.msg} holds the wire messages and their msgpack encoding, {@link dev.tractor.ipc} the
 * connections between actors, {@link dev.tractor.spawn} the processes actors run in: starting them,
 * watching them and reaping them.
 */
module dev.tractor {
    requires java.logging;
    requires jdk.unsupported; // sun.misc.Signal: which shutdown signal cancelled a root

    exports dev.tractor;
    exports dev.tractor.sc;
    exports dev.tractor.msg;
    exports dev.tractor.ipc;
    exports dev.tractor.spawn;
    exports dev.tractor.discovery;
    exports dev.tractor.tools;
    exports dev.tractor.sc.testing;
}
