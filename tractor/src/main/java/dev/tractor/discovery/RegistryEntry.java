package dev.tractor.discovery;

import dev.tractor.ipc.Address;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One actor as the registrar knows it: what {@code Tractor.registry()}, {@code queryActor} and
 * {@code bin/tractor ps} show.
 *
 * @param name the actor's name (names need not be unique)
 * @param uuid its unique id
 * @param pid its process id (on its own host)
 * @param addresses where it accepts connections, at least one
 * @param parent the uuid of its parent actor; empty for a root
 * @param debugAddress where a debugger (an IDE, {@code jdb}) can attach to the actor's JVM: in debug mode
 *     ({@code ActorOptions.withDebugMode()}), a loopback port; empty otherwise
 */
public record RegistryEntry(String name, String uuid, long pid, List<Address> addresses, Optional<String> parent,
        Optional<Address> debugAddress) {
    /** Checks the fields and copies the addresses. */
    public RegistryEntry {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(uuid, "uuid");
        addresses = List.copyOf(addresses);
        if (addresses.isEmpty()) {
            throw new IllegalArgumentException("a registered actor has at least one address");
        }
        Objects.requireNonNull(parent, "parent");
        Objects.requireNonNull(debugAddress, "debugAddress");
    }

    /** An entry without a debug address (an actor not in debug mode). */
    public RegistryEntry(String name, String uuid, long pid, List<Address> addresses, Optional<String> parent) {
        this(name, uuid, pid, addresses, parent, Optional.empty());
    }

    /** {@code name:uuid}, as actors are named in messages. */
    public String uid() {
        return name + ":" + uuid;
    }
}
