package dev.tractor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tractor.discovery.RegistryEntry;
import dev.tractor.internal.discovery.Cookie;
import dev.tractor.internal.discovery.Discovery;
import dev.tractor.internal.runtime.ActorRuntime;
import dev.tractor.ipc.Address;
import dev.tractor.sc.Sc;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Separate programs meet through a registrar: one that holds the tree's secret joins it, finds an actor
 * of the first tree and calls it; one that holds another secret is refused, and the registrar goes on.
 */
@Tag("multi-process")
@Timeout(60)
class DiscoveryProgramsTest {
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private final List<RunningProgram> programs = new ArrayList<>();

    @AfterEach
    void nothingIsLeft() throws InterruptedException {
        for (RunningProgram p : programs) {
            p.kill();
        }
        Processes.assertNoDescendantsWithin(Duration.ofSeconds(10));
    }

    @Test
    void aSecondProgramJoinsTheRegistrarFindsAnActorByNameAndCallsIt() throws Exception {
        Address.Tcp registry = new Address.Tcp("127.0.0.1", freePort());
        Tractor.run("first", ActorOptions.enable(Hosting.class).withRegistryAddresses(registry), () ->
                Tractor.openNursery(an -> {
                    assertTrue(ActorRuntime.current().discovery().isRegistrar(), "the first root is the registrar");
                    Portal greeter = an.startActor("greeter", ActorOptions.enable(Hosting.class));
                    awaitNames(List.of("first", "greeter"));

                    RunningProgram joiner = join(registry, Cookie.path(), "greeter");
                    long pid = Long.parseLong(joiner.awaitValue("pid ", PATIENCE));
                    assertEquals("[first, greeter, joiner]", joiner.awaitValue("registry: ", PATIENCE),
                            "the joiner sees the first tree, and itself");
                    assertEquals("hello joiner from greeter pid " + greeter.pid(), joiner.awaitValue("called: ", PATIENCE));
                    joiner.awaitLine("ready"::equals, PATIENCE, "ready");

                    // While it runs, its entry is in the registry, and it can be found and called from here.
                    RegistryEntry entry = Tractor.queryActor("joiner").orElseThrow();
                    assertEquals(pid, entry.pid());
                    assertEquals(joiner.process().pid(), entry.pid());
                    assertEquals(Optional.empty(), entry.parent(), "a root of its own");
                    awaitNames(List.of("first", "greeter", "joiner"));
                    assertEquals(Optional.of("hello first from joiner pid " + pid),
                            Tractor.findActor("joiner", p -> p.run(Hosting::hello, "first")));

                    // Once it has exited, its entry is gone.
                    joiner.closeInput();
                    assertEquals(0, joiner.awaitExit(PATIENCE), () -> "the joiner's exit status; " + joiner.lines());
                    assertTrue(joiner.lines().contains("ended"), joiner.lines().toString());
                    awaitNames(List.of("first", "greeter"));
                    assertEquals(Optional.empty(), Tractor.queryActor("joiner"));
                    return null;
                }));
    }

