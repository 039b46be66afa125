/**
 * The debugger's insides (ADR 0021). Debug mode and the debugger listener of each actor
 * ({@link dev.tractor.internal.debug.DebugMode}), for IDEs and {@code tractor ps}; the REPL's engine: a paused
 * thread waits at a {@link dev.tractor.internal.debug.Gate}, and a
 * {@link dev.tractor.internal.debug.DebugSession} attaches with JDI and runs the commands on it
 * ({@link dev.tractor.internal.debug.Expression} for {@code print}, {@link dev.tractor.internal.debug.SourcePath}
 * for {@code list}). Still to come (issue 13): {@code Tractor.pause()}, the relay to the root, the terminal
 * lock and JLine, post-mortem. Depends on nothing else internal. Not API (ADR 0019).
 */
package dev.tractor.internal.debug;
