package dev.tractor.internal.serve;


/** A remote function whose class records that it was initialised, for {@link InvokerTest}. */
public final class GuardedTarget {
    static {
        InvokerTest.guardedTargetInitialised = true;
    }

    private GuardedTarget() {
    }

    public static String hello(String name) {
        return "hello " + name;
    }
}
