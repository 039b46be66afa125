/**
 * Contexts and streams, on both sides (ADR 0016): {@link dev.tractor.internal.context.ContextImpl} holds a
 * context's inbox, filled by the reader loop without ever blocking, its outcome and who cancelled it;
 * {@link dev.tractor.internal.context.MsgStreamImpl} and {@link dev.tractor.internal.context.EmitterImpl}
 * are its streams, and {@link dev.tractor.internal.context.Broadcast} the fan-out of {@code subscribe}. The
 * actor is seen through {@link dev.tractor.internal.context.ContextHost}. Not API (ADR 0019).
 */
package dev.tractor.internal.context;
