package dev.tractor.msg;

import java.util.Objects;

/**
 * An actor's unique id as it travels on the wire: its name and a UUID string, encoded as a two-element
 * array {@code [name, uuid]} (Python tractor's {@code tuple[str, str]}).
 *
 * @param name the actor's name
 * @param uuid the actor's UUID, as a string
 */
public record Uid(String name, String uuid) {
    /** Checks that neither part is null. */
    public Uid {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(uuid, "uuid");
    }

    /** The id for people: the name and the first eight characters of the UUID, {@code worker[1a2b3c4d]}. */
    public String shortId() {
        return name + "[" + (uuid.length() > 8 ? uuid.substring(0, 8) : uuid) + "]";
    }

    @Override
    public String toString() {
        return name + ":" + uuid;
    }
}
