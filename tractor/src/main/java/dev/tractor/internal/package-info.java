/**
 * The runtime's insides: nothing under {@code dev.tractor.internal} is API. The module does not export these
 * packages; on the class path, where nothing stops a program from using them, they still change without
 * notice. ADR 0019 explains the layout. One package per concept, each using only those listed after it
 * ({@code ArchitectureTest} keeps it so):
 *
 * <ul>
 * <li>{@code runtime}: the actor of this process, its children, its portals and actor nurseries;</li>
 * <li>{@code serve}: the serving side: the calls peers start here, function lookup and invocation;</li>
 * <li>{@code context}: contexts and their streams, on both sides;</li>
 * <li>{@code discovery}: the registrar and how an actor finds it;</li>
 * <li>{@code errors}: errors boxed for the wire and unboxed into {@code RemoteActorError}s;</li>
 * <li>{@code ipc}: connections: framing, channels, the accept loop, the handshake;</li>
 * <li>{@code msg}: the wire messages and their msgpack codec;</li>
 * <li>{@code spawn}: the processes actors run in;</li>
 * <li>{@code events}: the JDK Flight Recorder events that {@code runtime}, {@code serve} and {@code context}
 * record (it uses nothing else of the insides);</li>
 * <li>{@code debug}: debug mode and each actor's debugger listener, used by {@code runtime} (it uses nothing
 * else of the insides; the debugger itself is to come, ADR 0021).</li>
 * </ul>
 * The insides use the API's types (its interfaces, options and errors); the API reaches the insides only
 * through its entry point, {@link dev.tractor.Tractor}.
 */
package dev.tractor.internal;
