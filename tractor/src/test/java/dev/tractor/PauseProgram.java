package dev.tractor;

/**
 * A root in debug mode whose daemon stops in {@link #paused} with {@link Tractor#pause()}; the root's
 * standard input drives the REPL. Prints {@code result N} when the call has returned.
 */
public final class PauseProgram {
    private PauseProgram() {
    }

    public static void main(String[] args) throws Exception {
        Tractor.run("root", ActorOptions.defaults().withDebugMode(), () -> {
            return Tractor.openNursery(an -> {
                Portal worker = an.startActor("worker", ActorOptions.enable(PauseProgram.class));
                System.out.println("result " + worker.run(PauseProgram::paused, 20));
                worker.cancelActor();
                return null;
            });
        });
    }

    public static int paused(int n) {
        int doubled = n * 2;
        Tractor.pause(); // PAUSE HERE
        int plusOne = doubled + 1;
        return plusOne;
    }
}
