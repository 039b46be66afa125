package dev.tractor;

import dev.tractor.sc.Sc;

/**
 * A root that streams through {@link ForeignEcho#echoServer} in a child and stops half way, printing
 * {@code mid-stream} and the child's pid, so that a test can send SIGINT (to the root or the child) in the middle
 * of the stream. {@code args[0]} is the child's marker file.
 */
public final class ForeignEchoProgram {
    private ForeignEchoProgram() {
    }

    public static void main(String[] args) throws Exception {
        String marker = args[0];
        Tractor.openNursery(an -> {
            Portal p = an.startActor("echo", ActorOptions.enable(ForeignEcho.class));
            return p.openContext(ForeignEcho::echoServer, marker, (ctx, first) -> {
                try (MsgStream<Integer, Integer> stream = ctx.openStream(Integer.class, Integer.class)) {
                    for (int i = 0; i < 100; i++) {
                        stream.send(i);
                        if (stream.receive() != i) {
                            throw new IllegalStateException("echo mismatch at " + i);
                        }
                        if (i == 50) {
                            System.out.println("mid-stream " + p.pid());
                            System.out.flush();
                            Sc.sleepForever();
                        }
                    }
                }
                return null;
            });
        });
    }
}
