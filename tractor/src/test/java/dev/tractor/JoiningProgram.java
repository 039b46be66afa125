package dev.tractor;

import dev.tractor.discovery.RegistryEntry;
import dev.tractor.sc.Sc;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * A separate program that joins the registrar named by {@code -Dtractor.registry} as the root
 * {@code joiner} (enabling {@link Hosting}), finds the actor named {@code args[0]}, calls it, and prints
 * what it got; then prints {@code ready} and serves until its standard input ends. If anything fails it
 * prints {@code failed: <exception>} and exits with status 3.
 */
public final class JoiningProgram {
    private JoiningProgram() {
    }

    public static void main(String[] args) {
        String target = args[0];
        CountDownLatch inputEnded = new CountDownLatch(1);
        Thread.ofPlatform().daemon().name("stdin").start(() -> {
            try {
                while (System.in.read() >= 0) {
                    // nothing to read: only the end matters
                }
            } catch (java.io.IOException ignored) {
                // ended too
            }
            inputEnded.countDown();
        });
        try {
            Tractor.run("joiner", ActorOptions.enable(Hosting.class), () -> {
                say("pid " + ProcessHandle.current().pid());
                say("registry: " + Tractor.registry().stream().map(RegistryEntry::name).sorted().toList());
                String greeting = Tractor.findActor(target, p -> p.run(Hosting::hello, "joiner"))
                        .orElse("nobody named " + target);
                say("called: " + greeting);
                say("ready");
                while (inputEnded.getCount() > 0) {
                    Sc.sleep(Duration.ofMillis(20));
                }
                return null;
            });
            say("ended");
        } catch (Exception e) {
            say("failed: " + e);
            System.exit(3);
        }
    }

    private static void say(String line) {
        System.out.println(line);
        System.out.flush();
    }
}
