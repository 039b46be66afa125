package dev.tractor.internal.msg;

/** What kind of remote function a {@link Msg.StartAck} announces; the wire names are Python tractor's. */
public enum FuncType {
    /** A function that returns one value ({@code asyncfunc}). */
    FUNCTION("asyncfunc"),
    /** A function that streams values one way ({@code asyncgen}). */
    STREAM("asyncgen"),
    /** A function that takes a context ({@code context}). */
    CONTEXT("context");

    private final String wireName;

    FuncType(String wireName) {
        this.wireName = wireName;
    }

    /** The name on the wire. */
    public String wireName() {
        return wireName;
    }

    /** The type with this wire name, or null. */
    static FuncType ofWireName(String name) {
        for (FuncType t : values()) {
            if (t.wireName.equals(name)) {
                return t;
            }
        }
        return null;
    }
}
