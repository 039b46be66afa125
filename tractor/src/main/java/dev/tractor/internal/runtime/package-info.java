/**
 * The actor of this process: {@link dev.tractor.internal.runtime.ActorRuntime} (its identity, its servers
 * and connections, the calls it makes, its shutdown), the children it starts and supervises
 * ({@link dev.tractor.internal.runtime.ChildActor}, whose life is the state machine
 * {@link dev.tractor.internal.runtime.ChildState}), and the API's objects for them:
 * {@link dev.tractor.internal.runtime.PortalImpl}, {@link dev.tractor.internal.runtime.ActorNurseryImpl},
 * {@link dev.tractor.internal.runtime.ContextCallImpl}. {@link dev.tractor.internal.runtime.ActorProcess} is
 * the main class of every child JVM; {@link dev.tractor.internal.runtime.ActorLogging} and
 * {@link dev.tractor.internal.runtime.ShutdownSignals} are the process-wide set-up. Not API (ADR 0019).
 */
package dev.tractor.internal.runtime;
