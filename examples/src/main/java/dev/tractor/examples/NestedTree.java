package dev.tractor.examples;

import dev.tractor.Actor;
import dev.tractor.RemoteActorError;
import dev.tractor.Tractor;
import dev.tractor.msg.Uid;
import java.util.ArrayList;
import java.util.List;

/**
 * Trees nest: a child actor opens a nursery of its own and spawns a grandchild. What the grandchild
 * returns, or raises, comes back to the root through the middle actor.
 *
 * <p>The tree is {@code root -> middle -> leaf}, three JVMs, each the parent process of the next. A result
 * travels as a value, and the middle may add to it on the way. An error travels as a description (type,
 * message, remote stack), boxed again by each actor it passes: the root catches one
 * {@link RemoteActorError} that still names the actor where it was raised ({@code source()}) and every actor
 * that passed it on ({@code relayPath()}).
 */
public final class NestedTree {
    private NestedTree() {
    }

    /** One actor on a result's way up: its name, its process and that process's parent. */
    public record Hop(String actor, long pid, long parentPid) {
        static Hop here() {
            Actor me = Tractor.currentActor();
            return new Hop(me.name(), me.pid(), ProcessHandle.current().parent().map(ProcessHandle::pid).orElse(-1L));
        }
    }

    /** A value and the actors it came through, the one that computed it first. */
    public record Report(int value, List<Hop> path) {
    }

    /** Runs in the leaf: the actual work. */
    public static Report square(int n) {
        return new Report(n * n, List.of(Hop.here()));
    }

    /** Runs in the middle: spawns the leaf in a nursery of its own and passes its report up, signed. */
    public static Report squareInChild(int n) throws Exception {
        Report fromLeaf = Tractor.openNursery(an -> an.runInActor("leaf", NestedTree::square, n).<Report>result());
        List<Hop> path = new ArrayList<>(fromLeaf.path());
        path.add(Hop.here());
        return new Report(fromLeaf.value(), path);
    }

    /** Runs in the leaf: fails. */
    public static Report fail(String why) {
        throw new IllegalStateException(why);
    }

    /** Runs in the middle: spawns a leaf that fails; the leaf's error fails the middle's nursery, and so this. */
    public static Report failInChild(String why) throws Exception {
        return Tractor.openNursery(an -> an.runInActor("leaf", NestedTree::fail, why).<Report>result());
    }

    public static void main(String[] args) throws Exception {
        long root = ProcessHandle.current().pid();

        System.out.println("== 1. a result comes back through the middle");
        Report report = Tractor.openNursery(an -> an.runInActor("middle", NestedTree::squareInChild, 7).<Report>result());
        System.out.println("  root: 7 squared is " + report.value());
        System.out.println("  root   pid " + root);
        String indent = "  ";
        for (Hop hop : report.path().reversed()) { // the middle first: the path starts at the leaf
            indent += "  ";
            System.out.println(indent + hop.actor() + " pid " + hop.pid() + ", child of pid " + hop.parentPid());
        }
        Hop leaf = report.path().get(0);
        Hop middle = report.path().get(1);
        System.out.println("  a real process tree: " + (middle.parentPid() == root && leaf.parentPid() == middle.pid()));

        System.out.println("== 2. an error comes back through the middle");
        try {
            Tractor.openNursery(an -> an.runInActor("middle", NestedTree::failInChild, "the leaf broke").result());
            System.out.println("  no error: that was not supposed to happen");
        } catch (RemoteActorError e) {
            System.out.println("  root caught RemoteActorError");
            System.out.println("  remote type: " + e.remoteType());
            System.out.println("  message:     " + e.remoteMessage());
            System.out.println("  raised in:   " + e.source().name());
            // Where it was raised first, then every actor that passed it on; this actor is not in it.
            System.out.println("  relay path:  " + String.join(" -> ", e.relayPath().stream().map(Uid::name).toList()));
            System.out.println("  remote stack starts at: " + e.remoteStackTrace().getFirst().getClassName()
                    .replace("dev.tractor.examples.", "") + "." + e.remoteStackTrace().getFirst().getMethodName());
        }
    }
}
