package dev.herd.engine.connect;

import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * What a client does after losing its connection: give up, reconnect at once, or back off exponentially with full
 * jitter, optionally for a limited number of attempts.
 *
 * <pre>{@code
 * ReconnectPolicy policy = ReconnectPolicy.exponential(Duration.ofMillis(100), Duration.ofSeconds(10), 0);
 * long delayNanos = policy.delayNanos(attempt, random);   // attempt 1 is the first reconnect
 * if (delayNanos >= 0) {
 *     loop.schedule(this::connect, delayNanos, TimeUnit.NANOSECONDS);
 * }
 * }</pre>
 *
 * <p>Full jitter draws each delay uniformly from {@code [0, min(cap, base * 2^(attempt-1))]}, so ten thousand
 * clients dropped together do not come back together (the point of a reconnect storm test is to see whether the
 * target survives a realistic client, not a synchronised one). The random generator is passed in, so a seeded one
 * makes a run repeatable. Immutable and thread-safe; the generator is the caller's.
 */
public final class ReconnectPolicy {

    /** The three behaviours. */
    public enum Kind {
        /** Never reconnect. */
        NONE,
        /** Reconnect without delay. */
        IMMEDIATE,
        /** Reconnect after an exponentially growing, fully jittered delay. */
        EXPONENTIAL
    }

    private static final ReconnectPolicy NONE = new ReconnectPolicy(Kind.NONE, 0, 0, 0);

    private static final long[] UNIT_NANOS = {3_600_000_000_000L, 60_000_000_000L, 1_000_000_000L, 1_000_000L, 1_000L};
    private static final String[] UNIT_NAMES = {"h", "m", "s", "ms", "us"};

    private final Kind kind;
    private final long baseNanos;
    private final long capNanos;
    private final int maxAttempts;

    private ReconnectPolicy(Kind kind, long baseNanos, long capNanos, int maxAttempts) {
        this.kind = kind;
        this.baseNanos = baseNanos;
        this.capNanos = capNanos;
        this.maxAttempts = maxAttempts;
    }

    /** Never reconnect. */
    public static ReconnectPolicy none() {
        return NONE;
    }

    /**
     * Reconnect at once.
     *
     * @param maxAttempts how many reconnects in a row to try; 0 for no limit
     */
    public static ReconnectPolicy immediate(int maxAttempts) {
        return new ReconnectPolicy(Kind.IMMEDIATE, 0, 0, checkMaxAttempts(maxAttempts));
    }

    /**
     * Back off exponentially with full jitter.
     *
     * @param base        the ceiling of the first delay; positive
     * @param cap         the largest ceiling; at least {@code base}
     * @param maxAttempts how many reconnects in a row to try; 0 for no limit
     */
    public static ReconnectPolicy exponential(Duration base, Duration cap, int maxAttempts) {
        long baseNanos = toNanos(base, "base");
        long capNanos = toNanos(cap, "cap");
        if (baseNanos <= 0) {
            throw new IllegalArgumentException("base must be positive: " + base);
        }
        if (capNanos < baseNanos) {
            throw new IllegalArgumentException("cap must be at least base: " + cap + " < " + base);
        }
        return new ReconnectPolicy(Kind.EXPONENTIAL, baseNanos, capNanos, checkMaxAttempts(maxAttempts));
    }

    /** Which of the three behaviours this is. */
    public Kind kind() {
        return kind;
    }

    /** How many reconnects in a row are tried; 0 means no limit (and nothing, for {@link Kind#NONE}). */
    public int maxAttempts() {
        return maxAttempts;
    }

    /** The ceiling of the first exponential delay; zero for the other kinds. */
    public Duration base() {
        return Duration.ofNanos(baseNanos);
    }

    /** The largest exponential ceiling; zero for the other kinds. */
    public Duration cap() {
        return Duration.ofNanos(capNanos);
    }

    /**
     * How long to wait before reconnect attempt {@code attempt}, or -1 if no further attempt should be made.
     *
     * @param attempt 1 for the first reconnect after a loss, 2 if that one failed too, and so on
     * @param random  where the jitter comes from; a seeded generator gives repeatable delays
     * @throws IllegalArgumentException if {@code attempt} is less than 1
     */
    public long delayNanos(int attempt, RandomGenerator random) {
        if (attempt < 1) {
            throw new IllegalArgumentException("attempt must be at least 1: " + attempt);
        }
        if (kind == Kind.NONE || (maxAttempts > 0 && attempt > maxAttempts)) {
            return -1;
        }
        if (kind == Kind.IMMEDIATE) {
            return 0;
        }
        long ceiling = ceilingNanos(attempt);
        // nextLong(bound) excludes the bound; the jitter range includes the ceiling.
        return ceiling == Long.MAX_VALUE ? random.nextLong() & Long.MAX_VALUE : random.nextLong(ceiling + 1);
    }

    /** {@code min(cap, base * 2^(attempt-1))} without overflow. */
    private long ceilingNanos(int attempt) {
        int shift = attempt - 1;
        if (shift >= Long.numberOfLeadingZeros(baseNanos)) {
            // base << shift would reach the sign bit: more than any cap.
            return capNanos;
        }
        return Math.min(capNanos, baseNanos << shift);
    }

    /** Says what the policy does, e.g. {@code exponential(base=100ms, cap=10s, full jitter)}. */
    public String describe() {
        String limit = maxAttempts > 0 ? "max " + maxAttempts + " attempts" : "";
        switch (kind) {
            case NONE:
                return "none";
            case IMMEDIATE:
                return limit.isEmpty() ? "immediate" : "immediate(" + limit + ")";
            default:
                return "exponential(base=" + format(baseNanos) + ", cap=" + format(capNanos) + ", full jitter"
                        + (limit.isEmpty() ? "" : ", " + limit) + ")";
        }
    }

    @Override
    public String toString() {
        return describe();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ReconnectPolicy other && kind == other.kind && baseNanos == other.baseNanos
                && capNanos == other.capNanos && maxAttempts == other.maxAttempts;
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, baseNanos, capNanos, maxAttempts);
    }

    private static int checkMaxAttempts(int maxAttempts) {
        if (maxAttempts < 0) {
            throw new IllegalArgumentException("maxAttempts must not be negative (0 = no limit): " + maxAttempts);
        }
        return maxAttempts;
    }

    private static long toNanos(Duration duration, String name) {
        try {
            return duration.toNanos();
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException(name + " is too long: " + duration, e);
        }
    }

    /** The largest unit that shows {@code nanos} exactly: 100ms, 10s, 1500ms, 2m, 7ns. */
    private static String format(long nanos) {
        for (int u = 0; u < UNIT_NANOS.length; u++) {
            if (nanos % UNIT_NANOS[u] == 0) {
                return nanos / UNIT_NANOS[u] + UNIT_NAMES[u];
            }
        }
        return nanos + "ns";
    }
}
