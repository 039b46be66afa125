package dev.tractor;

import java.util.Locale;

/**
 * How an actor listens for connections (from its children, and later from other actors).
 */
public enum Transport {
    /** A Unix-domain socket in the user's own directory (mode 0700): the default, and the fastest. */
    UDS,
    /** TCP on the loopback address, on a port the system picks. */
    TCP;

    /** The system property that carries the choice to an actor's process; children inherit it. */
    static final String PROPERTY = "tractor.transport";

    /** This process's choice: the system property, else {@link #UDS}. */
    public static Transport ofThisProcess() {
        String value = System.getProperty(PROPERTY, "uds");
        try {
            return valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(PROPERTY + " must be uds or tcp, not '" + value + "'", e);
        }
    }

    /** The property's value for this transport. */
    String propertyValue() {
        return name().toLowerCase(Locale.ROOT);
    }
}
