/**
 * The processes actors run in: starting them, reaping them, and making sure none outlives its parent.
 * Every actor is its own JVM process; this package is the process mechanics under the runtime's actor
 * nursery, and knows nothing of actors beyond a name (ADR 0011).
 *
 * <h2>Concepts</h2>
 *
 * <ul>
 * <li>{@link dev.tractor.internal.spawn.ChildSpec}: what to start: the actor's name and uid, a main class and its
 *     arguments, environment variables, JVM options.</li>
 * <li>{@link dev.tractor.internal.spawn.SpawnMethod}: how to start it. {@link dev.tractor.internal.spawn.ChildJvm}, a fresh
 *     JVM running this process's Java and code, is the one there is; pools of warm JVMs or remote
 *     hosts would be others. A process that cannot start raises {@link dev.tractor.internal.spawn.SpawnFailed}.</li>
 * <li>{@link dev.tractor.internal.spawn.ChildProcess}: the parent's handle on a started child: its pid, waiting for
 *     it, its exit code, and the teardown ladder.</li>
 * <li>{@link dev.tractor.internal.spawn.ParentWatch}: the child's side: it notices that its parent died and
 *     leaves.</li>
 * <li>{@link dev.tractor.internal.spawn.StartAdmission}: how many children of one process may be starting at
 *     once, from launch to connection back ({@code tractor.spawn.maxConcurrentStarts}, by default the
 *     number of cores, at least 2); the runtime takes a turn before each launch.</li>
 * </ul>
 *
 * <h2>Guarantees of a child JVM</h2>
 *
 * <ul>
 * <li><b>Visible in {@code ps}.</b> The command line carries {@code -Dtractor.actor=name@uid}, so every
 *     process of a tree says which actor it is.</li>
 * <li><b>Secrets stay off the command line.</b> Other users can read a command line; the child gets
 *     {@link dev.tractor.internal.spawn.ChildSpec#env()} in its environment instead, on top of the parent's.</li>
 * <li><b>Output in the parent's terminal.</b> The child's standard output and error are the parent's, so
 *     a whole tree prints to the terminal of its root.</li>
 * <li><b>Same Java, same code, however this JVM was launched.</b> The child runs this process's
 *     {@code java} and loads the same classes ({@link dev.tractor.internal.spawn.ChildCode}): from this
 *     JVM's class path ({@code java -cp}, {@code -jar}, class path jars, argument files), its module path
 *     ({@code -p ... -m}: the child runs {@code -m dev.tractor/...}), or the {@code file:} URLs of the
 *     application's class loaders ({@code mvn exec:java}). A launch that cannot be reproduced fails the
 *     spawn, before any process starts, saying what was found and what to do.</li>
 * <li><b>Long class paths work.</b> Over 32 KiB, the class path or module path goes in an owner-only
 *     argument file ({@code @file}, deleted when this JVM exits); {@code -Dtractor.actor} stays on the
 *     command line.</li>
 * <li><b>The options of the program, not of one process.</b> The child inherits this JVM's
 *     {@code tractor.*} and logging configuration properties, its agents but JDWP, {@code --add-modules}
 *     and the {@code --add-opens} family, {@code --enable-native-access}, {@code --enable-preview}, the
 *     {@code --sun-misc-unsafe-memory-access} setting, the assertion switches and its JFR recording (to a
 *     file of its own); not its heap sizes, GC or other {@code -XX} flags. Then come the tree's options
 *     (the property {@code tractor.child.jvmOptions}) and the spec's own, which win. ADR 0020 says
 *     why.</li>
 * </ul>
 *
 * <h2>Start-up cache</h2>
 *
 * When every entry of the class path is a {@code .jar} file, {@code ChildJvm} gives its children a JDK 25
 * AOT cache (JEP 483/514/515), which takes about a third off a child's start-up: the first child records
 * its start-up ({@code -XX:AOTMode=record}); once it has exited, the parent creates the cache in the
 * background ({@code -XX:AOTMode=create}; a parent that exits normally waits for it, one that exits on a
 * signal destroys it); later
 * children get {@code -XX:AOTCache}. Caches live in {@code $XDG_CACHE_HOME/tractor/aot} (else
 * {@code ~/.cache/tractor/aot}, owner-only), named by a hash of the JDK, every jar's path, size and time,
 * and the child's JVM options. The AOT options come with {@code -Xlog:aot*=off,cds*=off}, so nothing is
 * printed; any failure is logged at DEBUG and means no cache. A class path with a directory, a child with
 * its own CDS/AOT options, or the system property {@code tractor.spawn.aot=off} (inherited by children
 * like every {@code tractor.*} property) means no AOT option at all. A recording child writes its
 * configuration as its JVM exits, so it says so ({@link dev.tractor.internal.spawn.ChildProcess#recordsStartupCache()})
 * and the runtime gives it seconds rather than milliseconds to exit before SIGKILL.
 *
 * <h2>The teardown ladder</h2>
 *
 * A parent stops an actor by asking it over IPC first (the runtime's part); then
 * {@link dev.tractor.internal.spawn.ChildProcess#terminate ChildProcess.terminate(grace)} takes the process steps:
 * SIGTERM (the child's shutdown hooks run), up to {@code grace} to exit, then SIGKILL. It never hangs, it
 * is idempotent, and it reports how the child ended ({@code EXITED_BEFORE}, {@code EXITED_AFTER_SIGTERM},
 * {@code KILLED}). An interrupted {@code terminate} kills the child before it throws.
 *
 * <h2>No orphans</h2>
 *
 * A child's standard input is a pipe whose other end the parent holds and never writes to. When the
 * parent dies, even by SIGKILL, the kernel closes that end; the child's {@code ParentWatch} reads end of
 * file and runs its {@code onParentGone} (which should cancel the actor and exit). A child that is stuck and
 * does not exit is halted with {@link dev.tractor.internal.spawn.ParentWatch#EXIT_CODE} a while later, which closes
 * the pipes of its own children in turn: a tree whose root is killed unwinds from the top down.
 *
 * <h2>Example</h2>
 *
 * <pre>{@code
 * // In the parent:
 * SpawnMethod spawn = new ChildJvm();
 * ChildProcess child = spawn.spawn(new ChildSpec("worker", uid, "com.example.Worker", List.of(),
 *         Map.of("TRACTOR_SECRET", secret.toBase64()), List.of("-Xmx64m")));
 * ...
 * ChildProcess.Ending ending = child.terminate(Duration.ofSeconds(3));
 *
 * // In com.example.Worker.main, first thing:
 * ParentWatch.start(() -> System.exit(1), Duration.ofSeconds(5));
 * }</pre>
 *
 * <p>In Python's tractor this is {@code tractor._spawn}: its {@code soft_kill} is the cancel request over
 * IPC (here, the runtime's part) and its {@code hard_kill} the process steps of
 * {@code ChildProcess.terminate}.
 *
 * <p>None of the calls here is a structured-concurrency checkpoint but {@code StartAdmission.await}: the
 * other waits are plain bounded blocking calls that answer to {@link java.lang.Thread#interrupt()}.
 */
package dev.tractor.internal.spawn;