    @Test
    void aProgramWithAnotherSecretCannotJoinAndTheRegistrarKeepsServing(@TempDir Path dir) throws Exception {
        Path otherCookie = dir.resolve("other-cookie");
        assertTrue(!Cookie.secret(otherCookie).toBase64().equals(Cookie.secret().toBase64()), "a secret of its own"); // creates it
        Address.Tcp registry = new Address.Tcp("127.0.0.1", freePort());
        Tractor.run("first", ActorOptions.enable(Hosting.class).withRegistryAddresses(registry), () ->
                Tractor.openNursery(an -> {
                    Portal greeter = an.startActor("greeter", ActorOptions.enable(Hosting.class));
                    awaitNames(List.of("first", "greeter"));

                    RunningProgram intruder = join(registry, otherCookie, "greeter");
                    assertEquals(3, intruder.awaitExit(PATIENCE), () -> "the intruder fails; " + intruder.lines());
                    String failure = intruder.awaitValue("failed: ", Duration.ofSeconds(1));
                    assertTrue(failure.startsWith("dev.tractor.TractorException: the registry address " + registry
                            + " is held by a tractor actor of another secret"), failure);
                    assertTrue(failure.contains("could not prove it holds the tree's secret"), failure);
                    assertTrue(intruder.lines().stream().noneMatch(l -> l.startsWith("called: ")), "it called nobody");

                    // The registrar goes on: the registry is as it was, and a program holding the secret joins.
                    awaitNames(List.of("first", "greeter"));
                    assertEquals("hello first from greeter pid " + greeter.pid(), greeter.run(Hosting::hello, "first"));
                    RunningProgram joiner = join(registry, Cookie.path(), "greeter");
                    assertEquals("hello joiner from greeter pid " + greeter.pid(), joiner.awaitValue("called: ", PATIENCE));
                    joiner.awaitLine("ready"::equals, PATIENCE, "ready");
                    joiner.closeInput();
                    assertEquals(0, joiner.awaitExit(PATIENCE), () -> "the joiner's exit status; " + joiner.lines());
                    awaitNames(List.of("first", "greeter"));
                    return null;
                }));
    }

    @Test
    void whenTheRegistrarDiesARegisteredRootTakesOverAndOthersFindIt() throws Exception {
        Address.Tcp registry = new Address.Tcp("127.0.0.1", freePort());
        RunningProgram first = join(registry, Cookie.path(), "nobody"); // nobody there yet: it becomes the registrar
        first.awaitLine("ready"::equals, PATIENCE, "ready");
        assertEquals("[joiner]", first.awaitValue("registry: ", PATIENCE));
        Tractor.run("second", ActorOptions.enable(Hosting.class).withRegistryAddresses(registry), () -> {
            assertFalse(ActorRuntime.current().discovery().isRegistrar(), "it joined the first program's registrar");
            awaitNames(List.of("joiner", "second"));
            first.kill(); // SIGKILL: the registrar is gone, without a word
            long deadline = System.nanoTime() + PATIENCE.toNanos();
            while (!ActorRuntime.current().discovery().isRegistrar() && System.nanoTime() < deadline) {
                Sc.sleep(Duration.ofMillis(50));
            }
            assertTrue(ActorRuntime.current().discovery().isRegistrar(), "the surviving root took over");
            awaitNames(List.of("second"));
            RunningProgram third = join(registry, Cookie.path(), "second"); // a program that comes later finds it
            assertEquals("hello joiner from second pid " + ProcessHandle.current().pid(),
                    third.awaitValue("called: ", PATIENCE));
            third.awaitLine("ready"::equals, PATIENCE, "ready");
            third.closeInput();
            assertEquals(0, third.awaitExit(PATIENCE), () -> "the third program's exit status; " + third.lines());
            return null;
        });
    }

    /** Starts {@link JoiningProgram} with the registry at {@code registry} and the cookie file {@code cookie}. */
    private RunningProgram join(Address.Tcp registry, Path cookie, String target) throws IOException {
        RunningProgram p = RunningProgram.start("joiner", RunningProgram.javaCommand(List.of(
                "-D" + Discovery.PROPERTY + "=" + registry, "-D" + Cookie.PROPERTY + "=" + cookie),
                JoiningProgram.class, target));
        programs.add(p);
        return p;
    }

    /** Polls the registry until {@code names} are exactly the registered names (order aside). */
    private static void awaitNames(List<String> names) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        List<String> now = List.of();
        List<String> expected = names.stream().sorted().toList();
        while (System.nanoTime() < deadline) {
            now = Tractor.registry().stream().map(RegistryEntry::name).sorted().toList();
            if (now.equals(expected)) {
                return;
            }
            Sc.sleep(Duration.ofMillis(20));
        }
        throw new AssertionError("the registry holds " + now + ", not " + expected);
    }

    private static int freePort() throws IOException {
        try (ServerSocketChannel s = ServerSocketChannel.open()) {
            s.bind(new InetSocketAddress("127.0.0.1", 0));
            return ((InetSocketAddress) s.getLocalAddress()).getPort();
        }
    }
}
