package dev.tractor;

import java.io.Serial;

/**
 * Raised when a peer asks an actor to run a function of a class that the actor did not enable, as in
 * {@code class com.example.Primes is not enabled in this actor (enabled: com.example.util.*)}. The class
 * is refused before it is loaded, so its static initializer never runs. Enable the class (or its
 * package) when the actor is started.
 *
 * <p>Raised in the callee before the function runs, and sent back as the error of that one call; the
 * actor goes on serving others.
 */
public final class FunctionNotEnabled extends TractorException {
    @Serial
    private static final long serialVersionUID = 1L;

    /** Creates the exception. */
    public FunctionNotEnabled(String message) {
        super(message);
    }
}
