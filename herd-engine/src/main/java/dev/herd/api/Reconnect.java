package dev.herd.api;

/** What a client does when its connection is lost or an attempt fails ({@code --reconnect}). */
public enum Reconnect {
    /** Stays down. */
    NONE,
    /** Tries again at once, as often as the attempt limit allows. */
    IMMEDIATE,
    /** Waits a random time in [0, min(cap, base × 2^(n-1))] before attempt n (full jitter). */
    EXPONENTIAL
}
