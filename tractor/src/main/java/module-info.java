/**
 * tractor for Java: a structured-concurrency actor runtime for the JVM.
 *
 * <p>The API is what this module exports. {@link dev.tractor} is the actor runtime's: actor nurseries,
 * portals, contexts and streams, options and errors. {@link dev.tractor.sc} is trio on virtual threads:
 * nurseries, cancel scopes, timeouts, checkpoints, memory channels; {@link dev.tractor.sc.testing} has the
 * helpers for testing code built on it. {@link dev.tractor.ipc} holds actor addresses, the tree's secret
 * and the connection errors, {@link dev.tractor.msg} actor ids and the errors of bad payloads,
 * {@link dev.tractor.discovery} the registrar's entries.
 *
 * <p>Everything under {@code dev.tractor.internal} is the runtime's insides (see
 * {@code docs/adr/0019-package-layout.md}) and {@code dev.tractor.tools} is the {@code tractor} command;
 * neither is exported, and neither is API even on the class path.
 */
module dev.tractor {
    requires java.logging;
    requires jdk.jfr; // the runtime's Flight Recorder events (dev.tractor.internal.events)
    requires jdk.jdi; // the debugger drives a stopped actor (dev.tractor.internal.debug); loaded only when used
    requires jdk.unsupported; // sun.misc.Signal: which shutdown signal cancelled a root
    // JLine: line editing and history in the debugger's REPL, when the root's terminal is a real one
    // (dev.tractor.internal.debug.TerminalLines); its classes load only when such a REPL opens
    requires org.jline.reader;
    requires org.jline.terminal;

    exports dev.tractor;
    exports dev.tractor.sc;
    exports dev.tractor.sc.testing;
    exports dev.tractor.ipc;
    exports dev.tractor.msg;
    exports dev.tractor.discovery;
}
