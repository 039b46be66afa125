package dev.tractor.internal.debug;

import com.sun.jdi.AbsentInformationException;
import com.sun.jdi.Bootstrap;
import com.sun.jdi.Location;
import com.sun.jdi.Method;
import com.sun.jdi.ReferenceType;
import com.sun.jdi.ThreadReference;
import com.sun.jdi.VMDisconnectedException;
import com.sun.jdi.VirtualMachine;
import com.sun.jdi.connect.AttachingConnector;
import com.sun.jdi.connect.Connector;
import com.sun.jdi.connect.IllegalConnectorArgumentsException;
import com.sun.jdi.event.BreakpointEvent;
import com.sun.jdi.event.ClassPrepareEvent;
import com.sun.jdi.event.Event;
import com.sun.jdi.event.EventSet;
import com.sun.jdi.event.ExceptionEvent;
import com.sun.jdi.event.LocatableEvent;
import com.sun.jdi.event.VMDeathEvent;
import com.sun.jdi.event.VMDisconnectEvent;
import com.sun.jdi.request.BreakpointRequest;
import com.sun.jdi.request.ClassPrepareRequest;
import com.sun.jdi.request.EventRequest;
import com.sun.jdi.request.ExceptionRequest;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * One actor JVM under the tree's debugger (ADR 0021): a JDI connection to its listener, held for the actor's
 * life, with a breakpoint where {@link Gate} waits (a pause) and a request for every exception, of which
 * {@link Crash} keeps those that leave the user's code (a post-mortem). Both stop only the thread concerned;
 * each becomes a {@link Stop} in the debugger's queue. While a {@link DebugSession} drives a thread, that
 * thread's events go to the session instead. Its event loop runs on a thread of its own until the JVM is gone.
 */
final class Watch {
    private static final System.Logger LOG = System.getLogger("dev.tractor.debug");
    private final String actor;
    private final long pid;
    private final VirtualMachine vm;
    private final Stops stops;
    private final Crash crashes = new Crash();
    /** The threads a session drives now, and where their events go. */
    private final Map<ThreadReference, BlockingQueue<Optional<EventSet>>> driven = new ConcurrentHashMap<>();
    private volatile Location gateLoop; // set once the gate is breakpointed
    private volatile boolean gone;

    private Watch(String actor, long pid, VirtualMachine vm, Stops stops) {
        this.actor = actor;
        this.pid = pid;
        this.vm = vm;
        this.stops = stops;
    }

    /**
     * Attaches to the debugger listener on loopback {@code port} of actor {@code actor} and starts watching it:
     * when this returns, a pause or a crash in it stops.
     *
     * @throws IOException if nothing accepts a debugger there within {@code timeout}
     */
    static Watch attach(String actor, long pid, int port, Duration timeout, Stops stops) throws IOException {
        AttachingConnector socket = Bootstrap.virtualMachineManager().attachingConnectors().stream()
                .filter(c -> c.name().equals("com.sun.jdi.SocketAttach")).findFirst()
                .orElseThrow(() -> new IOException("this JDK has no socket attaching connector"));
        Map<String, Connector.Argument> arguments = socket.defaultArguments();
        arguments.get("hostname").setValue("127.0.0.1");
        arguments.get("port").setValue(Integer.toString(port));
        arguments.get("timeout").setValue(Long.toString(timeout.toMillis()));
        VirtualMachine vm;
        try {
            vm = socket.attach(arguments);
        } catch (IllegalConnectorArgumentsException e) {
            throw new IOException(e);
        }
        Watch watch = new Watch(actor, pid, vm, stops);
        watch.watch();
        return watch;
    }

    private void watch() {
        ExceptionRequest exceptions = vm.eventRequestManager().createExceptionRequest(null, true, true);
        exceptions.setSuspendPolicy(EventRequest.SUSPEND_EVENT_THREAD);
        exceptions.enable();
        if (vm.classesByName(Gate.class.getName()).isEmpty()) { // loaded at its first pause: breakpoint it then
            ClassPrepareRequest prepared = vm.eventRequestManager().createClassPrepareRequest();
            prepared.addClassFilter(Gate.class.getName());
            prepared.setSuspendPolicy(EventRequest.SUSPEND_EVENT_THREAD);
            prepared.enable();
        }
        List<ReferenceType> gates = vm.classesByName(Gate.class.getName()); // again: it may have been meanwhile
        if (!gates.isEmpty()) {
            breakpointGate(gates.getFirst());
        }
        Thread.ofPlatform().daemon().name("tractor-debug " + actor).start(this::loop);
    }

