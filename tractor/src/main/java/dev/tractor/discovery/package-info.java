/**
 * How actors find each other (Python tractor's discovery): the registrar's table of actors and the
 * per-user secret that lets separate programs join a tree. The runtime ({@code dev.tractor}) uses this
 * package; it knows nothing of actors beyond names and addresses (like {@code dev.tractor.spawn}, it sits
 * below the runtime, ADR 0017).
 *
 * <h2>Concepts</h2>
 * <ul>
 * <li>{@link dev.tractor.discovery.RegistryEntry}: one registered actor: name, uuid, pid, addresses,
 *     parent.</li>
 * <li>{@link dev.tractor.discovery.Registry}: the registrar's table; entries are dropped when the
 *     connection they were registered over ends, so an actor that died leaves it.</li>
 * <li>{@link dev.tractor.discovery.Cookie}: the per-user secret file, created on first use.</li>
 * </ul>
 *
 * <p>The guide is {@code docs/guide/discovery.md}.
 */
package dev.tractor.discovery;
