package dev.herd.engine.schedule;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * An open-model publish schedule: message {@code k} is due at {@code start + k * 1e9 / rate} nanoseconds, whatever
 * happened to the messages before it.
 *
 * <pre>{@code
 * PublishSchedule schedule = new PublishSchedule(clock.nowNanos(), 1000.0);
 * // on each timer tick, send everything that is due, stamped with its intended time:
 * for (long due = schedule.dueCount(clock.nowNanos()); next < due; next++) {
 *     publish(next, schedule.intendedNanos(next));
 * }
 * }</pre>
 *
 * <p>Intended times are never accumulated from intervals, so nothing drifts: each is computed from {@code k} alone,
 * rounded to the nearest nanosecond. The period {@code 1e9 / rate} is held in 64.64 fixed point (the rate taken as
 * the decimal its double prints as), so for {@code k} up to 10<sup>10</sup> the product is off by less than a
 * nanosecond's billionth before rounding. A publisher that falls behind still stamps each message with its
 * intended time: that is what keeps coordinated omission out of the latency figures.
 *
 * <p>The start may be any clock's nanoseconds, {@code System.nanoTime()} included: times are compared by
 * difference. Immutable and thread-safe.
 */
public final class PublishSchedule {

    private static final BigDecimal NANOS_PER_SECOND = BigDecimal.valueOf(1_000_000_000L);
    /** Enough digits that the period is exact to far below 2<sup>-64</sup> ns whatever its size. */
    private static final MathContext PERIOD_PRECISION = new MathContext(60, RoundingMode.HALF_EVEN);
    private static final double MAX_RATE = 1e9;
    private static final BigInteger TWO_TO_64 = BigInteger.ONE.shiftLeft(64);
    /** What {@link #offsetNanos(long)} returns when the offset does not fit in a long. */
    private static final long BEYOND_RANGE = Long.MAX_VALUE;

    private final long startNanos;
    private final double messagesPerSecond;
    /** Whole nanoseconds of the period. */
    private final long periodWholeNanos;
    /** The period's fraction of a nanosecond, in units of 2<sup>-64</sup> ns, read as unsigned. */
    private final long periodFraction;
    /** The period as a double: only for a first guess in {@link #dueCount(long)}. */
    private final double periodNanosEstimate;

    /**
     * Creates the schedule.
     *
     * @param startNanos        when message 0 is due
     * @param messagesPerSecond the rate: positive, at most one message per nanosecond, and at least one per
     *                          2<sup>62</sup> ns (146 years)
     * @throws IllegalArgumentException if the rate is out of that range or not a number
     */
    public PublishSchedule(long startNanos, double messagesPerSecond) {
        // Written so that NaN fails too. Capping the rate keeps every period at least 1 ns, so offsets grow with k.
        if (!(messagesPerSecond > 0 && messagesPerSecond <= MAX_RATE)) {
            throw new IllegalArgumentException(
                    "messagesPerSecond must be positive and at most 1e9: " + messagesPerSecond);
        }
        BigDecimal period = NANOS_PER_SECOND.divide(BigDecimal.valueOf(messagesPerSecond), PERIOD_PRECISION);
        BigInteger whole = period.toBigInteger();
        BigInteger fraction = period.subtract(new BigDecimal(whole)).multiply(new BigDecimal(TWO_TO_64))
                .setScale(0, RoundingMode.HALF_UP).toBigIntegerExact();
        if (fraction.equals(TWO_TO_64)) {
            whole = whole.add(BigInteger.ONE);
            fraction = BigInteger.ZERO;
        }
        if (whole.bitLength() > 62) {
            throw new IllegalArgumentException("messagesPerSecond is too small for a period in nanoseconds: "
                    + messagesPerSecond);
        }
        this.startNanos = startNanos;
        this.messagesPerSecond = messagesPerSecond;
        this.periodWholeNanos = whole.longValueExact();
        this.periodFraction = fraction.longValue();
        this.periodNanosEstimate = 1e9 / messagesPerSecond;
    }

    /** When message 0 is due. */
    public long startNanos() {
        return startNanos;
    }

    /** The rate this schedule was made with. */
    public double messagesPerSecond() {
        return messagesPerSecond;
    }

    /**
     * When message {@code k} is due: {@code start + round(k * 1e9 / rate)}.
     *
     * @throws IllegalArgumentException if {@code k} is negative
     * @throws ArithmeticException      if {@code k}'s offset from the start does not fit in a long (292 years)
     */
    public long intendedNanos(long k) {
        if (k < 0) {
            throw new IllegalArgumentException("k must not be negative: " + k);
        }
        long offset = offsetNanos(k);
        if (offset == BEYOND_RANGE) {
            throw new ArithmeticException("message " + k + " is due beyond the range of a long");
        }
        return startNanos + offset;
    }

    /**
     * How many messages are due at {@code nowNanos}: the number of {@code k} whose intended time is at or before it.
     * Zero before the start.
     */
    public long dueCount(long nowNanos) {
        long elapsed = nowNanos - startNanos;
        if (elapsed < 0) {
            return 0;
        }
        // A first guess from doubles, then an exact search around it: the answer is the last due k, plus one.
        long guess = (long) (elapsed / periodNanosEstimate);
        long low;
        long high;
        if (isDue(guess, elapsed)) {
            low = guess;
            long step = 1;
            high = plusSaturated(low, step);
            while (isDue(high, elapsed)) {
                low = high;
                step <<= 1;
                high = plusSaturated(low, step);
            }
        } else {
            high = guess;
            long step = 1;
            low = Math.max(0, high - step);
            // Message 0 is due at the start, so this stops at 0 at the latest.
            while (!isDue(low, elapsed)) {
                high = low;
                step <<= 1;
                low = Math.max(0, high - step);
            }
        }
        while (high - low > 1) {
            long mid = low + (high - low) / 2;
            if (isDue(mid, elapsed)) {
                low = mid;
            } else {
                high = mid;
            }
        }
        return low + 1;
    }

    @Override
    public String toString() {
        return "PublishSchedule[" + messagesPerSecond + " msg/s from " + startNanos + " ns]";
    }

    private boolean isDue(long k, long elapsedNanos) {
        long offset = offsetNanos(k);
        return offset != BEYOND_RANGE && offset <= elapsedNanos;
    }

    private static long plusSaturated(long a, long b) {
        long sum = a + b;
        return sum < 0 ? Long.MAX_VALUE : sum;
    }

    /** {@code round(k * period)} for {@code k >= 0}, or {@link #BEYOND_RANGE} if it does not fit. */
    private long offsetNanos(long k) {
        if (Math.multiplyHigh(k, periodWholeNanos) != 0) {
            return BEYOND_RANGE;
        }
        long whole = k * periodWholeNanos;
        if (whole < 0) {
            return BEYOND_RANGE;
        }
        // k * fraction is a 128-bit number of 2^-64 ns: its high half is whole nanoseconds, its low half's top bit
        // says whether the rest is at least half a nanosecond. multiplyHigh is signed, so correct for a fraction
        // whose top bit is set (k itself is never negative here).
        long fractionNanos = Math.multiplyHigh(k, periodFraction) + ((periodFraction >> 63) & k);
        long roundUp = (k * periodFraction) >>> 63;
        long offset = whole + fractionNanos + roundUp;
        return offset < 0 ? BEYOND_RANGE : offset;
    }
}
