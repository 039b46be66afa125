package dev.tractor.internal.spawn;

/**
 * How an actor's process is started. {@link ChildJvm}, a fresh child JVM, is the first implementation;
 * pools of warm JVMs or remote hosts may come later and plug in here.
 *
 * <p>Implementations are safe to use from several threads at once.
 */
public interface SpawnMethod {
    /**
     * Starts the child described by {@code spec}. Returns once the process exists, not once it is ready:
     * the child has yet to start its JVM and connect back to its parent.
     *
     * <p>Blocks the caller for as long as the operating system takes to start the process (milliseconds);
     * it is not a checkpoint, and interrupting the caller does not stop it.
     *
     * @throws SpawnFailed if the process cannot be started
     */
    ChildProcess spawn(ChildSpec spec);
}
