package dev.tractor.examples;

import dev.tractor.Actor;
import dev.tractor.Tractor;

/**
 * The smallest actor program: run one function in a new process and print its result.
 *
 * <p>{@code runInActor} starts a one-shot actor (a JVM of its own, same class path) that runs the
 * function; {@code result()} waits for what it returned. The function is named by a method reference to a
 * public static method: only its class and method name travel, the child loads the class by name. The
 * result comes back as the method's declared type, here a record, and the child's process is ended and
 * reaped before {@code openNursery} returns.
 */
public final class SingleFunction {
    private SingleFunction() {
    }

    /** What the function returns: the answer and where it was computed. */
    public record Answer(long value, String actor, long pid) {
    }

    /** 1*1 + 2*2 + ... + n*n, computed in whichever actor runs it. */
    public static Answer sumOfSquares(int n) {
        long total = 0;
        for (int i = 1; i <= n; i++) {
            total += (long) i * i;
        }
        Actor me = Tractor.currentActor();
        return new Answer(total, me.name(), me.pid());
    }

    public static void main(String[] args) throws Exception {
        long here = ProcessHandle.current().pid();
        System.out.println("root actor in pid " + here + " runs sumOfSquares(1000) in a new actor");

        Answer answer = Tractor.openNursery(an ->
                an.runInActor("squares", SingleFunction::sumOfSquares, 1000).<Answer>result());

        System.out.println("result: " + answer.value());
        System.out.println("computed by actor '" + answer.actor() + "' in pid " + answer.pid()
                + (answer.pid() != here ? ", another process" : ", THIS process (unexpected)"));
        System.out.println("formula n(n+1)(2n+1)/6 agrees: " + (answer.value() == 1000L * 1001 * 2001 / 6));
        System.out.println("the actor's process has exited: "
                + ProcessHandle.of(answer.pid()).map(p -> !p.isAlive()).orElse(true));
    }
}
