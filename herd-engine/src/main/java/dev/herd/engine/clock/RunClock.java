package dev.herd.engine.clock;

import java.time.Instant;

/**
 * The run-wide clock: epoch nanoseconds computed as {@code wallAtStart + (nanoTime - nanoAtStart)}.
 *
 * <p>Stamps carry times from this clock, so a publisher and a subscriber in different processes on one
 * host agree to within the accuracy of reading the wall clock once at start (microseconds); across hosts
 * NTP skew applies. Reading it costs one {@link System#nanoTime()}.
 *
 * <pre>{@code
 * RunClock clock = RunClock.start();
 * long intendedNanos = clock.toEpochNanos(schedule.intendedNanos(k));
 * long latencyNanos = clock.nowNanos() - intendedNanos;
 * }</pre>
 */
public final class RunClock {

    private final long wallAtStartNanos;
    private final long nanoAtStart;

    private RunClock(long wallAtStartNanos, long nanoAtStart) {
        this.wallAtStartNanos = wallAtStartNanos;
        this.nanoAtStart = nanoAtStart;
    }

    /** Reads of the wall clock tried for the tightest bracket. */
    private static final int ANCHOR_TRIES = 50;
    /** A bracket this narrow is good enough to stop trying. */
    private static final long GOOD_BRACKET_NANOS = 20_000;

    /**
     * A clock anchored at the current wall-clock time. The wall clock is read between two {@code nanoTime} readings
     * and anchored at their midpoint; on a busy machine a thread may be descheduled between two readings for
     * milliseconds, which would put this process's clock that far ahead of another's, so the narrowest of several
     * brackets is kept.
     */
    public static RunClock start() {
        long bestWidth = Long.MAX_VALUE;
        long bestWall = 0;
        long bestNano = 0;
        for (int i = 0; i < ANCHOR_TRIES && bestWidth > GOOD_BRACKET_NANOS; i++) {
            long before = System.nanoTime();
            Instant now = Instant.now();
            long after = System.nanoTime();
            if (after - before < bestWidth) {
                bestWidth = after - before;
                bestWall = now.getEpochSecond() * 1_000_000_000L + now.getNano();
                bestNano = before + (after - before) / 2;
            }
        }
        return new RunClock(bestWall, bestNano);
    }

    /** A clock with a given anchor, for tests and for workers that adopt a coordinator's base. */
    public static RunClock anchored(long wallAtStartNanos, long nanoAtStart) {
        return new RunClock(wallAtStartNanos, nanoAtStart);
    }

    /** Now, in epoch nanoseconds on the run-wide base. */
    public long nowNanos() {
        return wallAtStartNanos + (System.nanoTime() - nanoAtStart);
    }

    /** Converts a {@link System#nanoTime()} reading to epoch nanoseconds on the run-wide base. */
    public long toEpochNanos(long monotonicNanos) {
        return wallAtStartNanos + (monotonicNanos - nanoAtStart);
    }

    /** Converts epoch nanoseconds on the run-wide base back to a {@link System#nanoTime()} reading. */
    public long toMonotonicNanos(long epochNanos) {
        return nanoAtStart + (epochNanos - wallAtStartNanos);
    }

    public long wallAtStartNanos() {
        return wallAtStartNanos;
    }

    public long nanoAtStart() {
        return nanoAtStart;
    }

    /** The run's start as an instant. */
    public Instant startInstant() {
        return Instant.ofEpochSecond(0, wallAtStartNanos);
    }
}
