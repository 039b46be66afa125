package dev.tractor;

import dev.tractor.ipc.FrameTooLarge;
import java.util.ArrayList;
import java.util.List;

/**
 * A root and a child that send each other values over the limit on a message (the test starts it with
 * {@code -Dtractor.ipc.maxFrameBytes}, which the child inherits): an argument, a result, a started value
 * and stream values both ways, each followed by a value that fits, on the same portal or stream. It prints
 * what each one did ({@code name: outcome}) and {@code done}. Its argument is the size of the values that
 * are too large; with a second argument {@code argument-only} it sends only an argument.
 */
public final class OversizedMessagesProgram {
    private OversizedMessagesProgram() {
    }

    public static void main(String[] args) throws Exception {
        int big = Integer.parseInt(args[0]);
        boolean argumentOnly = args.length > 1 && args[1].equals("argument-only");
        Tractor.openNursery(an -> {
            Portal p = an.startActor("sized", ActorOptions.enable(Sized.class));
            say("child", p.pid());
            say("argument", failure(() -> p.run(Sized::length, new byte[big])));
            say("after argument", p.run(Sized::length, new byte[10]));
            if (argumentOnly) {
                return null;
            }
            say("one-shot argument", failure(() -> an.runInActor("never", Sized::length, new byte[big])));
            say("children", an.childCount());
            byte[] moreThanHalf = new byte[big / 4 + big / 8]; // 0.75 of the limit: two do not fit together
            say("one-shot arguments together", failure(() -> an.runInActor("never", Sized::lengths, moreThanHalf,
                    moreThanHalf)));
            say("children after", an.childCount());
            say("context argument", failure(() -> p.openContext(Sized::takes, new byte[big], (ctx, first) -> first)));
            say("stream argument", failure(() -> p.openStreamFrom(Sized::emitsLength, new byte[big], s -> null)));
            say("after arguments", p.openContext(Sized::takes, new byte[20], (ctx, first) -> first));

            say("result", failure(() -> p.run(Sized::bytes, big)));
            // a payload of exactly the limit (five bytes of header, then the bytes): its Return is over it
            int limit = Integer.getInteger(FrameTooLarge.LIMIT_PROPERTY);
            say("result at the limit", failure(() -> p.run(Sized::bytes, limit - 5)));
            say("error", failure(() -> p.run(Sized::failsWith, big)));
            say("after result", p.run(Sized::bytes, 10).length);

            say("started", p.openContext(Sized::startsWith, big, (ctx, first) -> first));
            say("answered", p.openContext(Sized::answers, (ctx, first) -> {
                try (MsgStream<Object, Object> s = ctx.openStream(Object.class, Object.class)) {
                    say("opener send", failure(() -> s.send(new byte[big])));
                    s.send(new byte[100]);
                    say("opener next", s.receive());
                    s.send(big);
                    say("callee send", s.receive());
                    s.send(10);
                    say("callee next", ((byte[]) s.receive()).length);
                }
                return ctx.result();
            }));
            say("emitted", p.openStreamFrom(Sized::emits, big, s -> {
                List<Object> got = new ArrayList<>();
                s.forEach(got::add);
                return got;
            }));
            say("child at the end", p.pid() + " " + p.run(Sized::length, new byte[3]));
            return null;
        });
        say("done", "");
    }

    /** How {@code action} failed: the exception's type and message, or {@code none}. */
    private static String failure(Runnable action) {
        try {
            action.run();
            return "none";
        } catch (RemoteActorError e) {
            return "RemoteActorError " + e.remoteType() + ": " + e.remoteMessage();
        } catch (RuntimeException e) {
            return e.getClass().getName() + ": " + e.getMessage();
        }
    }

    private static void say(String what, Object value) {
        System.out.println(what + ": " + value);
        System.out.flush();
    }
}
