/**
 * The actor runtime: every actor is a JVM process running a {@link dev.tractor.sc} runtime; actor
 * nurseries spawn and supervise them, portals call their functions and open contexts with them (Python
 * tractor's {@code tractor} module). The guides are {@code docs/guide/actors.md} and
 * {@code docs/guide/contexts.md}.
 *
 * <h2>Concepts</h2>
 * <ul>
 * <li>{@link dev.tractor.Tractor}: {@code run} starts this process's root actor (one per process),
 *     {@code openNursery} opens an {@link dev.tractor.ActorNursery} (starting a root if needed),
 *     {@code currentActor} says where code runs ({@link dev.tractor.NoRuntime} outside a runtime).</li>
 * <li>{@link dev.tractor.ActorNursery}: {@code startActor} (a daemon serving calls) and
 *     {@code runInActor} (a one-shot function); one cancels all; the block ends when every child process
 *     has been reaped.</li>
 * <li>{@link dev.tractor.Portal}: typed calls by static method reference ({@link dev.tractor.Fn0} to
 *     {@link dev.tractor.Fn4}, and {@link dev.tractor.Proc0} to {@link dev.tractor.Proc4} for {@code void}
 *     methods), {@code runFromNs} by name, {@code result}, {@code cancelActor}.</li>
 * <li>{@link dev.tractor.ActorOptions}: the classes an actor enables, JVM options, the start timeout, the
 *     log level, the transport and the addresses it listens on.</li>
 * <li>{@link dev.tractor.Context}: a remote task started by {@code Portal.openContext} (a function whose
 *     first parameter is a {@code Context}), its {@code started} value, a two-way
 *     {@link dev.tractor.MsgStream} (with {@code subscribe} for fan-out inside an actor,
 *     {@link dev.tractor.BroadcastReceiver}), its result, and cancellation that reports who cancelled
 *     ({@link dev.tractor.ContextCancelled}). One-way streams: a function with an
 *     {@link dev.tractor.Emitter}, read with {@code Portal.openStreamFrom}. A reader that falls behind
 *     makes its sender fail with {@link dev.tractor.StreamOverrun} unless it chose
 *     {@link dev.tractor.Overruns#ALLOW}.</li>
 * <li>Helpers: {@code Tractor.connect} (a portal to any actor by address), {@code Tractor.gatherContexts}
 *     (several contexts at once), {@code Tractor.openActorCluster} (N actors at once).</li>
 * <li>Foreign asynchronous code: {@link dev.tractor.Flows} (a stream as a {@code Flow} source that honours
 *     demand), {@code Tractor.closeWithActor} (an executor or event loop closed with the actor); futures
 *     are awaited with {@code Sc.await} ({@code dev.tractor.sc}).</li>
 * <li>Errors: {@link dev.tractor.RemoteActorError} (remote type, message, source actor, relay path,
 *     remote stack), {@link dev.tractor.ActorStartFailed}, and the refusals of a call that cannot be made:
 *     {@link dev.tractor.FunctionNotEnabled}, {@link dev.tractor.NoSuchFunction},
 *     {@link dev.tractor.BadArguments}; all extend {@link dev.tractor.TractorException}.</li>
 * </ul>
 *
 * <h2>Guarantees</h2>
 * <ul>
 * <li>No process outlives its nursery: children are ended by a bounded ladder (cancel request and ack,
 *     SIGTERM, SIGKILL); a child whose parent dies, however it dies, cancels itself and its subtree.</li>
 * <li>Errors always reach someone: a child's failure comes out of its nursery, with the remote stack.</li>
 * <li>An actor runs only what it enabled; a call it refuses fails alone and the actor goes on serving.
 *     No Java serialization: arguments and results are msgpack, bound by declared type.</li>
 * <li>Ctrl-C or SIGTERM at the root tears the tree down in order before the JVM exits.</li>
 * </ul>
 *
 * <h2>Checkpoints</h2>
 * Spawning (while the child starts), every portal call, {@code result} and {@code cancelActor} are
 * checkpoints: they wait and can be cancelled. {@code ActorNursery.cancel} never blocks. In a context,
 * {@code openContext} (throughout), {@code started}, stream sends and receives and {@code result} are
 * checkpoints; {@code Context.cancel} and closing a stream never block. Cancelling the task that opened a
 * context cancels the remote task and waits for it (at most 2 s, shielded).
 */
package dev.tractor;
