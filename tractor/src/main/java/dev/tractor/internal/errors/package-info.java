/**
 * Errors across processes (ADR 0012): {@link dev.tractor.internal.errors.ErrorBoxing} turns an exception
 * into an {@code Error} message and back into a {@code RemoteActorError} (or its subclasses), keeping the
 * relay path; {@link dev.tractor.internal.errors.TracebackText} writes and reads the traceback text, and
 * {@link dev.tractor.internal.errors.RemoteStack} is the remote stack attached as the cause. Not API
 * (ADR 0019).
 */
package dev.tractor.internal.errors;
