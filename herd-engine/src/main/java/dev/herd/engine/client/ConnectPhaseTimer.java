package dev.herd.engine.client;

import dev.herd.engine.connect.ConnectPhase;

/**
 * The timestamps ({@link System#nanoTime()}) of one connection attempt's phases, and the phase it is in
 * now, so a failure can be attributed to the phase where it happened. Reused across attempts.
 */
final class ConnectPhaseTimer {

    private long attemptStartNanos;
    private long phaseStartNanos;
    private ConnectPhase current = ConnectPhase.DNS;

    /** A new attempt starts in the DNS phase. */
    public void startAttempt(long nowNanos) {
        attemptStartNanos = nowNanos;
        phaseStartNanos = nowNanos;
        current = ConnectPhase.DNS;
    }

    /** Ends the current phase and enters {@code next}; returns the ended phase's duration. */
    public long advance(ConnectPhase next, long nowNanos) {
        long duration = nowNanos - phaseStartNanos;
        phaseStartNanos = nowNanos;
        current = next;
        return duration;
    }

    public ConnectPhase current() {
        return current;
    }

    public long attemptStartNanos() {
        return attemptStartNanos;
    }

    public long sinceAttemptStart(long nowNanos) {
        return nowNanos - attemptStartNanos;
    }
}
