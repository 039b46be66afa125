package dev.tractor.internal.spawn;

import java.io.File;
import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The automatic JDK 25 AOT cache of {@link ChildJvm} (JEP 483/514/515): child JVMs start from a cache of
 * the classes they load and link, which takes about a third off their start-up.
 *
 * <p>Active only when every entry of this JVM's class path is an existing {@code .jar} file (an AOT cache
 * cannot hold classes loaded from directories) and the system property {@value #PROPERTY} is not
 * {@code off}. The caches live in {@code $XDG_CACHE_HOME/tractor/aot} (else {@code ~/.cache/tractor/aot}),
 * created owner-only; a cache's name is a hash of {@code java.home}, {@code java.vm.version}, every jar's
 * absolute path, size and modification time, and the child's JVM options, so a rebuilt jar, another JDK
 * or other options get a fresh cache, never a mismatched one.
 *
 * <p>For a key with a cache ({@code key.aot}) a child gets {@code -XX:AOTCache=key.aot}. Without one, the
 * first child (the one whose parent creates {@code key.lock} atomically; a lock older than
 * {@link #STALE_LOCK} may be retaken) records its start-up ({@code -XX:AOTMode=record
 * -XX:AOTConfiguration=key.conf}, written as that JVM exits); once it has exited, the parent creates the
 * cache in the background ({@code java -XX:AOTMode=create}, output discarded, into {@code key.aot.PID.tmp},
 * then moved into place) and removes the lock and the configuration. A configuration left by an earlier
 * process is turned into a cache directly. Other children meanwhile start without any AOT option.
 *
 * <p>Silent: a child with any AOT option also gets {@code -Xlog:aot*=off,cds*=off} (a missing, corrupt or
 * mismatched cache is then ignored without a word), and the recording child
 * {@code -XX:+UnlockDiagnosticVMOptions -XX:-DisplayVMOutput} (HotSpot prints "AOTConfiguration recorded"
 * on standard output otherwise). Any failure is logged at DEBUG and the children go without a cache; a
 * spawn never fails because of it.
 *
 * <p>A program that ends as its recording child does (a short job) would otherwise never get a cache: so
 * when this JVM exits normally (its main method returned, or {@code System.exit}), a shutdown hook waits up
 * to {@link #EXIT_WAIT} for a recording child to exit and for the creation it starts to finish. When it
 * exits on a shutdown signal ({@link #exitingOnSignal}), the hook does not wait: it destroys the creation
 * JVM (its partial cache and the lock are removed, the configuration kept for the next process). A
 * creation is never started once the hook has run. A lock names the process that holds it; a lock whose
 * process is gone (a parent killed by SIGKILL) may be retaken at once, any lock after {@link #STALE_LOCK}.
 */
public final class StartupCache {
    /** The system property that turns the cache off: {@code -Dtractor.spawn.aot=off}. */
    static final String PROPERTY = "tractor.spawn.aot";
    /** A lock older than this is left over from a process that died, and may be retaken. */
    static final Duration STALE_LOCK = Duration.ofMinutes(10);
    /** How long the background {@code -XX:AOTMode=create} JVM may take. */
    static final Duration CREATE_TIMEOUT = Duration.ofMinutes(3);
    /**
     * How long a normal exit waits for the cache work under way (a recording child's exit, then the cache's
     * creation: about half a second on a quiet machine, a few seconds on a loaded one). Once per cache.
     */
    static final Duration EXIT_WAIT = Duration.ofSeconds(20);

    private static final System.Logger LOG = System.getLogger("dev.tractor.spawn");
    private static final List<String> SILENT = List.of("-Xlog:aot*=off,cds*=off");
    /** Options that mean the user manages CDS or AOT for the child: the automatic cache stays out. */
    private static final List<String> USER_CDS_PREFIXES = List.of("-XX:AOT", "-XX:SharedArchiveFile",
            "-XX:+AutoCreateSharedArchive", "-XX:ArchiveClassesAtExit", "-Xshare", "-XX:SharedClassListFile");

    /** Background creations this JVM runs, destroyed by the shutdown hook; key -> process. */
    private static final ConcurrentHashMap<Path, Process> CREATIONS = new ConcurrentHashMap<>();
    /** Locks of recording children that have not exited yet, released by the shutdown hook. */
    private static final Set<Path> RECORDINGS = ConcurrentHashMap.newKeySet();
    private static volatile boolean hookInstalled;
    /** Set by the shutdown hook: no creation starts after it. */
    private static volatile boolean shuttingDown;
    /** Set when a shutdown signal ends this JVM: the hook destroys the cache work instead of waiting for it. */
    private static volatile boolean signalled;
    /** Creations the shutdown hook destroyed: they did not fail, and their configurations are kept. */
    private static final Set<Process> DESTROYED = ConcurrentHashMap.newKeySet();

    private StartupCache() {}

    /**
     * What a child gets: its AOT options (none, to use a cache, or to record one), and for a recording
     * child the lock to act on once it has exited.
     */
    record Plan(List<String> options, Path lock) {
        static final Plan NONE = new Plan(List.of(), null);

        boolean records() {
            return lock != null;
        }
    }

    /**
     * The plan for a child of this JVM with the JVM options {@code options} (everything before its
     * {@code -Dtractor.actor}), running {@code java} with {@code classPath}. Never throws.
     */
    static Plan plan(String java, String classPath, List<String> options) {
        try {
            if ("off".equals(System.getProperty(PROPERTY)) || !jarsOnly(classPath) || userManagesCds(options)
                    || hasDebuggerAgent(options)) {
                return Plan.NONE;
            }
            Path directory = directory();
            if (directory == null) {
                return Plan.NONE;
            }
            String key = key(classPath, options);
            Path cache = directory.resolve(key + ".aot");
            if (Files.isRegularFile(cache)) {
                markUsed(cache);
                return new Plan(concat(List.of("-XX:AOTCache=" + cache), SILENT), null);
            }
            Path lock = directory.resolve(key + ".lock");
            if (!claim(lock)) {
                return Plan.NONE;
            }
            Path conf = directory.resolve(key + ".conf");
            if (Files.isRegularFile(conf) && Files.size(conf) > 0) {
                create(java, classPath, options, lock); // recorded by an earlier process
                return Plan.NONE;
            }
            installHook();
            RECORDINGS.add(lock);
            return new Plan(concat(List.of("-XX:AOTMode=record", "-XX:AOTConfiguration=" + conf,
                    "-XX:+UnlockDiagnosticVMOptions", "-XX:-DisplayVMOutput"), SILENT), lock);
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.DEBUG, "AOT cache for child JVMs: not used", e);
            return Plan.NONE;
        }
    }

    /** Once {@code child}, which recorded for {@code plan}, has exited: creates the cache in the background. */
    static void recorded(Process child, String java, String classPath, List<String> options, Plan plan) {
        child.onExit().whenComplete((p, e) -> {
            try {
                create(java, classPath, options, plan.lock());
            } catch (RuntimeException failed) {
                LOG.log(Level.DEBUG, "AOT cache for child JVMs: not created", failed);
                release(plan.lock());
            } finally {
                RECORDINGS.remove(plan.lock()); // after the creation is registered: the hook sees no gap
            }
        });
    }

    /** Gives up a plan whose child could not be started. */
    /** How many caches the directory keeps: the ones used most recently (a rebuilt jar makes a new one). */
    static final int KEPT_CACHES = 4;

    /** Marks a cache as used now, so that pruning keeps the caches in use. Best effort. */
    private static void markUsed(Path cache) {
        try {
            Files.setLastModifiedTime(cache, FileTime.from(Instant.now()));
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "AOT cache for child JVMs: cannot mark {0} as used: {1}", cache, e.getMessage());
        }
    }

    /** Deletes all but the {@link #KEPT_CACHES} most recently used caches of {@code directory}. Best effort. */
    static void pruneOldCaches(Path directory) {
        try (var files = Files.list(directory)) {
            List<Path> caches = files.filter(f -> f.getFileName().toString().endsWith(".aot"))
                    .sorted(java.util.Comparator.comparing(StartupCache::lastUsed).reversed())
                    .toList();
            for (Path old : caches.subList(Math.min(KEPT_CACHES, caches.size()), caches.size())) {
                Files.deleteIfExists(old); // a JVM that has it mapped keeps its copy until it exits
            }
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.DEBUG, "AOT cache for child JVMs: pruning {0} failed: {1}", directory, e.getMessage());
        }
    }

    private static FileTime lastUsed(Path file) {
        try {
            return Files.getLastModifiedTime(file);
        } catch (IOException e) {
            return FileTime.fromMillis(0);
        }
    }

    static void abandon(Plan plan) {
        if (plan.records()) {
            RECORDINGS.remove(plan.lock());
            release(plan.lock());
        }
    }

    /** Whether every entry of {@code classPath} is an existing regular {@code .jar} file (and there is one). */
    static boolean jarsOnly(String classPath) {
        if (classPath == null || classPath.isEmpty()) {
            return false;
        }
        for (String entry : classPath.split(File.pathSeparator, -1)) {
            if (entry.isEmpty() || !entry.endsWith(".jar") || !Files.isRegularFile(Path.of(entry))) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether the child carries the JDWP agent (debug mode, ADR 0021): such a JVM cannot use an AOT cache of
     * linked classes, and its options name a port of its own, so each child would record a configuration for
     * a cache that no JVM could use, and push the useful caches out.
     */
    static boolean hasDebuggerAgent(List<String> options) {
        return options.stream().anyMatch(o -> o.startsWith("-agentlib:jdwp") || o.startsWith("-Xrunjdwp")
                || o.startsWith("-agentpath:") && o.contains("jdwp"));
    }

    private static boolean userManagesCds(List<String> options) {
        for (String option : options) {
            for (String prefix : USER_CDS_PREFIXES) {
                if (option.startsWith(prefix)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The cache directory, created owner-only; null if there is no home to put it in. */
    static Path directory() throws IOException {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base;
        if (xdg != null && !xdg.isEmpty() && Path.of(xdg).isAbsolute()) {
            base = Path.of(xdg);
        } else {
            String home = System.getProperty("user.home");
            if (home == null || home.isEmpty() || home.equals("?")) {
                return null;
            }
            base = Path.of(home, ".cache");
        }
        Path directory = base.resolve("tractor").resolve("aot");
        if (!Files.isDirectory(directory)) {
            Files.createDirectories(directory.getParent());
            try {
                if (directory.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                    Files.createDirectory(directory,
                            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
                } else {
                    Files.createDirectory(directory);
                }
            } catch (FileAlreadyExistsException raced) {
                // another process made it
            }
        }
        return directory;
    }

    /** The hash that names the cache of a child with these JVM options and this class path. */
    static String key(String classPath, List<String> options) throws IOException {
        StringBuilder text = new StringBuilder();
        text.append(System.getProperty("java.home")).append('\0')
                .append(System.getProperty("java.vm.version")).append('\0');
        for (String entry : classPath.split(File.pathSeparator, -1)) {
            Path jar = Path.of(entry).toAbsolutePath();
            text.append(jar).append('\0').append(Files.size(jar)).append('\0')
                    .append(Files.getLastModifiedTime(jar).toMillis()).append('\0');
        }
        text.append('\1');
        for (String option : options) {
            text.append(option).append('\0');
        }
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Creates the lock (holding this process's pid), or retakes a stale one: its process is gone, or it is
     * older than {@link #STALE_LOCK}. Whether this process now holds it.
     */
    private static boolean claim(Path lock) throws IOException {
        try {
            Files.createFile(lock);
            Files.writeString(lock, Long.toString(ProcessHandle.current().pid()));
            return true;
        } catch (FileAlreadyExistsException held) {
            FileTime made;
            String holder;
            try {
                made = Files.getLastModifiedTime(lock);
                holder = Files.readString(lock).strip();
            } catch (IOException gone) {
                return false; // released meanwhile: the next child tries again
            }
            if (made.toInstant().isAfter(Instant.now().minus(STALE_LOCK)) && holderAlive(holder)) {
                return false;
            }
            // Stale: move it aside atomically, so that of several processes only one retakes it.
            Path aside = lock.resolveSibling(lock.getFileName() + "." + ProcessHandle.current().pid());
            try {
                Files.move(lock, aside, StandardCopyOption.ATOMIC_MOVE);
                Files.deleteIfExists(aside);
            } catch (IOException lost) {
                return false;
            }
            return claim(lock);
        }
    }

    /**
     * Where this process's creation writes the cache before moving it into place: named by the pid, so that a
     * creation left running by a dead process never writes into the same file.
     */
    private static Path temporaryCache(Path lock) {
        String key = lock.getFileName().toString().replace(".lock", "");
        return lock.resolveSibling(key + ".aot." + ProcessHandle.current().pid() + ".tmp");
    }

    /** Whether the process a lock names is alive; a lock without a pid yet (being written) counts as held. */
    private static boolean holderAlive(String pid) {
        if (pid.isEmpty()) {
            return true;
        }
        try {
            return ProcessHandle.of(Long.parseLong(pid)).map(ProcessHandle::isAlive).orElse(false);
        } catch (NumberFormatException unreadable) {
            return true; // not ours to judge: wait until it is stale
        }
    }

    /** Starts {@code java -XX:AOTMode=create} in the background; on its end, installs or discards. */
    private static void create(String java, String classPath, List<String> options, Path lock) {
        String key = lock.getFileName().toString().replace(".lock", "");
        Path conf = lock.resolveSibling(key + ".conf");
        Path tmp = temporaryCache(lock);
        Path cache = lock.resolveSibling(key + ".aot");
        if (!Files.isRegularFile(conf)) {
            LOG.log(Level.DEBUG, "AOT cache for child JVMs: no configuration was recorded at {0}", conf);
            release(lock);
            return;
        }
        if (shuttingDown && signalled) { // the configuration stays for the next process
            release(lock);
            return;
        }
        List<String> command = new ArrayList<>();
        command.add(java);
        command.addAll(options);
        command.addAll(List.of("-XX:AOTMode=create", "-XX:AOTConfiguration=" + conf, "-XX:AOTCache=" + tmp,
                "-cp", classPath));
        Process creation;
        try {
            installHook();
            creation = new ProcessBuilder(command).redirectInput(Redirect.PIPE).redirectOutput(Redirect.DISCARD)
                    .redirectError(Redirect.DISCARD).start();
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.DEBUG, "AOT cache for child JVMs: cannot run " + command, e);
            release(lock);
            return;
        }
        CREATIONS.put(lock, creation);
        Thread.ofPlatform().daemon().name("tractor-aot-create").start(() -> {
            try {
                boolean done = creation.waitFor(CREATE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                if (!done) {
                    creation.destroyForcibly();
                }
                if (done && creation.exitValue() == 0 && Files.isRegularFile(tmp)) {
                    try {
                        Files.move(tmp, cache, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                    } catch (AtomicMoveNotSupportedException e) {
                        Files.move(tmp, cache, StandardCopyOption.REPLACE_EXISTING);
                    }
                    LOG.log(Level.DEBUG, "AOT cache for child JVMs: created {0}", cache);
                    pruneOldCaches(cache.getParent());
                } else {
                    LOG.log(Level.DEBUG, "AOT cache for child JVMs: creating {0} failed (exit {1})", cache,
                            done ? creation.exitValue() : "timeout");
                }
                if (!DESTROYED.contains(creation)) {
                    Files.deleteIfExists(conf); // used, or failed (it would fail again)
                }
            } catch (IOException | InterruptedException | RuntimeException e) {
                LOG.log(Level.DEBUG, "AOT cache for child JVMs: creating " + cache + " failed", e);
            } finally {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // best effort
                }
                CREATIONS.remove(lock, creation);
                release(lock);
            }
        });
    }

    private static void release(Path lock) {
        try {
            Files.deleteIfExists(lock);
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "AOT cache for child JVMs: cannot remove " + lock, e);
        }
    }

    private static synchronized void installHook() {
        if (hookInstalled) {
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            shuttingDown = true;
            if (!signalled) {
                awaitCacheWork();
            }
            CREATIONS.forEach((lock, creation) -> {
                DESTROYED.add(creation);
                creation.destroyForcibly();
                try {
                    creation.waitFor(2, TimeUnit.SECONDS);
                    Files.deleteIfExists(temporaryCache(lock));
                } catch (IOException | InterruptedException ignored) {
                    // best effort
                }
                release(lock);
            });
            // A recording child still running writes its configuration as it goes (it loses its parent):
            // the next process that finds it makes the cache from it.
            RECORDINGS.forEach(StartupCache::release);
        }, "tractor-aot-cleanup"));
        hookInstalled = true;
    }

    /**
     * The shutdown hook's wait at a normal exit: until no recording child runs and no creation does, at most
     * {@link #EXIT_WAIT}, and not at all once a shutdown signal arrives meanwhile.
     */
    private static void awaitCacheWork() {
        long deadline = System.nanoTime() + EXIT_WAIT.toNanos();
        while ((!RECORDINGS.isEmpty() || !CREATIONS.isEmpty()) && !signalled && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /**
     * This JVM is ending on a shutdown signal (SIGINT, SIGTERM): its exit must not wait for a start-up cache.
     * Called by the runtime's signal handler, before the shutdown begins. Any thread.
     */
    public static void exitingOnSignal() {
        signalled = true;
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return List.copyOf(all);
    }
}
