/**
 * How actors find each other (Python tractor's discovery): who becomes the registrar, registration and
 * lookups ({@link dev.tractor.internal.discovery.Discovery}), the registrar's table of actors and the
 * per-user secret that lets separate programs join a tree. It sits below the runtime (ADR 0017), which it
 * sees through {@link dev.tractor.internal.discovery.DiscoveryHost}; the entries it hands out,
 * {@link dev.tractor.discovery.RegistryEntry}, are API. Not API itself (ADR 0019).
 *
 * <h2>Concepts</h2>
 * <ul>
 * <li>{@link dev.tractor.discovery.RegistryEntry}: one registered actor: name, uuid, pid, addresses,
 *     parent.</li>
 * <li>{@link dev.tractor.internal.discovery.Registry}: the registrar's table; entries are dropped when the
 *     connection they were registered over ends, so an actor that died leaves it.</li>
 * <li>{@link dev.tractor.internal.discovery.Cookie}: the per-user secret file, created on first use.</li>
 * </ul>
 *
 * <p>The guide is {@code docs/guide/discovery.md}.
 */
package dev.tractor.internal.discovery;
