package dev.tractor;

/**
 * A root with one context open to a child that sleeps until cancelled: the opener either waits for the
 * result ({@code waits}) or for a stream value ({@code streams}). A test sends it SIGINT.
 */
public final class ContextProgram {
    private ContextProgram() {
    }

    public static void main(String[] args) throws Exception {
        boolean streams = args[0].equals("streams");
        Tractor.openNursery(an -> {
            Portal child = an.startActor("sleeper", ActorOptions.enable(Streaming.class));
            return child.openContext(Streaming::sleepsAndSays, (ctx, first) -> {
                System.out.println("root " + ProcessHandle.current().pid());
                System.out.println("child " + child.pid());
                System.out.println("context open: " + first);
                System.out.flush();
                try {
                    if (streams) {
                        try (MsgStream<String, String> s = ctx.openStream(String.class, String.class)) {
                            return s.receive();
                        }
                    }
                    return ctx.result();
                } finally {
                    System.out.println("opener finally ran");
                    System.out.flush();
                }
            });
        });
    }
}
