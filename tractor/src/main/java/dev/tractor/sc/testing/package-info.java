/**
 * Helpers for testing code built on {@link dev.tractor.sc}, like {@code trio.testing}: for now the
 * {@link dev.tractor.sc.testing.MockClock}.
 *
 * <h2>Virtual time</h2>
 *
 * Code with timeouts, retries and sleeps is slow and flaky to test on the real clock. Every deadline of a
 * run is measured on the run's {@link dev.tractor.sc.Clock}, so a test can hand
 * {@link dev.tractor.sc.Sc#run(dev.tractor.sc.Clock, dev.tractor.sc.Computation) Sc.run(clock, body)} a
 * {@code MockClock} instead. A mock clock starts at 0 and moves only when it is told to:
 * <ul>
 * <li>{@link dev.tractor.sc.testing.MockClock#advance(java.time.Duration) advance(duration)} and
 *     {@link dev.tractor.sc.testing.MockClock#jumpTo(long) jumpTo(nanos)} move it by hand, from a task or
 *     from any other thread; the deadlines that pass fire as they would in real time;</li>
 * <li>with <em>autojump</em> ({@link dev.tractor.sc.testing.MockClock#autojumping() MockClock.autojumping()},
 *     or {@link dev.tractor.sc.testing.MockClock#autojumpThreshold(java.time.Duration) autojumpThreshold}
 *     on an existing clock) it jumps straight to the run's next deadline as soon as every task of the run is
 *     blocked. Nothing can happen before that deadline anyway, so the test sees exactly the order of events
 *     it would see in real time, without the waiting.</li>
 * </ul>
 *
 * <pre>{@code
 * void slowServerTimesOut() throws Exception {           // a JUnit test
 *     MockClock clock = MockClock.autojumping();
 *     MemoryChannel<String> replies = MemoryChannel.open(0);   // nobody ever sends
 *     Sc.run(clock, () -> {
 *         Optional<String> reply = Timeouts.moveOnAfter(Duration.ofMinutes(5),
 *                 () -> replies.receiver().receive());
 *         assertTrue(reply.isEmpty());
 *     });
 *     assertEquals(Duration.ofMinutes(5), clock.elapsed());   // five minutes, in no real time
 * }
 * }</pre>
 *
 * <h2>What "blocked" means</h2>
 *
 * A task counts as blocked only while it waits in a checkpoint of {@code dev.tractor.sc} (a sleep, a
 * channel, an event, a lock, a nursery waiting for its tasks). A task that computes, or that blocks in
 * foreign code ({@code Thread.sleep}, a socket, {@link dev.tractor.sc.Sc#interruptible Sc.interruptible}),
 * keeps the clock still, so the autojump never skips over real work. A threshold greater than zero makes the
 * clock wait that much real time of idleness before it jumps, for tests that talk to something outside the
 * run.
 *
 * <p>A clock may serve several runs, one after another or at once; runs that share an autojumping clock at
 * the same time also share its jumps. For independent time, give each run its own clock.
 *
 * <h2>Coming from trio</h2>
 * {@code trio.testing.MockClock(autojump_threshold=0)} is {@code MockClock.autojumping()};
 * {@code clock.jump(seconds)} is {@code clock.advance(Duration)}; the {@code autojump_threshold} attribute is
 * {@code autojumpThreshold(Duration)} and {@code disableAutojump()}. There is no {@code rate}: the clock
 * does not follow real time at all. Times are {@code long} nanoseconds, and
 * {@link dev.tractor.sc.testing.MockClock#elapsed() elapsed()} gives them as a {@code Duration}.
 */
package dev.tractor.sc.testing;
