package dev.herd.engine.schedule;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PublishScheduleTest {

    private static final long START = 1_764_000_000_000_000_000L;

    /** k * 1e9 / rate rounded half up, in exact decimal arithmetic. */
    private static long exactOffset(long k, double rate) {
        return BigDecimal.valueOf(k).multiply(BigDecimal.valueOf(1_000_000_000L))
                .divide(BigDecimal.valueOf(rate), new MathContext(80))
                .setScale(0, RoundingMode.HALF_UP).longValueExact();
    }

    @ParameterizedTest(name = "at {0} msg/s, message {1} is due exactly {2} ns after the start")
    @CsvSource({
            "1000,      0,           0",
            "1000,      1,           1000000",
            "1000,      1000000000,  1000000000000000",
            "1000,      10000000000, 10000000000000000",
            "3,         1,           333333333",
            "3,         2,           666666667",
            "3,         3,           1000000000",
            "3,         1000000000,  333333333333333333",
            "7,         1000000000,  142857142857142857",
            "0.1,       1,           10000000000",
            "0.1,       1000000,     10000000000000000",
            "333.3,     10000000000, 30003000300030003",
            "12345.678, 10000000000, 810000066420005",
            "1000000000, 10000000000, 10000000000",
    })
    void intendedTimesDoNotDrift(double rate, long k, long offset) {
        PublishSchedule schedule = new PublishSchedule(START, rate);
        assertThat(schedule.intendedNanos(k)).isEqualTo(START + offset);
        assertThat(offset).isEqualTo(exactOffset(k, rate));
    }

    @Test
    void intendedTimesMatchExactArithmeticForRandomRatesAndIndexes() {
        SplittableRandom random = new SplittableRandom(11);
        for (int n = 0; n < 2_000; n++) {
            // Rates with up to three decimals, from 0.001 to 1,000,000 msg/s; k up to 1e10.
            double rate = Math.max(1, random.nextLong(1_000_000_000L)) / 1000.0;
            long k = random.nextLong(10_000_000_001L);
            long expected = exactOffset(k, rate);
            if (expected > Long.MAX_VALUE / 2) {
                continue;
            }
            assertThat(new PublishSchedule(START, rate).intendedNanos(k) - START)
                    .as("rate %s, k %d", rate, k).isEqualTo(expected);
        }
    }

    @ParameterizedTest(name = "at {0} msg/s, {2} messages are due {1} ns after the start")
    @CsvSource({
            "1000, -1,         0",
            "1000, 0,          1",
            "1000, 999999,     1",
            "1000, 1000000,    2",
            "1000, 1000000000, 1001",
            "3,    333333332,  1",
            "3,    333333333,  2",
            "3,    666666666,  2",
            "3,    666666667,  3",
            "3,    999999999,  3",
            "3,    1000000000, 4",
            "0.5,  1999999999, 1",
            "0.5,  2000000000, 2",
            "1000, 1000000000000000000, 1000000000001",
    })
    void dueCountStepsExactlyAtEachIntendedTime(double rate, long sinceStart, long due) {
        assertThat(new PublishSchedule(START, rate).dueCount(START + sinceStart)).isEqualTo(due);
    }

    @Test
    void dueCountIsTheNumberOfIntendedTimesNotAfterNow() {
        SplittableRandom random = new SplittableRandom(5);
        for (int n = 0; n < 2_000; n++) {
            double rate = Math.max(1, random.nextLong(100_000_000_000L)) / 1000.0;
            PublishSchedule schedule = new PublishSchedule(START, rate);
            long now = START + random.nextLong(1L << 50);
            long due = schedule.dueCount(now);
            assertThat(due).isPositive();
            assertThat(schedule.intendedNanos(due - 1)).as("rate %s", rate).isLessThanOrEqualTo(now);
            assertThat(schedule.intendedNanos(due)).as("rate %s", rate).isGreaterThan(now);
        }
    }

    @Test
    void aNanoTimeStartThatWrapsAroundStillCountsByDifference() {
        PublishSchedule schedule = new PublishSchedule(Long.MAX_VALUE - 500, 1e9);
        assertThat(schedule.dueCount(Long.MAX_VALUE - 500)).isEqualTo(1);
        assertThat(schedule.dueCount(Long.MIN_VALUE + 499)).isEqualTo(1001);
    }

    @Test
    void anOffsetBeyondALongIsAnErrorNotAWrongTime() {
        PublishSchedule schedule = new PublishSchedule(0, 1);
        assertThat(schedule.intendedNanos(9_000_000_000L)).isEqualTo(9_000_000_000_000_000_000L);
        assertThatThrownBy(() -> schedule.intendedNanos(10_000_000_000L)).isInstanceOf(ArithmeticException.class);
        assertThatThrownBy(() -> schedule.intendedNanos(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest(name = "a rate of {0} msg/s is rejected")
    @ValueSource(doubles = {0, -1, Double.NaN, Double.POSITIVE_INFINITY, 1.000001e9, 1e-12})
    void unusableRatesAreRejected(double rate) {
        assertThatThrownBy(() -> new PublishSchedule(START, rate)).isInstanceOf(IllegalArgumentException.class);
    }
}
