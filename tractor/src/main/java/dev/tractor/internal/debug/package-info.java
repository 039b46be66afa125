/**
 * The debugger's insides (ADR 0021). So far debug mode and the debugger listener of each actor
 * ({@link dev.tractor.internal.debug.DebugMode}), for IDEs and {@code tractor ps}; the REPL in the root is to
 * come (issue 13). Depends on nothing else internal. Not API (ADR 0019).
 */
package dev.tractor.internal.debug;
