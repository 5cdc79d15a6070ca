package dev.herd.engine.threshold;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.util.List;

import static dev.herd.engine.threshold.ThresholdEvaluatorTest.figures;
import static org.assertj.core.api.Assertions.assertThat;

class ThresholdLostForGoodTest {

    private static ThresholdExpression aborting(String text, long delaySeconds) {
        return ThresholdParser.parse(text).withAbortOnFail(true).withDelayAbortEval(Duration.ofSeconds(delaySeconds));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            # sentence                                                              | expression                       | delay s | live  | elapsed s | lost
            a count past a < bound can never come back                               | connections.failed < 10          | 0       | 10    | 1         | true
            a count under a < bound is not lost                                      | connections.failed < 10          | 0       | 9     | 1         | false
            a count at a <= bound is not lost yet                                    | messages.lost <= 10              | 0       | 10    | 1         | false
            a count past a <= bound can never come back                              | messages.lost <= 10              | 0       | 11    | 1         | true
            a count above == 0 can never return to 0                                 | connections.failed == 0          | 0       | 1     | 1         | true
            a count below an == bound may still reach it                             | messages.received == 500         | 0       | 300   | 1         | false
            a count below a > bound may still grow past it                           | messages.received > 1000         | 30      | 10    | 60        | false
            a count below a >= bound may still grow to it                            | connections.established >= 100   | 30      | 10    | 60        | false
            a count equal to a != bound may still grow away from it                  | connections.reconnects != 0      | 0       | 0     | 60        | false
            a latency maximum past its bound can never come back                     | latency.max < 50ms               | 0       | 60    | 1         | true
            a service time maximum past its bound can never come back                | service_time.max <= 20ms         | 0       | 21    | 1         | true
            a connect phase maximum past its bound can never come back               | connect.tcp.max < 5ms            | 0       | 5     | 1         | true
            a count past its bound still waits for the delay                         | connections.failed == 0          | 10      | 1     | 9         | false
            the delay is over at exactly its length                                  | connections.failed == 0          | 10      | 1     | 10        | true
            a failing percentile after the delay aborts                              | latency.p99 < 50ms               | 10      | 80    | 11        | true
            a failing percentile within the delay does not abort                     | latency.p99 < 50ms               | 10      | 80    | 5         | false
            a passing percentile does not abort                                      | latency.p99 < 50ms               | 10      | 20    | 11        | false
            a failing rate after the delay aborts                                    | connections.failed_rate < 0.1%   | 10      | 0.01  | 11        | true
            a failing rate within the delay does not abort                           | connections.failed_rate < 0.1%   | 10      | 0.01  | 3         | false
            a failing rate below a > bound after the delay aborts                    | messages.delivery_rate > 99%     | 0       | 0.5   | 1         | true
            a gauge that can fall aborts only on its failing live value              | connections.open_at_end < 100    | 0       | 120   | 1         | true
            an untrustworthy generator after the delay aborts                        | generator.trustworthy == true    | 0       | 0     | 1         | true
            a figure with no live value yet never aborts                             | latency.max < 50ms               | 0       | NaN   | 100       | false
            """)
    void abortsOnlyWhenTheFigureCannotComeBackOrFailsAfterTheDelay(String sentence, String text, long delaySeconds,
                                                                    double live, long elapsedSeconds, boolean lost) {
        ThresholdExpression t = aborting(text, delaySeconds);

        assertThat(ThresholdEvaluator.lostForGood(t, live, Duration.ofSeconds(elapsedSeconds))).isEqualTo(lost);
    }

    @ParameterizedTest(name = "without abort_on_fail, {0} never aborts")
    @CsvSource(delimiter = '|', textBlock = """
            connections.failed == 0 | 5
            latency.p99 < 50ms      | 999
            """)
    void withoutAbortOnFailNothingAborts(String text, double live) {
        ThresholdExpression t = ThresholdParser.parse(text);

        assertThat(ThresholdEvaluator.lostForGood(t, live, Duration.ofHours(1))).isFalse();
    }

    @Test
    void theFirstLostThresholdIsNamedWithDerivedRatesComputedFromLiveCounts() {
        List<ThresholdExpression> thresholds = List.of(
                ThresholdParser.parse("connections.failed == 0"),
                aborting("latency.max < 50ms", 0),
                aborting("connections.failed_rate < 1%", 5));
        var live = figures("connections.failed=30; connections.attempted=1000; latency.count=0; latency.max=0");

        // The first has no abort_on_fail; the second has no live value (empty histogram); the third is at 3%.
        assertThat(ThresholdEvaluator.firstLostForGood(thresholds, live, Duration.ofSeconds(5)))
                .hasValueSatisfying(t -> assertThat(t.text()).isEqualTo("connections.failed_rate < 1%"));
        assertThat(ThresholdEvaluator.firstLostForGood(thresholds, live, Duration.ofSeconds(4))).isEmpty();
    }
}
