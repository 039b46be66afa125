package dev.tractor;

import dev.tractor.ipc.Address;
import dev.tractor.msg.Uid;
import java.util.List;
import java.util.Objects;

/**
 * The actor this code runs in: its name, unique id, process and the addresses it listens on. Get it with
 * {@link Tractor#currentActor()}.
 *
 * @param name the name it was started with (names need not be unique)
 * @param uid its unique id: the name and a random UUID
 * @param pid its process id
 * @param addresses where it accepts connections (from its children, for instance), at least one; bound
 *     ports are the real ones, not 0 (see {@link ActorOptions#withBindAddresses})
 * @param isRoot whether it is the root of its tree (the actor that {@code Tractor.run} started)
 */
public record Actor(String name, Uid uid, long pid, List<Address> addresses, boolean isRoot) {
    /** Checks that there is an address, and copies the list. */
    public Actor {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(uid, "uid");
        addresses = List.copyOf(addresses);
        if (addresses.isEmpty()) {
            throw new IllegalArgumentException("an actor listens on at least one address");
        }
    }

    /** The first of {@link #addresses()}: where its children connect back. */
    public Address address() {
        return addresses.getFirst();
    }
}
