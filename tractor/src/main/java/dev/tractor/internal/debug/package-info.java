/**
 * The tree's debugger (ADR 0021). {@link dev.tractor.internal.debug.DebugMode} is the switch and gives each
 * child its debugger listener. In debug mode the root starts the actor {@link dev.tractor.internal.debug.Debugger},
 * which holds a {@link dev.tractor.internal.debug.Watch} (a JDI connection) per actor: a thread that pauses
 * waits at a {@link dev.tractor.internal.debug.Gate}, which the watch breakpoints; an exception that
 * {@link dev.tractor.internal.debug.Crash} calls a crash stops at its throw. Both become a
 * {@link dev.tractor.internal.debug.Stop} in the first-come-first-served {@link dev.tractor.internal.debug.Stops};
 * a {@link dev.tractor.internal.debug.DebugSession} runs the commands on the stop whose turn it is
 * ({@link dev.tractor.internal.debug.Expression} for {@code print}, {@link dev.tractor.internal.debug.Values} to
 * show values, {@link dev.tractor.internal.debug.SourcePath} for {@code list},
 * {@link dev.tractor.internal.debug.UserCode} to tell the user's frames). In the root,
 * {@link dev.tractor.internal.debug.Repl} is the terminal's side: it reads lines
 * ({@link dev.tractor.internal.debug.TerminalLines}) and passes them to the debugger actor.
 *
 * <p>Only {@code DebugMode} loads outside debug mode; the JDI classes load only in the debugger actor. Depends
 * on nothing else internal (the runtime calls in; the API's {@code dev.tractor.sc} for cancellable waits). Not
 * API (ADR 0019).
 */
package dev.tractor.internal.debug;
