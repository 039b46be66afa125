package dev.tractor.internal.discovery;

import dev.tractor.discovery.RegistryEntry;
import dev.tractor.ipc.Address;
import dev.tractor.sc.Event;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The registrar's table of actors, by uuid, in the order they registered. Thread-safe; nothing blocks
 * but {@link #awaitName}, a checkpoint.
 *
 * <p>Each entry belongs to an owner (the registrar's connection it came over): when that connection
 * ends, {@link #dropOwner} drops everything it registered. That is how an actor that died without
 * unregistering (SIGKILL, a crash) leaves the table: its connection to the registrar ends with it.
 *
 * <p>Names are not unique. {@link #find} returns the entry of that name registered last (the newest
 * actor of that name), {@link #findAll} every one, oldest first.
 */
public final class Registry {
    private record Registered(RegistryEntry entry, Object owner) {
    }

    private final Object lock = new Object();
    private final Map<String, Registered> byUuid = new LinkedHashMap<>(); // guarded by lock
    private Event changed = new Event(); // set (and replaced) at every registration; guarded by lock

    /** Adds or replaces the entry of {@code entry.uuid()}, owned by {@code owner}. Not a checkpoint. */
    public void register(RegistryEntry entry, Object owner) {
        Event woken;
        synchronized (lock) {
            byUuid.remove(entry.uuid()); // a re-registration moves to the end: it is the newest
            byUuid.put(entry.uuid(), new Registered(entry, owner));
            woken = changed;
            changed = new Event();
        }
        woken.set();
    }

    /** Removes the entry of {@code uuid}; whether there was one. Not a checkpoint. */
    public boolean unregister(String uuid) {
        synchronized (lock) {
            return byUuid.remove(uuid) != null;
        }
    }

    /** Removes every entry that {@code owner} registered; how many. Not a checkpoint. */
    public int dropOwner(Object owner) {
        synchronized (lock) {
            int before = byUuid.size();
            byUuid.values().removeIf(r -> r.owner() == owner);
            return before - byUuid.size();
        }
    }

    /** The newest entry named {@code name}. Not a checkpoint. */
    public Optional<RegistryEntry> find(String name) {
        List<RegistryEntry> all = findAll(name);
        return all.isEmpty() ? Optional.empty() : Optional.of(all.getLast());
    }

    /**
     * Every entry named {@code name}, oldest first; an entry of a process of this host that is gone is
     * dropped first ({@link #dropDead}). Not a checkpoint.
     */
    public List<RegistryEntry> findAll(String name) {
        List<RegistryEntry> found = new ArrayList<>();
        synchronized (lock) {
            dropDead();
            for (Registered r : byUuid.values()) {
                if (r.entry().name().equals(name)) {
                    found.add(r.entry());
                }
            }
        }
        return found;
    }

    /** Every entry, oldest first; those of processes of this host that are gone are dropped first. Not a checkpoint. */
    public List<RegistryEntry> all() {
        synchronized (lock) {
            dropDead();
            return byUuid.values().stream().map(Registered::entry).toList();
        }
    }

    /**
     * Drops the entries of actors of this host (every address loopback or a Unix socket) whose process is
     * gone: an actor killed with SIGKILL may still be registered until its registration's connection is seen
     * to end, and a lookup must not send callers to it. Caller holds the lock.
     */
    private void dropDead() {
        byUuid.values().removeIf(r -> isGone(r.entry()));
    }

    /** Whether {@code entry} is an actor of this host whose process is gone. */
    public static boolean isGone(RegistryEntry entry) {
        if (entry.pid() <= 0 || entry.addresses().isEmpty()) {
            return false;
        }
        for (Address a : entry.addresses()) {
            if (a instanceof Address.Tcp tcp && !tcp.isLoopback()) {
                return false; // another host's pid says nothing here
            }
        }
        return ProcessHandle.of(entry.pid()).isEmpty();
    }

    /**
     * Waits until an actor named {@code name} is registered and returns the newest such entry. A
     * checkpoint: cancellation while waiting raises {@code Cancelled}.
     */
    public RegistryEntry awaitName(String name) {
        for (;;) {
            Event next;
            synchronized (lock) {
                Optional<RegistryEntry> found = find(name);
                if (found.isPresent()) {
                    return found.get();
                }
                next = changed;
            }
            next.await();
        }
    }
}
