package dev.tractor.examples;

import dev.tractor.ActorOptions;
import dev.tractor.Context;
import dev.tractor.MsgStream;
import dev.tractor.Portal;
import dev.tractor.Tractor;
import java.util.List;

/**
 * An echo server in an actor: requests and responses over the stream of one context, with records as the
 * messages.
 *
 * <p>{@link #serve} is the server, a context function run by the daemon actor {@code echo}. It says it is
 * ready with {@code ctx.started(...)}, then reads {@link Request}s from its stream and answers each with a
 * {@link Response}, in order, until the client closes its side; it returns how many requests it served,
 * and that is the context's result.
 *
 * <p>The stream is typed on each side: the server opens {@code MsgStream<Request, Response>} (receives
 * requests, sends responses), the client {@code MsgStream<Response, Request>}. Records travel as maps of
 * their components and are rebuilt as the declared type on the other side; a value that does not fit would
 * fail the context on both sides ({@code PayloadMismatch}) and leave the actor serving others.
 *
 * <p>The root sends a few requests one at a time and prints the answers, then a thousand more as fast as
 * round trips allow, closes its side of the stream, and prints what the server returned.
 */
public final class EchoServer {
    private EchoServer() {
    }

    /** What the client sends. */
    public record Request(int id, String text) {
    }

    /** What the server answers: the request's id and text, and who answered. */
    public record Response(int id, String echo, String server) {
    }

    /** Runs in the server actor: answers every request until the client closes its stream. */
    public static int serve(Context<String> ctx) {
        String me = Tractor.currentActor().name();
        ctx.started(me + " is listening");
        int served = 0;
        try (MsgStream<Request, Response> stream = ctx.openStream(Request.class, Response.class)) {
            for (Request request : stream) {
                stream.send(new Response(request.id(), request.text(), me));
                served++;
            }
        }
        return served; // the client closed its side: the conversation is over
    }

    public static void main(String[] args) throws Exception {
        int served = Tractor.openNursery(an -> {
            Portal echo = an.startActor("echo", ActorOptions.enable(EchoServer.class));
            return echo.openContext(EchoServer::serve, (ctx, hello) -> {
                System.out.println("server says: " + hello);
                try (MsgStream<Response, Request> stream = ctx.openStream(Response.class, Request.class)) {
                    int id = 0;
                    for (String text : List.of("hello", "is anybody there?", "bye")) {
                        stream.send(new Request(++id, text));
                        Response response = stream.receive();
                        System.out.println("request " + id + " '" + text + "' -> response " + response.id()
                                + " '" + response.echo() + "' from " + response.server());
                    }

                    long start = System.nanoTime();
                    boolean allEchoed = true;
                    for (int i = 0; i < 1000; i++) {
                        stream.send(new Request(++id, "request " + id));
                        Response response = stream.receive();
                        allEchoed &= response.id() == id && response.echo().equals("request " + id);
                    }
                    double micros = (System.nanoTime() - start) / 1000.0 / 1000;
                    System.out.println("1000 more round trips, every one echoed: " + allEchoed);
                    System.out.printf("mean round trip: %.0f us%n", micros);
                } // the server's loop ends here
                return ctx.<Integer>result();
            });
        });
        System.out.println("the server returned: served " + served + " requests");
    }
}
