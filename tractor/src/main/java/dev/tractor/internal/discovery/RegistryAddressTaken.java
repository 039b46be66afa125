package dev.tractor.internal.discovery;

import dev.tractor.TractorException;
import dev.tractor.ipc.Address;
import java.io.Serial;

/**
 * A registry address is held by something that is not the registrar of this tree: a program that does not
 * speak tractor's handshake, an actor of another secret, or an actor that is not the registrar. Internal
 * to {@link Discovery#join}: with the built-in addresses a root goes on with a registrar of its own; with
 * addresses the program asked for, it raises a plain {@link TractorException} with the same message.
 */
public final class RegistryAddressTaken extends TractorException {
    @Serial
    private static final long serialVersionUID = 1L;

    private final transient Address address;

    RegistryAddressTaken(Address address, String message, Throwable cause) {
        super(message, cause);
        this.address = address;
    }

    /** The address that is taken. */
    Address address() {
        return address;
    }
}
