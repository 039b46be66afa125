/**
 * Runnable examples of tractor for Java, one small program per capability, each with comments that
 * explain what it shows and why. Every program here is run by a test of this module, which checks what
 * it prints, so the examples keep working as the library changes.
 *
 * <h2>The programs</h2>
 * <ul>
 * <li>{@link dev.tractor.examples.Demo}: what {@code bin/demo} runs, tractor's self-destructing process
 *     tree. One worker actor (a JVM) per core, a root that fails after a second, and every worker
 *     cancelled, cleaned up and reaped before the error reaches {@code main}, which checks that no process
 *     is left.</li>
 * <li>{@link dev.tractor.examples.SingleFunction}: the smallest actor program; {@code runInActor} runs one
 *     function in a new process and {@code result()} brings back its result, a record.</li>
 * <li>{@link dev.tractor.examples.DaemonVsOneShot}: a one-shot actor ({@code runInActor}) next to a daemon
 *     ({@code startActor}) that serves two calls, keeps its state in its own JVM, has no result, and is
 *     stopped with {@code cancelActor()}.</li>
 * <li>{@link dev.tractor.examples.ManyAtOnce}: a dozen one-shot actors asked for at the same moment; the
 *     parent launches a few at a time ({@code tractor.spawn.maxConcurrentStarts}) and every answer arrives.</li>
 * <li>{@link dev.tractor.examples.SilentChild}: a child stopped with SIGSTOP stops answering; heartbeats
 *     find it silent after the timeout, its parent kills it and the waiting call fails with
 *     {@code ActorDied} ("was lost ... went silent").</li>
 * <li>{@link dev.tractor.examples.Crawler}: an actor fetches many pages at once with the JDK's asynchronous
 *     {@code HttpClient} ({@code Sc.await}), under a timeout that aborts the requests still in flight, and
 *     streams the pages to the root.</li>
 * <li>{@link dev.tractor.examples.ForeignLoop}: an actor runs a ticker on an event loop of its own and talks to
 *     it over a {@code ForeignChannel} (commands in, ticks out, relayed to the root by a context); the loop
 *     stops when the root is done and is closed with the actor ({@code Tractor.closeWithActor}).</li>
 * <li>{@link dev.tractor.examples.FlowToRemote}: a {@code SubmissionPublisher} in the root feeds a slow
 *     consumer actor through {@code Flows.send}, with backpressure: the publisher is asked only for what the
 *     consumer has room for, and the stream never overruns.</li>
 * <li>{@link dev.tractor.examples.WorkerPool}: the prime-checking example of Python's
 *     {@code ProcessPoolExecutor} on a pool of daemon actors fed from a shared queue, printing what
 *     Python prints.</li>
 * <li>{@link dev.tractor.examples.MultiDaemonDebugging}: the seed's debugger example: a streaming daemon
 *     re-enters its breakpoint, another crashes (a post-mortem), one REPL at a time in the root's terminal.</li>
 * <li>{@link dev.tractor.examples.NestedTree}: a child that spawns its own child; the grandchild's result,
 *     and then its error with the relay path, come back to the root through the middle.</li>
 * <li>{@link dev.tractor.examples.PauseInAnActor}: debug mode and {@code Tractor.pause()}: an actor stops,
 *     and the root's terminal debugs it ({@code p}, {@code locals}, {@code next}, {@code continue}).</li>
 * <li>{@link dev.tractor.examples.TreeJvmOptions}: JVM options for a whole tree
 *     ({@code withChildJvmOptions}): a heap size and a property reach the grandchild; an actor's own
 *     {@code withJvmOptions} win.</li>
 * <li>{@link dev.tractor.examples.ListenAddresses}: where actors listen: a root on a Unix socket of its
 *     choosing and a TCP port, a child on a TCP port of its own ({@code withBindAddresses}).</li>
 * <li>{@link dev.tractor.examples.DiscoveryDaemon} and {@link dev.tractor.examples.FindService}: two
 *     programs; a daemon ({@code runDaemon}) named {@code adder}, and a client that finds it by name
 *     ({@code waitForActor}, {@code queryActor}, {@code findActor}), lists the registry, and stops it with
 *     {@code cancelActor()}.</li>
 * <li>{@link dev.tractor.examples.WaitForEachOther}: two one-shot actors of one tree; donny waits for
 *     gretchen to register ({@code waitForActor}) and then greets her.</li>
 * <li>{@link dev.tractor.examples.PingPong}: a context and its two-way stream: the remote task starts with
 *     a number, answers each number with the next one for ten rounds, and returns how many it answered.</li>
 * <li>{@link dev.tractor.examples.EchoServer}: requests and responses (records) over the stream of one
 *     context; the client closes its side and the server returns how many it served.</li>
 * <li>{@link dev.tractor.examples.RemoteGenerator}: a one-way stream from an {@code Emitter} function
 *     ({@code openStreamFrom}); breaking out of the loop at 50 cancels the generator, quietly.</li>
 * <li>{@link dev.tractor.examples.LargeValues}: a value larger than one message (64 MiB): its call fails at
 *     once with {@code FrameTooLarge}, naming its size, the portal carries on, and the value goes in pieces
 *     over a stream.</li>
 * <li>{@link dev.tractor.examples.ManyStreams}: several contexts on one portal at once, from tasks of a
 *     nursery and with {@code gatherContexts}; each stream gets only its own values.</li>
 * <li>{@link dev.tractor.examples.FanOut}: one stream fanned out to four tasks with {@code subscribe()}, each
 *     of which gets every value.</li>
 * <li>{@link dev.tractor.examples.StreamingService}: an aggregator actor spawns two streamers, merges their
 *     one-way streams and streams each number on to the root once.</li>
 * <li>{@link dev.tractor.examples.FlightRecording}: JDK Flight Recorder events: the root and its worker
 *     each record into a file of their own, and the program reads back who spawned, called, served and
 *     cancelled whom.</li>
 * <li>{@link dev.tractor.examples.NurseryBasics}: {@code Nursery.open} and {@code startSoon}; a nursery
 *     waits for its tasks, one failure cancels the siblings, several make an {@code ExceptionGroup}, and
 *     cancelling the nursery's scope stops it without an error.</li>
 * <li>{@link dev.tractor.examples.StartHandOver}: {@code Nursery.start} and {@code TaskStatus}: a server
 *     task reports that it is ready and hands its inbox to the caller.</li>
 * <li>{@link dev.tractor.examples.TimeoutsExample}: {@code moveOnAfter}, {@code failAfter} and
 *     {@code TooSlow}, nested limits, {@code CancelScope}, and shielded cleanup.</li>
 * <li>{@link dev.tractor.examples.ChannelsExample}: memory channels: fan-in with cloned senders, fan-out
 *     with cloned receivers, iteration, and the close rules ({@code EndOfChannel}, {@code BrokenResource},
 *     {@code ClosedResource}).</li>
 * <li>{@link dev.tractor.examples.LimiterExample}: {@code CapacityLimiter} bounding how many tasks work at
 *     once, and {@code TaskLock} protecting a read-modify-write.</li>
 * <li>{@link dev.tractor.examples.ForeignBlockingExample}: {@code Sc.interruptible}, so that a timeout
 *     can cancel {@code Thread.sleep} or a blocking read.</li>
 * <li>{@link dev.tractor.examples.MockClockExample}: {@code MockClock.autojumping()} turning an hour-long
 *     timeout, or a day of heartbeats, into milliseconds.</li>
 * <li>{@link dev.tractor.examples.WireExample}: the wire underneath actors: a server on a Unix socket,
 *     the authenticated handshake, typed payloads, and how a payload of the wrong shape or a peer without
 *     the secret is turned away while everything else carries on.</li>
 * </ul>
 *
 * <h2>Running one</h2>
 * Build once from the repository root (tests skipped), then run any of them by its class name:
 * <pre>{@code
 * bin/demo                      # builds, then runs Demo
 * java -cp tractor/target/classes:examples/target/classes dev.tractor.examples.TimeoutsExample
 * }</pre>
 * {@code bin/demo} does the build ({@code ./mvnw -q -DskipTests package}) and finds a JDK 25; when
 * running {@code java} by hand, make sure it is a JDK 25 too. The actor examples need nothing more: each
 * actor is a child JVM started with the same {@code java}, class path and working directory, so it finds
 * the example's classes by name.
 */
package dev.tractor.examples;
