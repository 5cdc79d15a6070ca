package dev.herd.engine.schedule;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConnectRampTest {

    private static long[] offsets(ConnectRamp ramp) {
        return IntStream.range(0, ramp.clients()).mapToLong(ramp::offsetNanos).toArray();
    }

    @ParameterizedTest(name = "evenly, {0} clients within {1} ms put client {2} at {3} ns")
    @CsvSource({
            "4,         1000, 0,         0",
            "4,         1000, 1,         250000000",
            "4,         1000, 3,         750000000",
            "3,         1000, 1,         333333333",
            "3,         1000, 2,         666666666",
            "1,         1000, 0,         0",
            "100000,    1,    99999,     999990",
            "2147483647, 3600000000, 2147483646, 3599999998323619",
    })
    void evenSpacing(int clients, long withinMillis, int client, long offsetNanos) {
        assertThat(ConnectRamp.even(clients, Duration.ofMillis(withinMillis)).offsetNanos(client))
                .isEqualTo(offsetNanos);
    }

    @Test
    void evenOffsetsRiseByTheSameStepAndStayInsideTheWindow() {
        ConnectRamp ramp = ConnectRamp.even(1_000, Duration.ofSeconds(10));
        long[] offsets = offsets(ramp);
        for (int i = 1; i < offsets.length; i++) {
            assertThat(offsets[i] - offsets[i - 1]).isEqualTo(10_000_000L);
        }
        assertThat(offsets[offsets.length - 1]).isLessThan(10_000_000_000L);
        assertThat(ramp).hasToString("even(1000 clients within PT10S)");
    }

    @Test
    void poissonIsTheSameForTheSameSeedAndDiffersForAnother() {
        Duration within = Duration.ofSeconds(10);
        assertThat(offsets(ConnectRamp.poisson(500, within, 42))).containsExactly(
                offsets(ConnectRamp.poisson(500, within, 42)));
        assertThat(offsets(ConnectRamp.poisson(500, within, 43))).isNotEqualTo(
                offsets(ConnectRamp.poisson(500, within, 42)));
    }

    @Test
    void poissonOffsetsAreSortedInsideTheWindowAndSpreadOverIt() {
        long withinNanos = Duration.ofSeconds(10).toNanos();
        ConnectRamp ramp = ConnectRamp.poisson(10_000, Duration.ofNanos(withinNanos), 7);
        long[] offsets = offsets(ramp);
        assertThat(offsets).isSorted();
        assertThat(offsets[0]).isNotNegative();
        assertThat(offsets[offsets.length - 1]).isLessThan(withinNanos);
        // Uniform arrivals: each tenth of the window holds about a tenth of the clients (binomial sd ~ 30).
        int[] perTenth = new int[10];
        for (long offset : offsets) {
            perTenth[(int) (offset * 10 / withinNanos)]++;
        }
        assertThat(IntStream.of(perTenth).boxed()).allSatisfy(count -> assertThat(count).isBetween(850, 1150));
        assertThat(ramp).hasToString("poisson(10000 clients within PT10S, seed 7)");
    }

    @ParameterizedTest(name = "a {0} ramp within 0 s puts all clients at 0")
    @CsvSource({"even", "poisson"})
    void aZeroWindowConnectsEveryoneAtOnce(String shape) {
        ConnectRamp ramp = shape.equals("even")
                ? ConnectRamp.even(100, Duration.ZERO)
                : ConnectRamp.poisson(100, Duration.ZERO, 1);
        assertThat(offsets(ramp)).hasSize(100).containsOnly(0L);
    }

    @Test
    void anEmptyRampHasNoClients() {
        ConnectRamp ramp = ConnectRamp.even(0, Duration.ofSeconds(1));
        assertThat(ramp.clients()).isZero();
        assertThatThrownBy(() -> ramp.offsetNanos(0)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void negativeArgumentsAreRejected() {
        assertThatThrownBy(() -> ConnectRamp.even(-1, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ConnectRamp.poisson(1, Duration.ofSeconds(-1), 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ConnectRamp.even(10, Duration.ofSeconds(1)).offsetNanos(10))
                .isInstanceOf(IndexOutOfBoundsException.class);
    }
}