    private synchronized void breakpointGate(ReferenceType gate) {
        if (gateLoop != null) {
            return; // both the check and the class's preparation saw it
        }
        Location loop = waitLocation(gate);
        BreakpointRequest breakpoint = vm.eventRequestManager().createBreakpointRequest(loop);
        breakpoint.setSuspendPolicy(EventRequest.SUSPEND_EVENT_THREAD);
        breakpoint.enable();
        gateLoop = loop;
    }

    /** Where a thread waits at a gate: the line of the sleep in {@link Gate#await}, after the loop's condition. */
    private static Location waitLocation(ReferenceType gate) {
        Method await = gate.methodsByName("await").getFirst();
        try {
            List<Location> lines = await.allLineLocations();
            int first = lines.stream().mapToInt(Location::lineNumber).min().orElse(-1);
            return lines.stream().filter(l -> l.lineNumber() == first + 1).findFirst().orElse(await.location());
        } catch (AbsentInformationException e) {
            return await.location();
        }
    }

    /** Sorts the events: a session's go to it, a pause or a crash becomes a stop, the rest resume at once. */
    private void loop() {
        try {
            while (true) {
                EventSet events = vm.eventQueue().remove();
                boolean resume = true;
                for (Event e : events) {
                    if (e instanceof VMDeathEvent || e instanceof VMDisconnectEvent) {
                        end();
                        return;
                    } else if (e instanceof ClassPrepareEvent prepared) {
                        breakpointGate(prepared.referenceType());
                    } else if (e instanceof LocatableEvent at) {
                        try {
                            resume &= sort(events, at);
                        } catch (VMDisconnectedException gone) {
                            throw gone;
                        } catch (RuntimeException unreadable) { // the thread, or the exception, went away meanwhile
                            LOG.log(System.Logger.Level.DEBUG, "debugger: an event of " + actor + " let go", unreadable);
                        }
                    }
                }
                if (resume) {
                    events.resume();
                }
            }
        } catch (VMDisconnectedException | InterruptedException e) {
            end();
        }
    }

    /** Whether the event's thread may go on at once. */
    private boolean sort(EventSet events, LocatableEvent at) {
        ThreadReference thread = at.thread();
        BlockingQueue<Optional<EventSet>> session = driven.get(thread);
        boolean crashed = at instanceof ExceptionEvent thrown && crashes.isCrash(thrown);
        if (session != null && (at instanceof BreakpointEvent || !(at instanceof ExceptionEvent) || crashed)) {
            session.add(Optional.of(events)); // its step, or a pause or a crash on the way: the session decides
            return false;
        }
        if (at instanceof BreakpointEvent) {
            // The thread waits at the gate until its turn, unmounted and interruptible (a cancelled task leaves
            // the gate), so it is let go now; its session catches it at the gate again.
            stops.addPause(new Stop(this, thread, null));
            return true;
        }
        if (crashed) {
            stops.add(new Stop(this, thread, ((ExceptionEvent) at).exception()));
            return false;
        }
        return true;
    }

    private void end() {
        gone = true;
        stops.gone(this);
        driven.values().forEach(q -> q.add(Optional.empty())); // the JVM is gone
    }

    /** Starts routing {@code thread}'s events to a session ({@link #events}). */
    void drive(ThreadReference thread) {
        BlockingQueue<Optional<EventSet>> queue = new LinkedBlockingQueue<>();
        driven.put(thread, queue);
        if (gone) {
            queue.add(Optional.empty());
        }
    }

    /** Whether a session drives {@code thread}. */
    boolean drives(ThreadReference thread) {
        return driven.containsKey(thread);
    }

    /**
     * The queue on which a driven thread's events arrive, where an empty one says that the JVM is gone.
     *
     * @throws IllegalStateException if no session drives it
     */
    BlockingQueue<Optional<EventSet>> events(ThreadReference thread) {
        BlockingQueue<Optional<EventSet>> queue = driven.get(thread);
        if (queue == null) {
            throw new IllegalStateException("no session drives " + thread);
        }
        return queue;
    }

    /** Stops routing {@code thread}'s events to a session. */
    void release(ThreadReference thread) {
        driven.remove(thread);
    }

    VirtualMachine vm() {
        return vm;
    }

    boolean gone() {
        return gone;
    }

    /** {@code worker (pid 4242)}. */
    String who() {
        return actor + " (pid " + pid + ")";
    }

    /** Detaches: every thread it stopped goes on. */
    void close() {
        try {
            vm.dispose();
        } catch (VMDisconnectedException alreadyGone) {
            // nothing to let go
        }
    }
}
