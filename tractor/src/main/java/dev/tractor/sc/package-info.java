/**
 * Structured concurrency on virtual threads: trio's model (runs, nurseries, cancel scopes, checkpoints,
 * memory channels) with Java shapes.
 *
 * <p>The one rule everything here follows: <em>a task never outlives the block that started it.</em> Code
 * that starts concurrent work opens a {@link dev.tractor.sc.Nursery}; the nursery's block does not end
 * until every task in it has ended; if one task fails, the others are cancelled and the failure comes out of
 * the block, in the task that opened it. Concurrency then nests like ordinary calls: when a method
 * returns, nothing it started is still running, and nothing it started failed without telling it.
 *
 * <h2>Runs and tasks</h2>
 *
 * A <em>run</em> is one call of {@link dev.tractor.sc.Sc#run(Computation) Sc.run}: it runs its body as the
 * root task of a new task tree, waits until that body and every task below it have ended, and returns the
 * body's value or raises its failure. A <em>task</em> is a virtual thread that belongs to a run: the root
 * task, or a task started in a nursery. Most of this package (checkpoints, nurseries, channel waits) may only
 * be called from a task; elsewhere it raises {@link java.lang.IllegalStateException}. {@code Sc.run} itself
 * must not be called from a task (open a nursery instead).
 *
 * <p>Tasks run in parallel on the JDK's virtual-thread scheduler. Unlike trio, where one task runs at a
 * time and code between two checkpoints is atomic, state shared by tasks here needs the usual care: hand
 * values over through {@linkplain dev.tractor.sc.MemoryChannel channels}, or use
 * {@code java.util.concurrent} atomics and locks, or a {@link dev.tractor.sc.TaskLock} when the critical
 * section waits.
 *
 * <h2>Nurseries</h2>
 *
 * {@link dev.tractor.sc.Nursery#open Nursery.open(n -> ...)} opens a nursery in the calling task, runs the
 * body with it and then waits for every task started in it.
 * {@link dev.tractor.sc.Nursery#startSoon(String, Action) n.startSoon(name, task)} starts a task and returns
 * at once. {@link dev.tractor.sc.Nursery#start n.start(name, status -> ...)} starts a task and waits until it
 * reports, through {@link dev.tractor.sc.TaskStatus#started(Object) status.started(value)}, that it is ready
 * (a server that is listening, a connection that is open); {@code start} returns that value and the task
 * goes on running in the nursery. Until it calls {@code started}, the task runs under the caller's cancel
 * scopes and its failure is raised from {@code start}.
 *
 * <p>When the body or a task fails, the nursery cancels its {@linkplain dev.tractor.sc.Nursery#cancelScope()
 * cancel scope}, which covers the body and all its tasks, waits for them to unwind, and raises: a single
 * failure as itself (its own type, so {@code catch (IOException e)} works), two or more as an
 * {@link dev.tractor.sc.ExceptionGroup} (body first, then tasks in the order they failed).
 * {@link dev.tractor.sc.ExceptionGroup#find ExceptionGroup.find(e, IOException.class)} looks for a type in
 * either shape. The {@link dev.tractor.sc.Cancelled} that the nursery's own cancellation caused in its tasks
 * is not reported. Bodies and tasks may throw checked exceptions; {@code Nursery.open} declares
 * {@code throws Exception} because any of them may come out as itself.
 *
 * <h2>Cancel scopes and checkpoints</h2>
 *
 * A {@link dev.tractor.sc.CancelScope} is a region of code that can be cancelled as a unit:
 * {@code scope.run(() -> ...)} runs a body inside it, and {@link dev.tractor.sc.CancelScope#cancel()} (from
 * any thread) or a deadline cancels it. Cancelling a scope cancels the code inside it in the task that
 * entered it and in every task of every nursery opened inside it.
 *
 * <p>Cancellation is delivered only at <em>checkpoints</em>: calls of this package that check whether the
 * calling task is cancelled, raise {@link dev.tractor.sc.Cancelled} if so, and, when they wait, wake up to
 * raise it as soon as the cancellation happens. Every blocking call of this package is a checkpoint
 * ({@link dev.tractor.sc.Sc#sleep Sc.sleep}, {@link dev.tractor.sc.SendChannel#send send},
 * {@link dev.tractor.sc.ReceiveChannel#receive receive}, {@link dev.tractor.sc.Event#await Event.await},
 * {@link dev.tractor.sc.TaskLock#acquire acquire}, {@link dev.tractor.sc.Nursery#start start},
 * {@link dev.tractor.sc.Sc#await Sc.await} of a future); the javadoc
 * of every method says whether it is one. {@link dev.tractor.sc.Sc#checkpoint() Sc.checkpoint()} is a
 * checkpoint and nothing else, for long computations. Code that calls no checkpoint cannot be cancelled; it
 * runs on until it reaches one.
 *
 * <p>{@code Cancelled} unwinds the task (running {@code finally} blocks on the way) up to the scope that was
 * cancelled, which catches it: {@code scope.run} returns normally and
 * {@link dev.tractor.sc.CancelScope#cancelledCaught()} is {@code true}. It extends {@link java.lang.Error},
 * not {@code Exception}, so that {@code catch (Exception e)} does not swallow it; code that catches
 * {@code Throwable} must rethrow it. Cancellation is <em>level-triggered</em>: it stays in force until the
 * cancelled scope is left, so every checkpoint inside raises {@code Cancelled} again, and a task that
 * swallows one by mistake is stopped at its next checkpoint.
 *
 * <p>A {@linkplain dev.tractor.sc.CancelScope#shield(boolean) shielded} scope is not reached by the
 * cancellation of the scopes around it, so cleanup can still wait for things (a goodbye message, a
 * flush):
 * <pre>{@code
 * try {
 *     serve(connection);
 * } finally {
 *     new CancelScope().shield(true).relativeDeadline(Duration.ofSeconds(2))
 *             .run(() -> connection.sayGoodbye());
 * }
 * }</pre>
 * Give a shielded scope a deadline of its own, or it can hold up the cancellation of everything around it
 * for ever.
 *
 * <h2>Deadlines and the run's clock</h2>
 *
 * Every scope may carry a deadline; when it passes, the scope is cancelled. The
 * {@link dev.tractor.sc.Timeouts} helpers wrap the common cases:
 * {@link dev.tractor.sc.Timeouts#moveOnAfter(java.time.Duration, Computation) moveOnAfter} gives up quietly
 * (an empty {@code Optional}, or {@code false} for a body with no value) and
 * {@link dev.tractor.sc.Timeouts#failAfter(java.time.Duration, Computation) failAfter} raises
 * {@link dev.tractor.sc.TooSlow}; {@code moveOnAt} and {@code failAt} take an absolute deadline. Scopes nest,
 * and the earliest deadline wins; {@link dev.tractor.sc.Sc#currentEffectiveDeadline()} tells a task which
 * deadline applies to it now.
 *
 * <p>All deadlines, sleeps and timeouts of a run are measured on the run's {@link dev.tractor.sc.Clock}, in
 * nanoseconds ({@link dev.tractor.sc.Sc#now()}; {@code Long.MAX_VALUE} means "no deadline"). It is
 * {@link dev.tractor.sc.Clock#system()} unless the run was started with
 * {@link dev.tractor.sc.Sc#run(Clock, Computation) Sc.run(clock, body)}; tests pass the autojumping mock clock
 * of {@link dev.tractor.sc.testing}, on which an hour-long timeout takes no real time.
 *
 * <h2>Memory channels</h2>
 *
 * {@link dev.tractor.sc.MemoryChannel#open(int) MemoryChannel.open(capacity)} makes a FIFO channel with a
 * {@link dev.tractor.sc.SendChannel} end and a {@link dev.tractor.sc.ReceiveChannel} end. Capacity 0 hands
 * each value from sender to receiver directly; capacity N lets senders run N values ahead;
 * {@link dev.tractor.sc.MemoryChannel#unbounded()} never makes a sender wait. Each end can be
 * {@linkplain dev.tractor.sc.SendChannel#clone() cloned}, and every handle is closed on its own (they are
 * {@code AutoCloseable}). When the last sending handle is closed, receivers get the buffered values and then
 * {@link dev.tractor.sc.EndOfChannel} (a {@code for} loop over a receiver simply ends); when the last
 * receiving handle is closed, senders get {@link dev.tractor.sc.BrokenResource}; a handle used after it was
 * closed raises {@link dev.tractor.sc.ClosedResource}. A cancelled {@code send} has not sent its value, and
 * a cancelled {@code receive} has not lost one.
 *
 * <h2>Synchronization</h2>
 *
 * {@link dev.tractor.sc.Event} is a one-shot flag that tasks wait for. {@link dev.tractor.sc.TaskLock} is a
 * fair, non-reentrant lock owned by a task. {@link dev.tractor.sc.CapacityLimiter} lets at most N tasks (or
 * other borrowers) do something at once. {@link dev.tractor.sc.Signal} lets tasks wait for a condition that
 * threads outside the run make true. Their waits are checkpoints, so a task waiting on them can be
 * cancelled, and a cancelled wait takes nothing.
 *
 * <h2>Foreign blocking code</h2>
 *
 * The runtime cancels tasks through its own checkpoints and never through {@link java.lang.Thread#interrupt()},
 * so JDK and library calls that block ({@code Thread.sleep}, socket reads, JDBC) are not reached by
 * cancellation. To make such a call cancellable, run it in
 * {@link dev.tractor.sc.Sc#interruptible(Computation) Sc.interruptible(() -> ...)}: while the body runs,
 * cancellation interrupts the thread once, and an {@code InterruptedException} or {@code IOException}
 * (such as {@code ClosedByInterruptException}) that comes out of it after that interrupt is turned into
 * {@code Cancelled}. The runtime's interrupt never leaks out of that call. Beware that interrupting a thread
 * blocked in an NIO channel operation closes the channel.
 *
 * <p>Asynchronous APIs that hand out futures ({@code HttpClient.sendAsync}, drivers returning a
 * {@link java.util.concurrent.CompletionStage}) are waited for with {@link dev.tractor.sc.Sc#await Sc.await}:
 * a checkpoint that raises the future's real failure (not its {@code CompletionException} wrapper),
 * {@link dev.tractor.sc.ForeignCancelled} when the other side cancelled the future, and that cancels the
 * future when the waiting task is cancelled. The other way round, foreign code starts structured work with
 * {@link dev.tractor.sc.Sc#runAsync Sc.runAsync}, a run of its own whose future completes only once the work
 * and everything it started have ended, and whose {@code cancel} cancels the work. A task and a foreign task
 * that talk both ways for a while open a {@link dev.tractor.sc.ForeignChannel}: they start together (a first
 * value, {@link dev.tractor.sc.ForeignEnd#started}), values cross each way, and an early exit of either side
 * is a distinct error ({@link dev.tractor.sc.ForeignTaskExited} here, {@link dev.tractor.sc.StructuredTaskExited}
 * there). The guide's page {@code docs/guide/foreign-async.md} has all of it.
 *
 * <p>An interrupt that the runtime did not send (someone called {@code Thread.interrupt()} on a task's
 * thread, or on the thread waiting in {@code Sc.run}) is treated like Ctrl-C in trio: it cancels the whole
 * run, and {@code Sc.run} raises {@link java.lang.InterruptedException} once everything has unwound.
 *
 * <h2>Guarantees</h2>
 * <ul>
 * <li>{@code Sc.run} and {@code Nursery.open} return (normally or not) only after every task started inside
 *     them has ended; no task is left running in the background.</li>
 * <li>No failure is lost: the failure of a body or of a task comes out of the nursery that owns it, alone or
 *     in an {@code ExceptionGroup}. Only the {@code Cancelled} that a scope's own cancellation caused is
 *     absorbed, by that scope.</li>
 * <li>A failure cancels the failing task's siblings in the same nursery, and cancelling a scope cancels
 *     everything nested in it, except what is behind a shield.</li>
 * <li>{@code Cancelled} is raised only at checkpoints, never at an arbitrary point of a task's code, and a
 *     waiting checkpoint that raises it has had no effect (nothing sent, received or acquired).</li>
 * <li>Deadlines fire on time even when every carrier thread is busy (a dedicated thread watches them), but
 *     reach a task only at its next checkpoint.</li>
 * </ul>
 *
 * <h2>Memory consistency</h2>
 * Actions in a task before it starts another task <i>happen-before</i> the new task begins. Actions of a
 * task happen-before the return of the {@code Nursery.open} that owns it, and those of the root task
 * happen-before the return of {@code Sc.run}. Actions before {@code send} happen-before the matching
 * {@code receive} returns; actions before {@code started(value)} happen-before {@code start} returns it;
 * actions before {@code Event.set()} happen-before an {@code await} that sees the event set; actions before
 * a release of a {@code TaskLock} or {@code CapacityLimiter} token happen-before the next acquire of it.
 *
 * <h2>Example</h2>
 * Download pages at most four at a time, ten seconds each, collecting them through a channel:
 * <pre>{@code
 * static List<String> downloadAll(List<URI> pages) throws Exception {
 *     return Sc.run(() -> {
 *         CapacityLimiter fourAtATime = new CapacityLimiter(4);
 *         MemoryChannel<String> results = MemoryChannel.open(0);
 *         List<String> bodies = new ArrayList<>();
 *         Nursery.open(n -> {
 *             try (SendChannel<String> tx = results.sender()) {
 *                 for (URI page : pages) {
 *                     SendChannel<String> mine = tx.clone();    // one sending handle per task
 *                     n.startSoon("download " + page, () -> {
 *                         try (mine) {
 *                             fourAtATime.acquire();
 *                             try {
 *                                 mine.send(Timeouts.failAfter(Duration.ofSeconds(10),
 *                                         () -> Sc.interruptible(() -> download(page))));
 *                             } finally {
 *                                 fourAtATime.release();
 *                             }
 *                         }
 *                     });
 *                 }
 *             }                                  // the tasks now hold the only sending handles
 *             try (ReceiveChannel<String> rx = results.receiver()) {
 *                 for (String body : rx) {       // ends when every task has closed its handle
 *                     bodies.add(body);
 *                 }
 *             }
 *         });
 *         return bodies;
 *     });
 * }
 * }</pre>
 * If one download fails or is too slow, the others are cancelled, and {@code downloadAll} raises that
 * failure ({@code TooSlow}, an {@code IOException}, ...) once every task has ended; if several failed
 * before the cancellation reached them, it raises an {@code ExceptionGroup} of them.
 *
 * <h2>Coming from trio</h2>
 * <table class="striped">
 * <caption>trio names and their counterparts in this package</caption>
 * <thead><tr><th scope="col">trio</th><th scope="col">here</th></tr></thead>
 * <tbody>
 * <tr><td>{@code trio.run(main)}</td><td>{@link dev.tractor.sc.Sc#run(Computation) Sc.run(() -> ...)};
 *     {@code trio.run(main, clock=c)} is {@code Sc.run(c, () -> ...)}</td></tr>
 * <tr><td>{@code async with trio.open_nursery() as n:}</td>
 *     <td>{@link dev.tractor.sc.Nursery#open Nursery.open(n -> { ... })}</td></tr>
 * <tr><td>{@code n.start_soon(fn)}</td><td>{@link dev.tractor.sc.Nursery#startSoon(String, Action)
 *     n.startSoon(name, () -> ...)}</td></tr>
 * <tr><td>{@code await n.start(fn)}, {@code task_status.started(v)}</td>
 *     <td>{@link dev.tractor.sc.Nursery#start n.start(name, status -> ...)},
 *     {@link dev.tractor.sc.TaskStatus#started(Object) status.started(v)}</td></tr>
 * <tr><td>{@code n.cancel_scope}</td><td>{@link dev.tractor.sc.Nursery#cancelScope() n.cancelScope()}</td></tr>
 * <tr><td>{@code with trio.CancelScope() as s:}</td><td>{@code CancelScope s = new CancelScope();
 *     s.run(() -> ...)} (or {@link dev.tractor.sc.CancelScope#call s.call} for a value)</td></tr>
 * <tr><td>{@code s.cancel()}, {@code s.cancel_called}, {@code s.cancelled_caught}</td>
 *     <td>{@code s.cancel()}, {@code s.cancelCalled()}, {@code s.cancelledCaught()}</td></tr>
 * <tr><td>{@code s.deadline}, {@code s.relative_deadline}, {@code s.shield}</td>
 *     <td>{@code s.deadline(long)}, {@code s.relativeDeadline(Duration)}, {@code s.shield(boolean)}, each
 *     also readable ({@code s.deadline()}, {@code s.shield()})</td></tr>
 * <tr><td>{@code trio.Cancelled} (a {@code BaseException})</td>
 *     <td>{@link dev.tractor.sc.Cancelled} (an {@code Error})</td></tr>
 * <tr><td>{@code trio.lowlevel.checkpoint()}</td><td>{@link dev.tractor.sc.Sc#checkpoint()}</td></tr>
 * <tr><td>{@code trio.sleep}, {@code trio.sleep_until}, {@code trio.sleep_forever}</td>
 *     <td>{@link dev.tractor.sc.Sc#sleep Sc.sleep(Duration)}, {@link dev.tractor.sc.Sc#sleepUntil
 *     Sc.sleepUntil(long)}, {@link dev.tractor.sc.Sc#sleepForever()}</td></tr>
 * <tr><td>{@code trio.current_time()}, {@code trio.current_effective_deadline()}</td>
 *     <td>{@link dev.tractor.sc.Sc#now()}, {@link dev.tractor.sc.Sc#currentEffectiveDeadline()} (nanoseconds,
 *     not float seconds)</td></tr>
 * <tr><td>{@code trio.move_on_after}, {@code trio.move_on_at}</td>
 *     <td>{@link dev.tractor.sc.Timeouts#moveOnAfter(java.time.Duration, Action) Timeouts.moveOnAfter},
 *     {@link dev.tractor.sc.Timeouts#moveOnAt(long, Action) Timeouts.moveOnAt}</td></tr>
 * <tr><td>{@code trio.fail_after}, {@code trio.fail_at}, {@code trio.TooSlowError}</td>
 *     <td>{@link dev.tractor.sc.Timeouts#failAfter(java.time.Duration, Action) Timeouts.failAfter},
 *     {@link dev.tractor.sc.Timeouts#failAt(long, Action) Timeouts.failAt},
 *     {@link dev.tractor.sc.TooSlow}</td></tr>
 * <tr><td>{@code trio.open_memory_channel(n)}, {@code open_memory_channel(math.inf)}</td>
 *     <td>{@link dev.tractor.sc.MemoryChannel#open(int) MemoryChannel.open(n)},
 *     {@link dev.tractor.sc.MemoryChannel#unbounded()}</td></tr>
 * <tr><td>{@code send}, {@code send_nowait}, {@code receive}, {@code receive_nowait}, {@code clone},
 *     {@code close}, {@code async for v in rx}</td>
 *     <td>{@code send}, {@code trySend} (returns {@code false} instead of raising {@code WouldBlock}),
 *     {@code receive}, {@code tryReceive} (an empty {@code Optional}), {@code clone}, {@code close},
 *     {@code for (T v : rx)}</td></tr>
 * <tr><td>{@code trio.EndOfChannel}, {@code trio.BrokenResourceError}, {@code trio.ClosedResourceError}</td>
 *     <td>{@link dev.tractor.sc.EndOfChannel}, {@link dev.tractor.sc.BrokenResource},
 *     {@link dev.tractor.sc.ClosedResource}</td></tr>
 * <tr><td>{@code trio.Event}: {@code set}, {@code is_set}, {@code wait}</td>
 *     <td>{@link dev.tractor.sc.Event}: {@code set}, {@code isSet}, {@code await}</td></tr>
 * <tr><td>{@code trio.Lock}: {@code acquire}, {@code acquire_nowait}, {@code release}, {@code locked}</td>
 *     <td>{@link dev.tractor.sc.TaskLock}: {@code acquire}, {@code tryAcquire}, {@code release},
 *     {@code locked}</td></tr>
 * <tr><td>{@code trio.CapacityLimiter} ({@code acquire_on_behalf_of}, {@code total_tokens}, ...)</td>
 *     <td>{@link dev.tractor.sc.CapacityLimiter} ({@code acquireOnBehalfOf}, {@code totalTokens}, ...)</td></tr>
 * <tr><td>{@code ExceptionGroup}, {@code eg.exceptions}, {@code eg.split}, {@code except* T}</td>
 *     <td>{@link dev.tractor.sc.ExceptionGroup}, {@code exceptions()}, {@code split},
 *     {@code ExceptionGroup.find(e, T.class)}</td></tr>
 * <tr><td>{@code trio.abc.Clock}, {@code trio.testing.MockClock}</td>
 *     <td>{@link dev.tractor.sc.Clock}, {@link dev.tractor.sc.testing.MockClock}</td></tr>
 * <tr><td>{@code trio.to_thread.run_sync(fn, abandon_on_cancel=True)}</td>
 *     <td>{@link dev.tractor.sc.Sc#interruptible(Computation) Sc.interruptible(() -> ...)}: no thread hop,
 *     the task itself blocks and cancellation interrupts it instead of abandoning it</td></tr>
 * <tr><td>tractor's {@code to_asyncio.run_task}: awaiting an asyncio task; {@code AsyncioCancelled}</td>
 *     <td>{@link dev.tractor.sc.Sc#await Sc.await(future)}; {@link dev.tractor.sc.ForeignCancelled}</td></tr>
 * <tr><td>tractor's {@code to_asyncio.open_channel_from}, {@code LinkedTaskChannel}; {@code AsyncioTaskExited},
 *     {@code TrioTaskExited}</td>
 *     <td>{@link dev.tractor.sc.ForeignChannel#open ForeignChannel.open(task, body)}, {@link dev.tractor.sc.ForeignEnd};
 *     {@link dev.tractor.sc.ForeignTaskExited}, {@link dev.tractor.sc.StructuredTaskExited}</td></tr>
 * <tr><td>{@code KeyboardInterrupt} (Ctrl-C) cancelling the run</td>
 *     <td>a foreign {@code Thread.interrupt()}: the run is cancelled and {@code Sc.run} raises
 *     {@code InterruptedException}</td></tr>
 * </tbody>
 * </table>
 *
 * @see <a href="https://trio.readthedocs.io/">trio</a>, whose design this package follows
 */
package dev.tractor.sc;
