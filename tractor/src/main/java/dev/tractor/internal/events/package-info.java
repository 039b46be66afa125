/**
 * The runtime's JDK Flight Recorder events, all named {@code dev.tractor.*} and in the category
 * {@code tractor}: {@link dev.tractor.internal.events.ActorSpawnEvent} and
 * {@link dev.tractor.internal.events.ActorExitEvent} for children, {@link dev.tractor.internal.events.CallEvent}
 * and {@link dev.tractor.internal.events.ServedCallEvent} for both ends of a call,
 * {@link dev.tractor.internal.events.ContextEvent} for a context on either side,
 * {@link dev.tractor.internal.events.CancelEvent} for cancellations and
 * {@link dev.tractor.internal.events.OverrunEvent} for a stream's buffer that overran. Each carries the name
 * and uuid of the actor whose process recorded it ({@link dev.tractor.internal.events.ThisActor}).
 *
 * <p>The hooks in the other packages are a line or two each, all through
 * {@link dev.tractor.internal.events.Events}: a start where something starts (the event's {@code begin()}),
 * and an end that builds the event's strings only if a recording wants it ({@code shouldCommit()}).
 * {@code Events} touches no event class unless JFR has started in the process: loading the first one
 * initialises JFR's metadata (over a hundred classes), which an actor with no recording must not pay for
 * in its start-up. Without a recording, a hook costs a call of {@code FlightRecorder.isInitialized()}.
 * The event names and fields are described in {@code docs/guide/running.md}; they are not API, but tools
 * and recordings refer to them by name, so they change only with care. This package uses nothing else of
 * the insides. Not API (ADR 0019).
 */
package dev.tractor.internal.events;
