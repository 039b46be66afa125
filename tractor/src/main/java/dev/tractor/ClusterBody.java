package dev.tractor;

import java.util.List;

/**
 * What runs with the actors of {@link Tractor#openActorCluster}.
 *
 * @param <T> the type of what the body returns
 */
@FunctionalInterface
public interface ClusterBody<T> {
    /**
     * Uses the actors.
     *
     * @param portals a portal to each actor, in the order of their names
     * @return what {@code openActorCluster} returns
     * @throws Exception anything; it cancels the actors and comes out of {@code openActorCluster}
     */
    T run(List<Portal> portals) throws Exception;
}
