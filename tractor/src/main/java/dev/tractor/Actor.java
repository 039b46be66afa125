package dev.tractor;

import dev.tractor.ipc.Address;
import dev.tractor.msg.Uid;

/**
 * The actor this code runs in: its name, unique id, process and the address it listens on. Get it with
 * {@link Tractor#currentActor()}.
 *
 * @param name the name it was started with (names need not be unique)
 * @param uid its unique id: the name and a random UUID
 * @param pid its process id
 * @param address where it accepts connections (from its children, for instance)
 * @param isRoot whether it is the root of its tree (the actor that {@code Tractor.run} started)
 */
public record Actor(String name, Uid uid, long pid, Address address, boolean isRoot) {
}
