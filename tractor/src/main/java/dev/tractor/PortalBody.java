package dev.tractor;

/**
 * What runs with a portal that {@link Tractor#connect} opened; the connection is closed when it ends.
 *
 * @param <T> the type of what the body returns
 * @param <X> the checked exception the body may throw (and {@code connect} with it)
 */
@FunctionalInterface
public interface PortalBody<T, X extends Exception> {
    /**
     * Uses the portal.
     *
     * @param portal the portal to the actor at the address
     * @return what {@code connect} returns
     * @throws X anything; it comes out of {@code connect}
     */
    T run(Portal portal) throws X;
}
