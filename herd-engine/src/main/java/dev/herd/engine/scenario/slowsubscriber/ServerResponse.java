package dev.herd.engine.scenario.slowsubscriber;

import java.util.Locale;

/**
 * What the target visibly did to subscribers that stopped reading (or read slowly), as herd tells it from the
 * client side; {@code slow_subscribers.classification} in summary.json.
 */
public enum ServerResponse {
    /** It closed slow subscribers' connections (herd saw them end, with or without a close frame). */
    DISCONNECTED,
    /** Connections stayed open, but the slow subscribers' sequence numbers have gaps: messages were skipped. */
    DROPPED,
    /** Connections stayed open, nothing was lost, but messages reached the slow subscribers about a stall late. */
    BUFFERED,
    /** Nothing visible: no disconnect, no gap, no delay near the stall's length. */
    UNAFFECTED;

    /** The lower-case name summary.json uses. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
