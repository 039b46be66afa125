package dev.tractor;

/**
 * A program with a three-level tree (root, middle, grandchild) that prints each pid and then waits: the
 * tests kill parts of it, or send it signals, and check that nothing is left.
 */
public final class TreeProgram {
    private TreeProgram() {
    }

    public static void main(String[] args) throws Exception {
        try {
            tree();
        } catch (RootCancelled e) {
            System.out.println("main ends with " + e.getClass().getName() + ": " + e.getMessage() + " / "
                    + e.signal().orElse("no signal"));
            System.out.flush();
            throw e;
        }
    }

    private static void tree() throws Exception {
        Tractor.openNursery(an -> {
            Portal middle = an.startActor("middle", ActorOptions.enable(Work.class));
            System.out.println("root " + ProcessHandle.current().pid());
            System.out.println("middle " + middle.pid());
            System.out.flush();
            try {
                return middle.run(Work::holdGrandchild);
            } finally {
                System.out.println("root finally ran");
                System.out.flush();
            }
        });
    }
}
