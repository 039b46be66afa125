package dev.tractor.internal.debug;

import com.sun.jdi.AbsentInformationException;
import com.sun.jdi.ClassType;
import com.sun.jdi.IncompatibleThreadStateException;
import com.sun.jdi.Location;
import com.sun.jdi.ObjectReference;
import com.sun.jdi.StackFrame;
import com.sun.jdi.ThreadReference;
import com.sun.jdi.VMDisconnectedException;
import com.sun.jdi.Value;
import com.sun.jdi.VirtualMachine;
import com.sun.jdi.event.BreakpointEvent;
import com.sun.jdi.event.Event;
import com.sun.jdi.event.EventSet;
import com.sun.jdi.event.ExceptionEvent;
import com.sun.jdi.event.LocatableEvent;
import com.sun.jdi.event.StepEvent;
import com.sun.jdi.request.EventRequest;
import com.sun.jdi.request.EventRequestManager;
import com.sun.jdi.request.StepRequest;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The REPL's commands on one {@link Stop} (ADR 0021): a paused or crashed thread of a watched actor, driven
 * through its {@link Watch}'s connection, one command line at a time ({@link #execute}), until
 * {@code continue} or {@code quit} lets the thread go. Frames shown are the user's: the gate's and the
 * runtime's are hidden. At a crash the frames can be read but not stepped: the exception is on its way out,
 * and {@code continue} (or {@code quit}) lets it go on. Not thread-safe: one REPL drives it.
 *
 * <p>Blocking and not a checkpoint: each command waits on the debuggee, bounded by the timeout given; a
 * debuggee that dies ends the session ({@link #ended()}), whatever command was running.
 */
public final class DebugSession implements AutoCloseable {
    private static final String HELP = """
            where (bt)      the stack of the paused code, * at the current frame
            up / down       move to the caller / back
            list (l)        the source around the current line
            locals / args   the current frame's local variables / its arguments
            print (p) EXPR  a local, a field (a.b), an array element (a[1]), a call without arguments (a.size())
            next (n)        run to the next line of this method
            step (s)        run into the next call of the program's code, or to the next line
            return (r)      run until the current method returns
            continue (c)    let the paused code go on (after a crash: let the error go on), and leave
            quit (q)        end the paused task with an error that says the user quit
            help (h)        this list""";

    private final Watch watch;
    private final VirtualMachine vm;
    private final Duration timeout;
    private final SourcePath sources;
    private final ThreadReference thread;
    private final BlockingQueue<Optional<EventSet>> events;
    private ObjectReference gate; // the Gate the thread waits at, until it has left it
    private ObjectReference crash; // the exception on its way out, at a crash
    private int current; // index into userFrames()
    private boolean ended;

    private DebugSession(Stop stop, Duration timeout, SourcePath sources) {
        this.watch = stop.watch();
        this.vm = watch.vm();
        this.timeout = timeout;
        this.sources = sources;
        this.thread = stop.thread();
        this.crash = stop.exception();
        this.events = watch.events(thread); // Stops.next has it driven
    }

    /**
     * Opens the session on {@code stop}, standing at the innermost frame of the user's code.
     *
     * @return the session and its heading: the actor, the thread and where it stopped (and why, at a crash)
     */
    static DebugSession open(Stop stop, Duration timeout, SourcePath sources) {
        return new DebugSession(stop, timeout, sources);
    }

    /** What stopped and where: {@code [worker (pid 42)] stopped in thread t at app.W.f(W.java:9)}. */
    String heading() {
        try {
            if (!crash() && !catchAtGate()) {
                finish();
                return "[" + watch.who() + "] went on before its turn (its task was cancelled, or its actor is ending)";
            }
            current = 0;
            String where = " in thread " + thread.name() + " at " + describe(userFrames().get(current).location());
            return "[" + watch.who() + "] " + (crash() ? "crashed: " + Values.show(crash, thread) + "\n"
                    + "  raised" + where : "stopped" + where);
        } catch (IncompatibleThreadStateException | VMDisconnectedException | IOException | InterruptedException e) {
            finish();
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            return "[" + watch.who() + "] stopped, but is gone already";
        }
    }

    /**
     * Catches the paused thread at its gate's breakpoint, which it reaches every few milliseconds while it
     * waits there; whether it still waits there (a cancelled task has gone on).
     */
    private boolean catchAtGate() throws IOException, InterruptedException, IncompatibleThreadStateException {
        long deadline = System.nanoTime() + timeout.toNanos();
        boolean checked = false;
        while (System.nanoTime() < deadline) {
            Optional<EventSet> delivered = events.poll(checked ? 50 : 0, TimeUnit.MILLISECONDS);
            if (delivered != null && delivered.isEmpty()) {
                throw new IOException("the debuggee ended");
            }
            if (delivered != null) {
                for (Event e : delivered.get()) {
                    if (e instanceof BreakpointEvent hit && hit.thread().equals(thread)) {
                        gate = frames().getFirst().thisObject();
                        return true;
                    }
                }
                delivered.get().resume();
                continue;
            }
            if (!checked && !waitsAtGate()) {
                return false;
            }
            checked = !checked; // check again after each wait for the breakpoint
        }
        throw new IOException("the paused thread did not come back to its gate within " + timeout);
    }

    /** Whether the thread still waits in a gate: suspends it for a look at its frames. */
    private boolean waitsAtGate() {
        try {
            thread.suspend();
            try {
                return thread.frames().stream().anyMatch(f -> f.location().declaringType().name()
                        .equals(Gate.class.getName()));
            } finally {
                thread.resume();
            }
        } catch (IncompatibleThreadStateException | com.sun.jdi.ObjectCollectedException
                | IllegalThreadStateException ended) {
            return false; // the thread has ended
        }
    }

    private boolean crash() {
        return crash != null;
    }

    /** Whether the stopped actor's JVM is gone (the session then ends at its next command). */
    boolean actorGone() {
        return watch.gone();
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
                case "next", "n" -> crash() ? AT_A_CRASH : resume(StepRequest.STEP_OVER);
                case "step", "s" -> crash() ? AT_A_CRASH : resume(StepRequest.STEP_INTO);
                case "return", "r" -> crash() ? AT_A_CRASH : resume(StepRequest.STEP_OUT);
                case "continue", "c", "cont" -> letGo(false);
                case "quit", "q", "exit" -> letGo(true);
                case "help", "h", "?" -> HELP;
                case "" -> "";
                default -> "unknown command '" + command + "' (help lists them)";
            };
        } catch (VMDisconnectedException gone) {
            finish();
            return "the actor's JVM is gone: the session has ended";
        } catch (IncompatibleThreadStateException | IOException e) {
            return "cannot: " + e.getMessage();
        }
    }

    private static final String AT_A_CRASH = "post-mortem: the exception is on its way out and cannot be stepped; "
            + "'continue' lets it go on";

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
                if (step(requests, StepRequest.STEP_OUT)) {
                    return stoppedAgain();
                }
            } while (!ended && !UserCode.is(thread.frame(0).location()));
            Location now = ended ? null : thread.frame(0).location();
            arrived = now != null && depth != StepRequest.STEP_OUT && (!now.method().equals(paused.method())
                    || now.lineNumber() != paused.lineNumber());
        }
        if (!arrived && !ended && step(requests, depth)) {
            return stoppedAgain();
        }
        if (ended) {
            return "the actor's JVM is gone: the session has ended";
        }
        Location at = thread.frame(0).location();
        if (!UserCode.is(at)) {
            letGo(false);
            return "returned from the paused code; it goes on";
        }
        current = 0;
        return describe(at);
    }

    /** The step reached another pause, or a crash: the session stands there now. */
    private String stoppedAgain() throws IncompatibleThreadStateException {
        current = 0;
        String where = describe(userFrames().get(current).location());
        return crash() ? "crashed: " + Values.show(crash, thread) + "\n  raised at " + where : "stopped again at " + where;
    }

    /**
     * One step of the thread; whether it stopped at a gate (it reached another pause) or at a crash on the way
     * instead: the session then stands there.
     */
    private boolean step(EventRequestManager requests, int depth) throws InterruptedException, IOException {
        StepRequest step = requests.createStepRequest(thread, StepRequest.STEP_LINE, depth);
        if (depth == StepRequest.STEP_INTO) {
            UserCode.NOT_USER_CODE.forEach(p -> step.addClassExclusionFilter(p + (p.endsWith(".") ? "*" : "")));
        }
        step.addCountFilter(1);
        step.setSuspendPolicy(EventRequest.SUSPEND_EVENT_THREAD);
        step.enable();
        thread.resume();
        try {
            LocatableEvent event = next();
            if (event instanceof BreakpointEvent) {
                gate = frames().getFirst().thisObject();
                return true;
            }
            if (event instanceof ExceptionEvent thrown) {
                crash = thrown.exception();
                return true;
            }
            return false;
        } catch (IncompatibleThreadStateException e) {
            throw new IOException("the stopped thread cannot be read: " + e.getMessage(), e);
        } finally {
            if (!ended) {
                requests.deleteEventRequest(step);
            }
        }
    }

    private String letGo(boolean quit) {
        boolean wasCrash = crash();
        if (gate != null) {
            open(quit);
        }
        finish();
        thread.resume(); // the one suspension of its stop or step
        if (wasCrash) {
            return "continuing: the error goes on";
        }
        return quit ? "quit: the paused task ends with an error" : "continuing";
    }

    /** Ends the session: the thread's events are the watch's again. */
    private void finish() {
        ended = true;
        watch.release(thread);
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

    /**
     * The thread's next step, breakpoint (a pause) or crash; other events of the thread (a step that is no
     * longer asked for) are let go.
     */
    private LocatableEvent next() throws InterruptedException, IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            Optional<EventSet> delivered = left <= 0 ? null : events.poll(left, TimeUnit.NANOSECONDS);
            if (delivered == null) {
                throw new IOException("the debuggee did not stop within " + timeout);
            }
            if (delivered.isEmpty()) {
                finish();
                throw new IOException("the debuggee ended");
            }
            for (Event e : delivered.get()) {
                if ((e instanceof StepEvent || e instanceof BreakpointEvent || e instanceof ExceptionEvent)
                        && ((LocatableEvent) e).thread().equals(thread)) {
                    return (LocatableEvent) e;
                }
            }
            delivered.get().resume();
        }
    }

    /** The thread's frames from the paused code outwards: the gate's (and the JDK's above it) left out. */
    private List<StackFrame> userFrames() throws IncompatibleThreadStateException {
        List<StackFrame> all = frames();
        int first = 0;
        while (first < all.size() - 1 && !UserCode.is(all.get(first).location())) {
            first++;
        }
        List<StackFrame> user = all.subList(first, all.size()).stream().filter(f -> UserCode.is(f.location())).toList();
        return user.isEmpty() ? all : user;
    }

    private List<StackFrame> frames() throws IncompatibleThreadStateException {
        return thread.frames();
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

    /** Lets the thread go if the session is still on. */
    @Override
    public void close() {
        if (!ended) {
            try {
                letGo(false);
            } catch (VMDisconnectedException gone) {
                finish();
            }
        }
    }
}
