package dev.tractor;

import dev.tractor.internal.serve.FunctionRef;
import dev.tractor.internal.serve.Invoker;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Small remote functions for the tests of {@link FunctionRef} and {@link Invoker}. */
public final class RemoteTargets {
    private RemoteTargets() {
    }

    /** A record argument. */
    public record Point(int x, int y) {
    }

    /** A record holding a generic list of records. */
    public record Path(String name, List<Point> points) {
    }

    /** An error of the tests' own, to see that a target's {@link Error} also comes out unchanged. */
    public static final class TargetError extends Error {
        TargetError(String message) {
            super(message);
        }
    }

    /** Declares a static method that {@link Derived} inherits. */
    public static class Base {
        Base() {
        }

        public static int twice(int x) {
            return 2 * x;
        }
    }

    /** Inherits {@link Base#twice(int)}. */
    public static final class Derived extends Base {
        private Derived() {
        }
    }

    /** Called by {@link #note(String)}; read by the tests. */
    public static volatile String lastNote;

    public static int add(int x, int y) {
        return x + y;
    }

    public static int lengthSquared(Point point) {
        return point.x() * point.x() + point.y() * point.y();
    }

    public static List<Point> mirror(List<Point> points) {
        List<Point> mirrored = new ArrayList<>();
        for (Point p : points) {
            mirrored.add(new Point(-p.x(), p.y()));
        }
        return mirrored;
    }

    public static int pathLength(Path path) {
        return path.points().size();
    }

    public static String fail(String why) throws IOException {
        throw new IOException(why);
    }

    public static int crash(String why) {
        throw new TargetError(why);
    }

    public static void note(String text) {
        lastNote = text;
    }

    public static Point origin() {
        return new Point(0, 0);
    }

    public static String describe(int number) {
        return "number " + number;
    }

    public static String describe(String text) {
        return "text " + text;
    }

    public static String describe(int number, String unit) {
        return number + " " + unit;
    }

    /** Two overloads with the same parameter names: a call by name cannot choose. */
    public static String pick(int value) {
        return "int";
    }

    public static String pick(String value) {
        return "string";
    }

    public static int sum(int... values) {
        int total = 0;
        for (int v : values) {
            total += v;
        }
        return total;
    }

    private static int secret(int x) {
        return x;
    }

    /** A reference to the private method, made where it is visible. */
    public static final Fn1<Integer, Integer> SECRET = RemoteTargets::secret;

    public int instanceMethod(int x) {
        return x;
    }
}
