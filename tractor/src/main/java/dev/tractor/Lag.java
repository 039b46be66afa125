package dev.tractor;

/** What a {@link BroadcastReceiver} that fell too far behind gets (see {@link MsgStream#subscribe(Lag)}). */
public enum Lag {
    /** Its next receive raises {@link Lagged}, saying how many values it missed; the one after goes on. */
    RAISE,
    /** It skips the values it missed without a word and goes on from the oldest value still kept. */
    SKIP
}
