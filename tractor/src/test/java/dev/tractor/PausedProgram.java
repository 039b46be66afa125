package dev.tractor;

import dev.tractor.internal.debug.DebuggerQuit;
import dev.tractor.internal.debug.Gate;
import dev.tractor.internal.debug.DebugMode;

/**
 * A program whose virtual thread stops at a debugger gate inside {@link #compute}, as {@code Tractor.pause()}
 * will stop it: prints {@code port N} (its debugger listener), then {@code result N} once let go, or
 * {@code quit: MESSAGE} if the user quit. Run with a JDWP agent on a loopback port.
 */
public final class PausedProgram {
    private PausedProgram() {
    }

    record Point(int x, int y) {
    }

    public static void main(String[] args) throws Exception {
        System.out.println("port " + DebugMode.listenerAddress(java.util.List.of()).map(a -> ((dev.tractor.ipc.Address.Tcp) a).port())
                .orElseThrow());
        System.out.flush();
        Thread task = Thread.ofVirtual().name("paused-task").start(() -> {
            try {
                System.out.println("result " + compute(40));
            } catch (DebuggerQuit quit) {
                System.out.println("quit: " + quit.getMessage());
            } catch (InterruptedException e) {
                System.out.println("interrupted");
            }
        });
        task.join();
    }

    static int compute(int n) throws InterruptedException {
        int[] squares = {1, 4, 9};
        Point p = new Point(n, 7);
        String label = "hello";
        new Gate().await(); // PAUSE
        int sum = squares[1] + p.x();
        int twice = doubled(sum);
        return twice;
    }

    static int doubled(int x) {
        return x * 2; // DOUBLED
    }
}
