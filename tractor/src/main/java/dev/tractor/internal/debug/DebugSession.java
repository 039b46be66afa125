package dev.tractor.internal.debug;

import com.sun.jdi.AbsentInformationException;
import com.sun.jdi.Bootstrap;
import com.sun.jdi.ClassType;
import com.sun.jdi.IncompatibleThreadStateException;
import com.sun.jdi.Location;
import com.sun.jdi.Method;
import com.sun.jdi.ObjectReference;
import com.sun.jdi.ReferenceType;
import com.sun.jdi.StackFrame;
import com.sun.jdi.ThreadReference;
import com.sun.jdi.VMDisconnectedException;
import com.sun.jdi.Value;
import com.sun.jdi.VirtualMachine;
import com.sun.jdi.connect.AttachingConnector;
import com.sun.jdi.connect.Connector;
import com.sun.jdi.connect.IllegalConnectorArgumentsException;
import com.sun.jdi.event.BreakpointEvent;
import com.sun.jdi.event.Event;
import com.sun.jdi.event.EventSet;
import com.sun.jdi.event.LocatableEvent;
import com.sun.jdi.event.StepEvent;
import com.sun.jdi.event.VMDeathEvent;
import com.sun.jdi.event.VMDisconnectEvent;
import com.sun.jdi.request.BreakpointRequest;
import com.sun.jdi.request.EventRequest;
import com.sun.jdi.request.EventRequestManager;
import com.sun.jdi.request.StepRequest;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One stop of one actor, seen from the debugger (ADR 0021): attaches with JDI to the actor's debugger
 * listener, waits for a thread to stop at its {@link Gate}, and runs the REPL's commands on it, one command
 * line at a time ({@link #execute}), until {@code continue} or {@code quit} lets the thread go and detaches.
 * Frames shown are the paused code's: the gate's own frames are hidden. Not thread-safe: one REPL drives it.
 *
 * <p>Blocking and not a checkpoint: attaching and each command wait on the debuggee, bounded by the timeouts
 * given; a debuggee that dies ends the session ({@link #ended()}), whatever command was running.
 */
public final class DebugSession implements AutoCloseable {
    /** Packages whose frames the REPL hides and {@code step} does not enter. */
    private static final List<String> NOT_USER_CODE = List.of("java.", "javax.", "jdk.", "sun.", "com.sun.",
            "dev.tractor.internal.");
    private static final String HELP = """
            where (bt)      the stack of the paused code, * at the current frame
            up / down       move to the caller / back
            list (l)        the source around the current line
            locals / args   the current frame's local variables / its arguments
            print (p) EXPR  a local, a field (a.b), an array element (a[1]), a call without arguments (a.size())
            next (n)        run to the next line of this method
            step (s)        run into the next call of the program's code, or to the next line
            return (r)      run until the current method returns
            continue (c)    let the paused code go on, and leave the debugger
            quit (q)        end the paused task with an error that says the user quit
            help (h)        this list""";

    private final VirtualMachine vm;
    private final Duration timeout;
    private final SourcePath sources;
    private ThreadReference thread;
    private ObjectReference gate; // the Gate the thread waits at, until it has left it
    private ClassType gates; // the debuggee's Gate class
    private Location gateLoop; // where a thread waits at a gate: the breakpoint that finds a stop
    private int current; // index into userFrames()
    private boolean ended;

    private DebugSession(VirtualMachine vm, Duration timeout, SourcePath sources) {
        this.vm = vm;
        this.timeout = timeout;
        this.sources = sources;
    }

    /**
     * Attaches to the debugger listener on loopback {@code port}.
     *
     * @throws IOException if nothing accepts a debugger there
     */
    public static DebugSession attach(int port, Duration timeout, SourcePath sources) throws IOException {
        AttachingConnector socket = Bootstrap.virtualMachineManager().attachingConnectors().stream()
                .filter(c -> c.name().equals("com.sun.jdi.SocketAttach")).findFirst()
                .orElseThrow(() -> new IOException("this JDK has no socket attaching connector"));
        Map<String, Connector.Argument> arguments = socket.defaultArguments();
        arguments.get("hostname").setValue("127.0.0.1");
        arguments.get("port").setValue(Integer.toString(port));
        arguments.get("timeout").setValue(Long.toString(timeout.toMillis()));
        try {
            return new DebugSession(socket.attach(arguments), timeout, sources);
        } catch (IllegalConnectorArgumentsException e) {
            throw new IOException(e);
        }
    }

    /**
     * Waits for a thread of the debuggee to stop at a gate, and stands at the frame that called it.
     *
     * @return the stop's heading: the thread and where it stopped
     * @throws IOException if no thread stops in time, or the debuggee ends
     */
    public String awaitStop() throws IOException, InterruptedException {
        ReferenceType gateType = gateClass();
        gates = (ClassType) gateType;
        Method await = gateType.methodsByName("await").getFirst();
        Location loop;
        try {
            loop = await.allLineLocations().stream().filter(l -> l.lineNumber() == sleepLine(await)).findFirst()
                    .orElse(await.location());
        } catch (AbsentInformationException e) {
            loop = await.location();
        }
        gateLoop = loop;
        EventRequestManager requests = vm.eventRequestManager();
        BreakpointRequest breakpoint = requests.createBreakpointRequest(loop);
        breakpoint.setSuspendPolicy(EventRequest.SUSPEND_EVENT_THREAD);
        breakpoint.enable();
        try {
            LocatableEvent stop = next(BreakpointEvent.class);
            thread = stop.thread();
            gate = frames().getFirst().thisObject();
            drive(thread); // a pause it steps into is this session's next stop
            current = 0;
            return "stopped in thread " + thread.name() + " at " + describe(userFrames().get(current).location());
        } catch (IncompatibleThreadStateException e) {
            throw new IOException("the stopped thread cannot be read: " + e.getMessage(), e);
        } finally {
            if (!ended) {
                requests.deleteEventRequest(breakpoint);
            }
        }
    }

    /** The debuggee's {@link Gate} class, waited for (a stop may be on its way) up to the timeout. */
    private ReferenceType gateClass() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<ReferenceType> found = vm.classesByName(Gate.class.getName());
            if (!found.isEmpty()) {
                return found.getFirst();
            }
            if (System.nanoTime() > deadline) {
                throw new IOException("no thread of the debuggee stopped within " + timeout);
            }
            Thread.sleep(10);
        }
    }

    /** The line of the gate's sleep: the one after the method's first line (the loop's condition). */
    private static int sleepLine(Method await) {
        try {
            return await.allLineLocations().stream().mapToInt(Location::lineNumber).min().orElse(-1) + 1;
        } catch (AbsentInformationException e) {
            return -1;
        }
    }

    /** Whether the session is over: the thread was let go, the user quit, or the debuggee ended. */
    public boolean ended() {
        return ended;
    }

    /** Runs one command line and returns what it prints (no trailing newline). */
    public String execute(String line) throws InterruptedException {
        if (ended) {
            return "the session has ended";
        }
        String trimmed = line.strip();
        int space = trimmed.indexOf(' ');
        String command = (space < 0 ? trimmed : trimmed.substring(0, space)).toLowerCase(Locale.ROOT);
        String argument = space < 0 ? "" : trimmed.substring(space + 1).strip();
        try {
            return switch (command) {
                case "where", "bt", "w" -> where();
                case "up", "u" -> move(1);
                case "down", "d" -> move(-1);
                case "list", "l" -> list();
                case "locals" -> variables(false);
                case "args", "a" -> variables(true);
                case "print", "p" -> argument.isEmpty() ? "print what? (print EXPR)" : print(argument);
                case "next", "n" -> resume(StepRequest.STEP_OVER);
                case "step", "s" -> resume(StepRequest.STEP_INTO);
                case "return", "r" -> resume(StepRequest.STEP_OUT);
                case "continue", "c", "cont" -> letGo(false);
                case "quit", "q", "exit" -> letGo(true);
                case "help", "h", "?" -> HELP;
                case "" -> "";
                default -> "unknown command '" + command + "' (help lists them)";
            };
        } catch (VMDisconnectedException gone) {
            ended = true;
            return "the actor's JVM is gone: the session has ended";
        } catch (IncompatibleThreadStateException | IOException e) {
            return "cannot: " + e.getMessage();
        }
    }

    private String where() throws IncompatibleThreadStateException {
        List<StackFrame> frames = userFrames();
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < frames.size(); i++) {
            text.append(i == current ? "* " : "  ").append(describe(frames.get(i).location())).append('\n');
        }
        return text.toString().stripTrailing();
    }

    private String move(int by) throws IncompatibleThreadStateException {
        int to = current + by;
        if (to < 0 || to >= userFrames().size()) {
            return by > 0 ? "already at the outermost frame" : "already at the innermost frame";
        }
        current = to;
        return describe(userFrames().get(current).location());
    }

    private String list() throws IncompatibleThreadStateException {
        Location here = userFrames().get(current).location();
        return sources.around(here, 5);
    }

    private String variables(boolean argumentsOnly) throws IncompatibleThreadStateException, InterruptedException {
        StackFrame frame = userFrames().get(current);
        List<com.sun.jdi.LocalVariable> visible;
        try {
            visible = frame.visibleVariables();
        } catch (AbsentInformationException e) {
            return "no variable names here (compile with -g)";
        }
        StringBuilder text = new StringBuilder();
        for (com.sun.jdi.LocalVariable v : visible) {
            if (argumentsOnly && !v.isArgument()) {
                continue;
            }
            Value value = userFrames().get(current).getValue(v); // fetched again: showing may invoke toString()
            text.append(v.name()).append(" = ").append(Values.show(value, thread)).append('\n');
        }
        return text.isEmpty() ? "(none)" : text.toString().stripTrailing();
    }

    private String print(String expression) throws IncompatibleThreadStateException {
        try {
            Value value = new Expression(expression, thread, () -> userFrames().get(current)).evaluate();
            return Values.show(value, thread);
        } catch (Expression.Unknown e) {
            return e.getMessage();
        }
    }

    /**
     * Steps the thread ({@code next}, {@code step}, {@code return}). From the pause point it first leaves the
     * gate: out of the hidden frames, back to the pausing line; if that leaves it on a new line already,
     * {@code next} and {@code step} have arrived.
     */
    private String resume(int depth) throws IncompatibleThreadStateException, InterruptedException, IOException {
        EventRequestManager requests = vm.eventRequestManager();
        boolean arrived = false;
        if (gate != null) {
            Location paused = userFrames().getFirst().location();
            open(false);
            gate = null;
            do {
                step(requests, StepRequest.STEP_OUT);
            } while (!ended && !isUserCode(thread.frame(0).location()));
            Location now = ended ? null : thread.frame(0).location();
            arrived = now != null && depth != StepRequest.STEP_OUT && (!now.method().equals(paused.method())
                    || now.lineNumber() != paused.lineNumber());
        }
        if (!arrived && !ended && step(requests, depth)) {
            current = 0;
            return "stopped again at " + describe(userFrames().get(current).location());
        }
        if (ended) {
            return "the actor's JVM is gone: the session has ended";
        }
        Location at = thread.frame(0).location();
        if (!isUserCode(at)) {
            letGo(false);
            return "returned from the paused code; it goes on";
        }
        current = 0;
        return describe(at);
    }

    /**
     * One step of the thread; whether it stopped at a gate on the way instead (it reached another pause: the
     * session now stands there).
     */
    private boolean step(EventRequestManager requests, int depth) throws InterruptedException, IOException {
        StepRequest step = requests.createStepRequest(thread, StepRequest.STEP_LINE, depth);
        if (depth == StepRequest.STEP_INTO) {
            NOT_USER_CODE.forEach(p -> step.addClassExclusionFilter(p + "*"));
        }
        step.addCountFilter(1);
        step.setSuspendPolicy(EventRequest.SUSPEND_EVENT_THREAD);
        step.enable();
        BreakpointRequest atGate = requests.createBreakpointRequest(gateLoop);
        atGate.addThreadFilter(thread);
        atGate.setSuspendPolicy(EventRequest.SUSPEND_EVENT_THREAD);
        atGate.enable();
        thread.resume();
        try {
            LocatableEvent event = next(StepEvent.class, BreakpointEvent.class);
            if (event instanceof BreakpointEvent) {
                gate = frames().getFirst().thisObject();
                return true;
            }
            return false;
        } catch (IncompatibleThreadStateException e) {
            throw new IOException("the stopped thread cannot be read: " + e.getMessage(), e);
        } finally {
            if (!ended) {
                requests.deleteEventRequest(step);
                requests.deleteEventRequest(atGate);
            }
        }
    }

    /** Tells the debuggee's gates that this session drives {@code t} (null: none). */
    private void drive(ThreadReference t) {
        try {
            gates.setValue(gates.fieldByName("driven"), t);
        } catch (com.sun.jdi.InvalidTypeException | com.sun.jdi.ClassNotLoadedException e) {
            throw new IllegalStateException("Gate.driven is a Thread", e); // it is: a bug if not
        }
    }

    private String letGo(boolean quit) {
        drive(null);
        if (gate != null) {
            open(quit);
        }
        ended = true;
        vm.dispose(); // resumes every thread the debugger suspended, and frees the listener for the next one
        return quit ? "quit: the paused task ends with an error" : "continuing";
    }

    private void open(boolean quit) {
        ClassType type = (ClassType) gate.referenceType();
        try {
            if (quit) {
                gate.setValue(type.fieldByName("quit"), vm.mirrorOf(true));
            }
            gate.setValue(type.fieldByName("open"), vm.mirrorOf(true));
        } catch (com.sun.jdi.InvalidTypeException | com.sun.jdi.ClassNotLoadedException e) {
            throw new IllegalStateException("the gate's fields are booleans", e); // they are: a bug if not
        }
    }

    /** The next event of one of {@code types} for this session; other events are let go. */
    @SafeVarargs
    private LocatableEvent next(Class<? extends LocatableEvent>... types) throws InterruptedException, IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            EventSet events = left <= 0 ? null : vm.eventQueue().remove(Math.max(1, left / 1_000_000));
            if (events == null) {
                throw new IOException("the debuggee did not stop within " + timeout);
            }
            for (Event e : events) {
                if (e instanceof VMDeathEvent || e instanceof VMDisconnectEvent) {
                    ended = true;
                    throw new IOException("the debuggee ended");
                }
                for (Class<? extends LocatableEvent> type : types) {
                    if (type.isInstance(e) && (thread == null || ((LocatableEvent) e).thread().equals(thread))) {
                        return type.cast(e);
                    }
                }
            }
            events.resume();
        }
    }

    /** The thread's frames from the paused code outwards: the gate's (and the JDK's above it) left out. */
    private List<StackFrame> userFrames() throws IncompatibleThreadStateException {
        List<StackFrame> all = frames();
        int first = 0;
        while (first < all.size() - 1 && !isUserCode(all.get(first).location())) {
            first++;
        }
        return all.subList(first, all.size()).stream().filter(f -> isUserCode(f.location())).toList();
    }

    private List<StackFrame> frames() throws IncompatibleThreadStateException {
        return thread.frames();
    }

    private static boolean isUserCode(Location location) {
        String type = location.declaringType().name();
        return NOT_USER_CODE.stream().noneMatch(type::startsWith) && !type.equals("dev.tractor.Tractor");
    }

    /** {@code app.Worker.compute(Worker.java:42)}. */
    static String describe(Location location) {
        String file;
        try {
            file = location.sourceName();
        } catch (AbsentInformationException e) {
            file = "unknown source";
        }
        return location.declaringType().name() + "." + location.method().name() + "(" + file + ":"
                + location.lineNumber() + ")";
    }

    /** Detaches if the session is still on, letting the thread go. */
    @Override
    public void close() {
        if (!ended) {
            try {
                letGo(false);
            } catch (VMDisconnectedException gone) {
                ended = true;
            }
        }
    }
}
