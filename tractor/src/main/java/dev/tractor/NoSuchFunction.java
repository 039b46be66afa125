package dev.tractor;

import java.io.Serial;

/**
 * Raised when an enabled class has no function a call can run: the class is not on the actor's class
 * path, it declares no {@code public static} method of that name, the method it declares is private or
 * an instance method, no overload takes exactly the arguments' names (or several do), or the class was
 * compiled without {@code javac -parameters}, so its functions cannot be called by argument name. The
 * message names the class, the method and, where it helps, the candidates.
 *
 * <p>Raised in the callee before the function runs, and sent back as the error of that one call; the
 * actor goes on serving others.
 */
public final class NoSuchFunction extends TractorException {
    @Serial
    private static final long serialVersionUID = 1L;

    /** Creates the exception. */
    public NoSuchFunction(String message) {
        super(message);
    }

    /** Creates the exception with its cause. */
    public NoSuchFunction(String message, Throwable cause) {
        super(message, cause);
    }
}
