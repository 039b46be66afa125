package dev.tractor.internal.spawn;

import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The child's side of orphan prevention: notices that the parent process died and acts, so that no
 * actor outlives the tree it belongs to.
 *
 * <p>A child started by {@link ChildJvm} calls {@link #start} early in its {@code main}. Two signs tell it
 * that its parent is gone:
 * <ol>
 * <li>end of file on its standard input, which {@code ChildJvm} makes a pipe that the parent holds open
 *     and never writes to: the kernel closes the parent's end when the parent dies, however it dies, even
 *     by SIGKILL;</li>
 * <li>as a backup, the exit of the parent process ({@link ProcessHandle#parent()}, polled by the JDK
 *     every few hundred milliseconds).</li>
 * </ol>
 * Whichever comes first runs {@code onParentGone} once, which should make the process exit (cancel the
 * actor's work, then {@link System#exit}). If the process has not exited {@code haltAfter} later, because
 * it is stuck in code that cannot be cancelled or in a shutdown hook, the watch halts it
 * ({@link Runtime#halt} with {@link #EXIT_CODE}): the process always goes, and its own children then see
 * their pipes close and follow, down the whole tree.
 *
 * <p>The watch owns standard input: nothing else in the process may read it. A process whose standard
 * input is not the pipe from {@code ChildJvm} must not start the watch (with input from {@code /dev/null}
 * it would see end of file at once and exit).
 */
public final class ParentWatch {
    /**
     * The exit code of a child that the watch halted: 70, {@code EX_SOFTWARE} of BSD's
     * {@code sysexits.h} ("internal software error"): the parent died and the child did not exit in time.
     */
    public static final int EXIT_CODE = 70;

    private static final System.Logger LOG = System.getLogger("dev.tractor.spawn");
    private static final AtomicBoolean STARTED = new AtomicBoolean();

    private final Runnable onParentGone;
    private final Duration haltAfter;
    private final AtomicBoolean gone = new AtomicBoolean();

    private ParentWatch(Runnable onParentGone, Duration haltAfter) {
        this.onParentGone = onParentGone;
        this.haltAfter = haltAfter;
    }

    /**
     * Starts watching for the parent's death, on daemon threads, and returns at once (does not block).
     * When the parent is gone, {@code onParentGone} runs once, on a thread of its own; {@code haltAfter}
     * after that, the process is halted with {@link #EXIT_CODE} if it is still there.
     *
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code haltAfter} is negative
     * @throws IllegalStateException if the watch was started before in this process
     */
    public static void start(Runnable onParentGone, Duration haltAfter) {
        Objects.requireNonNull(onParentGone, "onParentGone");
        Objects.requireNonNull(haltAfter, "haltAfter");
        if (haltAfter.isNegative()) {
            throw new IllegalArgumentException("haltAfter must not be negative: " + haltAfter);
        }
        if (!STARTED.compareAndSet(false, true)) {
            throw new IllegalStateException("the parent watch of this process is already running");
        }
        ParentWatch watch = new ParentWatch(onParentGone, haltAfter);
        daemon("tractor-parent-watch", watch::readUntilEndOfInput);
        ProcessHandle.current().parent().ifPresent(parent -> parent.onExit()
                .thenRun(() -> watch.parentGone("the parent process (pid " + parent.pid() + ") exited")));
    }

    /** Reads standard input until it ends; the parent never writes, so anything read is dropped. */
    private void readUntilEndOfInput() {
        InputStream in = System.in;
        byte[] ignored = new byte[256];
        String why = "the pipe from the parent closed";
        try {
            while (in.read(ignored) >= 0) {
                // The parent writes nothing; keep waiting for the end of the pipe.
            }
        } catch (IOException e) {
            why = "the pipe from the parent failed (" + e + ")";
        }
        parentGone(why);
    }

    private void parentGone(String why) {
        if (!gone.compareAndSet(false, true)) {
            return;
        }
        LOG.log(Level.DEBUG, "{0}: parent gone ({1}); stopping, and halting in {2} if still running",
                actor(), why, haltAfter);
        // The halt timer starts first: onParentGone may block forever.
        daemon("tractor-halt-timer", this::haltLater);
        daemon("tractor-parent-gone", () -> {
            try {
                onParentGone.run();
            } catch (Throwable t) {
                LOG.log(Level.ERROR, actor() + ": onParentGone failed; the halt timer still runs", t);
            }
        });
    }

    private void haltLater() {
        try {
            Thread.sleep(haltAfter);
        } catch (InterruptedException e) {
            // Nobody interrupts this thread; halt now rather than leave an orphan.
        }
        // Straight to stderr: during shutdown the logging framework may already be closed.
        System.err.println(actor() + ": parent gone and still running after " + haltAfter + "; halting with exit code "
                + EXIT_CODE);
        System.err.flush();
        Runtime.getRuntime().halt(EXIT_CODE);
    }

    private static String actor() {
        return "actor " + System.getProperty(ChildJvm.ACTOR_PROPERTY, "pid " + ProcessHandle.current().pid());
    }

    private static void daemon(String name, Runnable body) {
        Thread.ofPlatform().name(name).daemon().start(body);
    }
}
