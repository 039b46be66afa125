package dev.tractor;

/**
 * A program that starts one child and logs through a JDK logger of its own at {@code DEBUG} and
 * {@code INFO}: the tests read which lines the tree's log level let through.
 */
public final class LoggingProgram {
    private LoggingProgram() {
    }

    public static void main(String[] args) throws Exception {
        Tractor.openNursery(an -> {
            String done = an.runInActor("worker", Work::busy, 10).result();
            System.Logger other = System.getLogger("com.example.app");
            other.log(System.Logger.Level.DEBUG, "a debug line of another library");
            other.log(System.Logger.Level.INFO, "an info line of another library");
            System.out.println("worker " + done);
            return null;
        });
    }
}
