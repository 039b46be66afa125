/**
 * The serving side: what happens to a {@code Start} that a peer sends.
 * {@link dev.tractor.internal.serve.CallServer} runs each call or context as a task of the actor's service
 * nursery and answers it; {@link dev.tractor.internal.serve.Invoker} finds the function among the classes
 * the actor enables ({@link dev.tractor.internal.serve.EnabledClasses}) and binds the arguments;
 * {@link dev.tractor.internal.serve.FunctionRef} is the caller's half, turning a method reference into a
 * name and arguments. The actor is seen through {@link dev.tractor.internal.serve.ServeHost}. Not API
 * (ADR 0019).
 */
package dev.tractor.internal.serve;
