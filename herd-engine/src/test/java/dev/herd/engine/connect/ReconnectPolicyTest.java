package dev.herd.engine.connect;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.util.SplittableRandom;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReconnectPolicyTest {

    private static final Duration BASE = Duration.ofMillis(100);
    private static final Duration CAP = Duration.ofSeconds(10);

    private final SplittableRandom random = new SplittableRandom(2026);

    @ParameterizedTest(name = "none gives up at attempt {0}")
    @CsvSource({"1", "2", "1000"})
    void noneNeverReconnects(int attempt) {
        assertThat(ReconnectPolicy.none().delayNanos(attempt, random)).isEqualTo(-1);
    }

    @Test
    void immediateWithoutLimitAlwaysReconnectsAtOnce() {
        ReconnectPolicy policy = ReconnectPolicy.immediate(0);
        for (int attempt = 1; attempt <= 1_000; attempt++) {
            assertThat(policy.delayNanos(attempt, random)).isZero();
        }
        assertThat(policy.delayNanos(Integer.MAX_VALUE, random)).isZero();
    }

    @ParameterizedTest(name = "with at most 3 attempts, {0} attempt {1} is {2}")
    @CsvSource({
            "immediate,   1, allowed",
            "immediate,   3, allowed",
            "immediate,   4, refused",
            "exponential, 1, allowed",
            "exponential, 3, allowed",
            "exponential, 4, refused",
    })
    void maxAttemptsStopsReconnecting(String kind, int attempt, String verdict) {
        ReconnectPolicy policy = kind.equals("immediate")
                ? ReconnectPolicy.immediate(3)
                : ReconnectPolicy.exponential(BASE, CAP, 3);
        long delay = policy.delayNanos(attempt, random);
        if (verdict.equals("allowed")) {
            assertThat(delay).isNotNegative();
        } else {
            assertThat(delay).isEqualTo(-1);
        }
    }

    @ParameterizedTest(name = "exponential attempt {0} waits between 0 and {1} ms")
    @CsvSource({
            "1,          100",
            "2,          200",
            "3,          400",
            "7,          6400",
            "8,          10000",
            "64,         10000",
            "2147483647, 10000",
    })
    void exponentialDelaysStayWithinTheDoublingCappedCeiling(int attempt, long ceilingMillis) {
        ReconnectPolicy policy = ReconnectPolicy.exponential(BASE, CAP, 0);
        long ceiling = Duration.ofMillis(ceilingMillis).toNanos();
        long max = 0;
        for (int n = 0; n < 2_000; n++) {
            long delay = policy.delayNanos(attempt, random);
            assertThat(delay).isBetween(0L, ceiling);
            max = Math.max(max, delay);
        }
        // The draws reach the ceiling's neighbourhood, so the ceiling is the one doubling says, not less.
        assertThat(max).isGreaterThan(ceiling * 99 / 100);
    }

    @Test
    void doublingNeverOverflowsEvenWithoutAPracticalCap() {
        ReconnectPolicy policy = ReconnectPolicy.exponential(Duration.ofNanos(3), Duration.ofNanos(Long.MAX_VALUE), 0);
        for (int attempt = 1; attempt <= 200; attempt++) {
            // 3 has 62 leading zeros: shifting it by 62 or more would overflow, so the cap applies from there.
            long ceiling = attempt - 1 < 62 ? 3L << (attempt - 1) : Long.MAX_VALUE;
            assertThat(policy.delayNanos(attempt, random)).as("attempt %d", attempt).isBetween(0L, ceiling);
        }
    }

    @Test
    void fullJitterSpreadsDelaysEvenlyOverTheWholeRange() {
        ReconnectPolicy policy = ReconnectPolicy.exponential(BASE, CAP, 0);
        long ceiling = Duration.ofMillis(400).toNanos();
        int samples = 20_000;
        int[] perTenth = new int[10];
        double sum = 0;
        long min = Long.MAX_VALUE;
        for (int n = 0; n < samples; n++) {
            long delay = policy.delayNanos(3, random);
            sum += delay;
            min = Math.min(min, delay);
            perTenth[(int) Math.min(9, delay * 10 / ceiling)]++;
        }
        // Uniform on [0, 400 ms]: mean 200 ms (sd of the mean ~0.8 ms), 2,000 per tenth (binomial sd ~42).
        assertThat(sum / samples).isBetween(0.98 * ceiling / 2, 1.02 * ceiling / 2);
        assertThat(min).isLessThan(ceiling / 100);
        for (int count : perTenth) {
            assertThat(count).isBetween(1_800, 2_200);
        }
    }

    @Test
    void theSameSeedGivesTheSameDelays() {
        ReconnectPolicy policy = ReconnectPolicy.exponential(BASE, CAP, 0);
        Supplier<long[]> run = () -> {
            SplittableRandom seeded = new SplittableRandom(99);
            long[] delays = new long[20];
            for (int attempt = 1; attempt <= delays.length; attempt++) {
                delays[attempt - 1] = policy.delayNanos(attempt, seeded);
            }
            return delays;
        };
        assertThat(run.get()).containsExactly(run.get());
    }

    @ParameterizedTest(name = "{0} describes itself as \"{1}\"")
    @CsvSource(delimiter = '|', value = {
            "none                             | none",
            "immediate                        | immediate",
            "immediate, 3 attempts            | immediate(max 3 attempts)",
            "exponential 100ms to 10s         | exponential(base=100ms, cap=10s, full jitter)",
            "exponential 1.5s to 2m, 5 tries  | exponential(base=1500ms, cap=2m, full jitter, max 5 attempts)",
    })
    void describesItself(String which, String description) {
        ReconnectPolicy policy = switch (which) {
            case "none" -> ReconnectPolicy.none();
            case "immediate" -> ReconnectPolicy.immediate(0);
            case "immediate, 3 attempts" -> ReconnectPolicy.immediate(3);
            case "exponential 100ms to 10s" -> ReconnectPolicy.exponential(BASE, CAP, 0);
            default -> ReconnectPolicy.exponential(Duration.ofMillis(1500), Duration.ofMinutes(2), 5);
        };
        assertThat(policy.describe()).isEqualTo(description);
        assertThat(policy).hasToString(description);
    }

    @Test
    void isAValue() {
        assertThat(ReconnectPolicy.exponential(BASE, CAP, 2)).isEqualTo(ReconnectPolicy.exponential(BASE, CAP, 2))
                .hasSameHashCodeAs(ReconnectPolicy.exponential(BASE, CAP, 2))
                .isNotEqualTo(ReconnectPolicy.exponential(BASE, CAP, 3));
        assertThat(ReconnectPolicy.exponential(BASE, CAP, 2).kind()).isEqualTo(ReconnectPolicy.Kind.EXPONENTIAL);
        assertThat(ReconnectPolicy.exponential(BASE, CAP, 2).base()).isEqualTo(BASE);
        assertThat(ReconnectPolicy.exponential(BASE, CAP, 2).cap()).isEqualTo(CAP);
    }

    @Test
    void badArgumentsAreRejected() {
        assertThatThrownBy(() -> ReconnectPolicy.immediate(0).delayNanos(0, random))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ReconnectPolicy.immediate(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ReconnectPolicy.exponential(Duration.ZERO, CAP, 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ReconnectPolicy.exponential(CAP, BASE, 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ReconnectPolicy.exponential(BASE, Duration.ofDays(365L * 1000), 0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
