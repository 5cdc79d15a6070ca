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

    /** A clock anchored at the current wall-clock time. */
    public static RunClock start() {
        long nano = System.nanoTime();
        Instant now = Instant.now();
        return new RunClock(now.getEpochSecond() * 1_000_000_000L + now.getNano(), nano);
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
