/**
 * JMH benchmarks for the structured-concurrency runtime {@code dev.tractor.sc}, each next to a baseline
 * written with plain JDK virtual threads in the same class, so that the ratio tractor / baseline comes
 * from one JVM run on one machine.
 *
 * <ul>
 * <li>{@link dev.tractor.bench.SpawnJoinBench}: start and join 100,000 trivial tasks in one
 *     {@code Nursery} versus 100,000 {@code Thread.ofVirtual().start(r)} plus {@code join()}.</li>
 * <li>{@link dev.tractor.bench.PingPongBench}: 10,000 round trips between two tasks over two
 *     capacity-0 {@code MemoryChannel}s versus two virtual threads over two {@code SynchronousQueue}s.</li>
 * <li>{@link dev.tractor.bench.CancelLatencyBench}: time from {@code CancelScope.cancel()} on a task
 *     parked in {@code Sc.sleepForever()} until its {@code finally} block runs, versus the time from
 *     {@code LockSupport.unpark} of a parked virtual thread until its {@code finally} block runs.</li>
 * <li>{@link dev.tractor.bench.InterleavedRatios}: a whole-process run of the first two that alternates
 *     tractor and baseline in one JVM, so both are measured under the same conditions; its ratios are
 *     the ones {@code bench/RESULTS.md} trusts most.</li>
 * <li>{@link dev.tractor.bench.WireBench}: a whole-process run of the wire, {@code dev.tractor.internal.ipc.Channel}
 *     against raw sockets between two JVMs (the other one is {@link dev.tractor.bench.WirePeer}), over TCP
 *     and Unix-domain sockets: round-trip latency and one-way throughput, on platform or virtual threads
 *     ({@code bench/wire.sh}).</li>
 * <li>{@link dev.tractor.bench.ActorBench}: a whole-process run of actors, each a child JVM: spawn (also with
 *     JVM options for the children: C1, SerialGC, CDS, a JDK 25 AOT cache) against bare child JVMs
 *     ({@link dev.tractor.bench.SpawnFloor}), call round trips against raw sockets, cancel, the memory of an
 *     idle child, and context streams (throughput and round trips) against raw sockets; its remote functions
 *     are in {@link dev.tractor.bench.BenchFunctions} ({@code bench/actors.sh}).</li>
 * <li>{@link dev.tractor.bench.DebugBench}: a whole-process run of debug mode (issue 13): what it adds to a
 *     root and a child, a root's start-up and spawn with debug mode off, {@code true} and {@code ide}, roots
 *     in each mode ({@link dev.tractor.bench.DebugSpawnRoot}) spawning in turn; and
 *     {@link dev.tractor.bench.DebugPauseBench}: from {@code Tractor.pause()} in a grandchild
 *     ({@link dev.tractor.bench.DebugPauseProgram}) to the root's REPL prompt ({@code bench/debug.sh}).</li>
 * <li>{@link dev.tractor.bench.OverrunLoss}: not a benchmark, a reproducer of values a context stream loses
 *     without an exception when a short burst overruns its reader.</li>
 * </ul>
 *
 * <h2>Running</h2>
 * <pre>
 *   bench/run.sh                        # build bench/target/benchmarks.jar and run everything
 *   bench/run.sh SpawnJoin              # only the benchmarks matching a regex
 *   bench/run.sh PingPong -prof gc      # any other JMH options are passed through
 *   java -cp bench/target/benchmarks.jar dev.tractor.bench.InterleavedRatios 200
 * </pre>
 * or by hand: {@code . bin/lib/jdk.sh && ./mvnw -B -q -ntp -pl bench -am package -DskipTests && java -jar
 * bench/target/benchmarks.jar}. Each class fixes its own fork, warm-up and measurement settings so that the
 * whole set runs in a few minutes on two cores; see {@code bench/RESULTS.md} for figures.
 *
 * <p>This module is not part of the library; it depends on {@code tractor} through the class path and is
 * not published.
 */
package dev.tractor.bench;
