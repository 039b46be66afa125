/**
 * What the registrar says about the actors it knows: {@link dev.tractor.discovery.RegistryEntry} (name,
 * uuid, pid, addresses, parent), as {@code Tractor.registry()} and {@code Tractor.queryActor} return
 * them. The registrar itself is the runtime's insides ({@code dev.tractor.internal.discovery}); the guide is
 * {@code docs/guide/discovery.md}.
 */
package dev.tractor.discovery;
