package dev.herd.engine.scenario;

import dev.herd.engine.run.RunNotCarriedOutException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Holds the run until a wall-clock instant, so that processes started seconds apart (the slices of one run) begin
 * their measured phase together: it stands after the connect stage, or first when the measured stage connects itself.
 * It records {@code start_at} and {@code start_skew_ms} (how late this process's measured phase began, in milliseconds;
 * negative when early by less than a millisecond) in summary.json; a process that gets there later than
 * {@code tolerance} stops the run ({@link RunNotCarriedOutException}), saying by how much.
 *
 * @param at the instant the measured phase begins
 * @param tolerance how late a process may be
 */
public record StartAtStage(Instant at, Duration tolerance) implements Stage {

    /** The last stretch is waited in a tight park rather than the control thread's coarse polling. */
    private static final long FINE_WAIT_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    @Override
    public String name() {
        return "start-at";
    }

    @Override
    public void execute(StageContext ctx) {
        long left = nanosUntil(at);
        if (left > FINE_WAIT_NANOS) {
            ctx.sleep(Duration.ofNanos(left - FINE_WAIT_NANOS));
        }
        while (!ctx.aborted() && (left = nanosUntil(at)) > 0) {
            LockSupport.parkNanos(Math.min(left, TimeUnit.MILLISECONDS.toNanos(1)));
        }
        double skewMs = -nanosUntil(at) / 1e6;
        ctx.section("start_at", at.toString());
        ctx.section("start_skew_ms", Math.round(skewMs * 1000) / 1000.0);
        if (skewMs > tolerance.toNanos() / 1e6) {
            throw new RunNotCarriedOutException(String.format(java.util.Locale.ROOT, "the measured phase began %.0f ms "
                    + "after --start-at %s, beyond the tolerance of %d ms (--start-tolerance): this slice connected "
                    + "too slowly or started too late", skewMs, at, tolerance.toMillis()));
        }
    }

    private static long nanosUntil(Instant instant) {
        Instant now = Instant.now();
        return Duration.between(now, instant).toNanos();
    }
}
