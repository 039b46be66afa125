package dev.tractor.internal.runtime;

import dev.tractor.RootCancelled;
import dev.tractor.internal.debug.Repl;
import dev.tractor.internal.spawn.StartupCache;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Which shutdown signal (SIGINT, SIGTERM) this process received, so that a root cancelled by one can say
 * so ({@link RootCancelled#signal()}).
 *
 * <p>A shutdown hook cannot tell why the JVM is shutting down. So while a root runs, a handler of our own
 * sits in front of the JVM's for each signal: it records the signal's name and hands the signal on to the
 * handler it replaced, which starts the shutdown exactly as before (hooks, then status 128 + the signal's
 * number). A signal the process ignores (a background job's SIGINT) stays ignored. {@link #restore} puts
 * the replaced handlers back when the root ends. A child actor's process installs them too, for good: its
 * shutdown hook tells a SIGTERM (the ladder's, or an operator's) from its own code calling
 * {@code System.exit}, which is a death its parent must hear of at once.
 */
public final class ShutdownSignals {
    private static final String[] NAMES = {"INT", "TERM"};
    private static volatile String received;

    private final List<Signal> signals = new ArrayList<>();
    private final List<SignalHandler> replaced = new ArrayList<>();

    private ShutdownSignals() {
    }

    /** Puts the recording handlers in front of the JVM's; a signal that cannot be handled is left alone. */
    public static ShutdownSignals install() {
        ShutdownSignals s = new ShutdownSignals();
        for (String name : NAMES) {
            try {
                Signal signal = new Signal(name);
                SignalHandler previous = Signal.handle(signal, new Recording(s));
                if (previous == SignalHandler.SIG_IGN) {
                    Signal.handle(signal, SignalHandler.SIG_IGN); // ignored before us: stays ignored
                    continue;
                }
                s.signals.add(signal);
                s.replaced.add(previous);
            } catch (IllegalArgumentException | UnsupportedOperationException notHere) {
                // the VM uses it (-Xrs, some platforms): the root still ends on it, only without its name
            }
        }
        return s;
    }

    /**
     * In a child actor's process: SIGINT is ignored. Ctrl-C in a terminal reaches every process of the
     * terminal's foreground process group, which holds the whole tree (children are not put in groups of
     * their own); the root acts on it and ends the tree in order, cancelling each child over IPC. A child that
     * ended itself on it would cut that order short, and end an actor the debugger has stopped.
     */
    public static void ignoreInterrupts() {
        try {
            Signal.handle(new Signal("INT"), SignalHandler.SIG_IGN);
        } catch (IllegalArgumentException | UnsupportedOperationException notHere) {
            // the VM keeps SIGINT for itself (-Xrs): nothing to change
        }
    }

    /**
     * The handler that records a signal and hands it on. A class, not a lambda: a child actor installs it
     * while it starts, where a lambda's first use costs milliseconds.
     */
    private static final class Recording implements SignalHandler {
        private final ShutdownSignals signals;

        Recording(ShutdownSignals signals) {
            this.signals = signals;
        }

        @Override
        public void handle(Signal sig) {
            if (sig.getName().equals("INT") && Repl.interrupted()) {
                return; // Ctrl-C at an open debugger REPL: a hint there, not the end of the tree
            }
            received = "SIG" + sig.getName();
            StartupCache.exitingOnSignal(); // the exit must not wait for a start-up cache
            signals.handOn(sig);
        }
    }

    private void handOn(Signal sig) {
        for (int i = 0; i < signals.size(); i++) {
            if (signals.get(i).getNumber() == sig.getNumber()) {
                SignalHandler previous = replaced.get(i);
                if (previous != SignalHandler.SIG_DFL && previous != SignalHandler.SIG_IGN) {
                    previous.handle(sig);
                } else {
                    System.exit(128 + sig.getNumber()); // what the JVM's own handler does
                }
                return;
            }
        }
    }

    /** The name of the shutdown signal received since this process started ({@code SIGINT}), if any. */
    public static Optional<String> received() {
        return Optional.ofNullable(received);
    }

    /** Puts back the handlers that {@link #install} replaced. */
    public void restore() {
        for (int i = 0; i < signals.size(); i++) {
            try {
                Signal.handle(signals.get(i), replaced.get(i));
            } catch (IllegalArgumentException | UnsupportedOperationException gone) {
                // nothing to restore
            }
        }
    }
}
