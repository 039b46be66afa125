package dev.tractor.examples;

import dev.tractor.sc.MemoryChannel;
import dev.tractor.sc.Nursery;
import dev.tractor.sc.ReceiveChannel;
import dev.tractor.sc.Sc;
import dev.tractor.sc.SendChannel;
import dev.tractor.sc.TaskStatus;
import dev.tractor.sc.Timeouts;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * {@code Nursery.start}: start a task and wait until it says it is ready, the way you start a server and
 * wait until it listens before you connect to it (trio's {@code nursery.start} and {@code task_status}).
 *
 * <p>{@code startSoon} returns at once and the task may not have begun. {@code start} returns when the
 * task calls {@link TaskStatus#started(Object)}, and returns the value the task passed: here, the inbox
 * of an in-memory "server". Until that call the task belongs to the caller: an error in its set-up is
 * raised by {@code start} itself, and a timeout around {@code start} covers the set-up. After it, the task
 * belongs to the nursery like any other.
 */
public final class StartHandOver {
    private StartHandOver() {
    }

    /** A request to the server, with the channel to send the answer on. */
    record Request(String text, SendChannel<String> replyTo) {
    }

    /**
     * A server that upper-cases text. It does its set-up, hands its inbox to whoever started it, and
     * serves until every handle to the inbox is closed.
     */
    static void shoutServer(TaskStatus<SendChannel<Request>> status) {
        MemoryChannel<Request> inbox = MemoryChannel.open(0);
        Sc.sleep(Duration.ofMillis(50)); // stands for the real set-up: binding a port, loading a config
        System.out.println("  [server] set-up done, ready");
        status.started(inbox.sender()); // start() returns this handle to the caller
        try (ReceiveChannel<Request> requests = inbox.receiver()) {
            for (Request r : requests) { // ends when the client closes its handle to the inbox
                try (SendChannel<String> reply = r.replyTo()) {
                    reply.send(r.text().toUpperCase(Locale.ROOT));
                }
            }
        }
        System.out.println("  [server] inbox closed, shutting down");
    }

    /** A client call: send a request and wait for its answer. */
    static String call(SendChannel<Request> server, String text) {
        MemoryChannel<String> reply = MemoryChannel.open(1);
        server.send(new Request(text, reply.sender()));
        try (ReceiveChannel<String> answer = reply.receiver()) {
            return answer.receive();
        }
    }

    public static void main(String[] args) throws Exception {
        Sc.run(() -> {
            readyBeforeUse();
            failingSetUp();
            timeoutCoversSetUp();
        });
    }

    /** 1. start() returns once the server is ready, with its address; the server stays in the nursery. */
    static void readyBeforeUse() throws Exception {
        System.out.println("== 1. start() waits for started(value) and returns the value");
        Nursery.open(n -> {
            SendChannel<Request> server = n.start("shout-server", StartHandOver::shoutServer);
            System.out.println("  [client] start() returned the server's inbox");
            try (server) {
                for (String word : List.of("hello", "structured", "concurrency")) {
                    System.out.println("  [client] " + word + " -> " + call(server, word));
                }
            } // closing the inbox ends the server's loop; the nursery then waits for it to return
        });
        System.out.println("  nursery closed: the server has ended");
    }

    /** 2. A task that fails before started() fails the start() call, not the nursery. */
    static void failingSetUp() throws Exception {
        System.out.println("== 2. a failure before started() is raised by start() itself");
        Nursery.open(n -> {
            try {
                n.start("needs-root", (TaskStatus<Integer> status) -> {
                    throw new IllegalStateException("port 80 needs root");
                });
            } catch (IllegalStateException e) {
                System.out.println("  start() raised: " + e.getMessage());
            }
            // The nursery was not cancelled: the caller handled the error, and other work goes on.
            n.startSoon("fallback", () -> System.out.println("  [fallback] the nursery is still open"));
        });
    }

    /** 3. Until started(), the task runs under the caller's scopes: a timeout there covers the set-up. */
    static void timeoutCoversSetUp() throws Exception {
        System.out.println("== 3. a timeout around start() covers the task's set-up");
        Nursery.open(n -> {
            boolean ready = Timeouts.moveOnAfter(Duration.ofMillis(100), () -> {
                n.start("slow-starter", (TaskStatus<String> status) -> {
                    Sc.sleep(Duration.ofSeconds(30)); // cancelled by the caller's 100 ms limit
                    status.started("too late");
                });
            });
            System.out.println("  the server became ready in time: " + ready);
        });
        System.out.println("  nursery closed: the slow starter was cancelled and has ended");
    }
}
