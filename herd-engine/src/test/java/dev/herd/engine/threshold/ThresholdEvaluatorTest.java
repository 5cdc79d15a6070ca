package dev.herd.engine.threshold;

import dev.herd.engine.result.ThresholdResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

class ThresholdEvaluatorTest {

    /** A run's figures written as {@code path=value;path=value}, the way a caller flattens summary.json. */
    static Function<String, OptionalDouble> figures(String written) {
        Map<String, Double> values = new HashMap<>();
        if (written != null) {
            for (String pair : written.split(";")) {
                String[] kv = pair.split("=");
                values.put(kv[0].strip(), Double.valueOf(kv[1].strip()));
            }
        }
        return path -> values.containsKey(path) ? OptionalDouble.of(values.get(path)) : OptionalDouble.empty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            # sentence                                                     | expression                             | figures                                                        | actual  | passed
            a p99 under its bound passes                                    | latency.p99 < 50ms                     | latency.count=100; latency.p99=12.3                            | 12.3    | true
            a p99 over its bound fails                                      | latency.p99 < 50ms                     | latency.count=100; latency.p99=62.5                            | 62.5    | false
            a bound in seconds is compared in milliseconds                  | latency.max < 2s                       | latency.count=5; latency.max=1500                              | 1500    | true
            a bound in microseconds is compared in milliseconds             | connect.tcp.p95 < 500us                | connect.tcp.count=9; connect.tcp.p95=0.6                       | 0.6     | false
            a bound at the value passes with <=                             | service_time.p50 <= 2ms                | service_time.count=1; service_time.p50=2                       | 2       | true
            a bound at the value fails with <                               | service_time.p50 < 2ms                 | service_time.count=1; service_time.p50=2                       | 2       | false
            a failed rate is failures over attempts                         | connections.failed_rate < 0.1%         | connections.failed=1; connections.attempted=10000              | 0.0001  | true
            a failed rate above its percentage fails                        | connections.failed_rate < 0.1%         | connections.failed=20; connections.attempted=10000             | 0.002   | false
            a failed rate with no attempts is zero                          | connections.failed_rate < 0.1%         | connections.failed=0; connections.attempted=0                  | 0       | true
            a lost rate with nothing expected is zero                       | messages.lost_rate <= 0                | messages.lost=0; messages.expected=0                           | 0       | true
            a lost rate is lost over expected                               | messages.lost_rate <= 1%               | messages.lost=3; messages.expected=200                         | 0.015   | false
            a duplicated rate is duplicated over expected                   | messages.duplicated_rate == 0          | messages.duplicated=0; messages.expected=50                    | 0       | true
            a delivery rate is received over expected                       | messages.delivery_rate >= 99%          | messages.received=995; messages.expected=1000                  | 0.995   | true
            a delivery rate with nothing expected is zero and fails >=      | messages.delivery_rate >= 99%          | messages.received=0; messages.expected=0                       | 0       | false
            a count of zero failures passes == 0                            | connections.failed == 0                | connections.failed=0                                           | 0       | true
            one failure fails == 0                                          | connections.failed == 0                | connections.failed=1                                           | 1       | false
            a trustworthy generator passes == true                          | generator.trustworthy == true          | generator.trustworthy=1                                        | 1       | true
            an untrustworthy generator fails == true                        | generator.trustworthy == true          | generator.trustworthy=0                                        | 0       | false
            an untrustworthy generator passes != true                       | generator.trustworthy != true          | generator.trustworthy=0                                        | 0       | true
            a scenario time is compared in milliseconds                     | reconnect_storm.recovered_100_ms < 10s | reconnect_storm.recovered_100_ms=8200                          | 8200    | true
            a plain number is compared as it is                             | fanout.p99_growth < 3                  | fanout.p99_growth=3.5                                          | 3.5     | false
            the count of an empty histogram is a real zero                  | latency.count == 0                     | latency.count=0; latency.p99=0                                 | 0       | true
            a TLS phase on a ws run is missing and fails                    | connect.tls.p99 < 5ms                  | connect.tcp.count=10; connect.tcp.p99=1                        | NaN     | false
            a percentile of an empty histogram is missing and fails         | latency.p99 < 50ms                     | latency.count=0; latency.p99=0                                 | NaN     | false
            a missing figure fails even a != threshold                      | fanout.p99_growth != 0                 | latency.count=1                                                | NaN     | false
            a rate missing its denominator is missing and fails             | messages.lost_rate <= 1%               | messages.lost=0                                                | NaN     | false
            a figure given as NaN counts as missing                         | generator.cpu_percent < 80             | generator.cpu_percent=NaN                                      | NaN     | false
            """)
    void evaluatesAgainstTheRunsFigures(String sentence, String text, String written, double actual, boolean passed) {
        ThresholdOutcome outcome = ThresholdEvaluator.evaluate(ThresholdParser.parse(text), figures(written));

        // Boxed, so NaN (a missing figure) equals NaN.
        assertThat(Double.valueOf(outcome.actual())).isEqualTo(Double.valueOf(actual));
        assertThat(outcome.passed()).isEqualTo(passed);
        assertThat(outcome.missing()).isEqualTo(Double.isNaN(actual));
        assertThat(outcome.note().isEmpty()).isEqualTo(passed);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            # sentence                                            | expression                      | figures                                            | note
            a failed time says its value in milliseconds           | latency.p99 < 50ms              | latency.count=100; latency.p99=62.5                | latency.p99 was 62.5 ms
            a failed rate says its percentage and its counts       | connections.failed_rate < 0.1%  | connections.failed=25; connections.attempted=10000 | connections.failed_rate was 0.25% (25 of 10000)
            a failed count says its count                          | connections.failed == 0         | connections.failed=3                               | connections.failed was 3
            a failed boolean says false                            | generator.trustworthy == true   | generator.trustworthy=0                            | generator.trustworthy was false
            a long fraction is shown to six digits                 | fanout.p99_growth < 3           | fanout.p99_growth=3.14159265                       | fanout.p99_growth was 3.14159
            a missing key says the run does not have it            | connect.tls.p99 < 5ms           | connect.tcp.count=1                                | missing: this run has no connect.tls.p99
            an empty histogram says it has no samples              | latency.p99 < 50ms              | latency.count=0; latency.p99=0                     | missing: latency has no samples in this run
            a rate missing a part names the part                   | messages.lost_rate <= 1%        | messages.lost=0                                    | missing: messages.lost_rate needs messages.lost and messages.expected, and this run has no messages.expected
            a NaN figure says so                                   | generator.cpu_percent < 80      | generator.cpu_percent=NaN                          | missing: generator.cpu_percent is NaN
            a threshold that held needs no note                    | latency.p99 < 50ms              | latency.count=1; latency.p99=1                     | ""
            """)
    void explainsAFailureInItsNote(String sentence, String text, String written, String note) {
        ThresholdOutcome outcome = ThresholdEvaluator.evaluate(ThresholdParser.parse(text), figures(written));

        assertThat(outcome.note()).isEqualTo(note);
    }

    @Test
    void everyThresholdHeldMeansPass() {
        ThresholdVerdict verdict = ThresholdEvaluator.evaluate(
                List.of(ThresholdParser.parse("latency.p99 < 50ms"), ThresholdParser.parse("connections.failed == 0")),
                figures("latency.count=10; latency.p99=12.3; connections.failed=0"));

        assertThat(verdict.passed()).isTrue();
        assertThat(verdict.verdict()).isEqualTo("pass");
        assertThat(verdict.failures()).isEmpty();
        assertThat(verdict.results()).containsExactly(
                new ThresholdResult("latency.p99 < 50ms", 12.3, true),
                new ThresholdResult("connections.failed == 0", 0, true));
    }

    @Test
    void oneFailedThresholdMeansFailAndKeepsTheOrder() {
        ThresholdVerdict verdict = ThresholdEvaluator.evaluate(
                List.of(ThresholdParser.parse("connect.tls.p99 < 5ms"), ThresholdParser.parse("latency.p99 < 50ms")),
                figures("latency.count=10; latency.p99=12.3"));

        assertThat(verdict.passed()).isFalse();
        assertThat(verdict.verdict()).isEqualTo("fail");
        assertThat(verdict.results()).containsExactly(
                new ThresholdResult("connect.tls.p99 < 5ms", Double.NaN, false),
                new ThresholdResult("latency.p99 < 50ms", 12.3, true));
        assertThat(verdict.failures()).extracting(o -> o.expression().text()).containsExactly("connect.tls.p99 < 5ms");
    }

    @Test
    void noThresholdsMeansPass() {
        ThresholdVerdict verdict = ThresholdEvaluator.evaluate(List.of(), figures(null));

        assertThat(verdict.verdict()).isEqualTo("pass");
        assertThat(verdict.results()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            # sentence                                          | figure                   | figures                                                 | value
            a summary key is read as it is                       | connections.failed       | connections.failed=4                                    | 4
            a derived rate is computed from its counts           | messages.lost_rate       | messages.lost=5; messages.expected=1000                 | 0.005
            a statistic of a histogram with samples is read      | latency.max              | latency.count=2; latency.max=7.5                        | 7.5
            a statistic of an empty histogram has no value       | latency.max              | latency.count=0; latency.max=0                          | NaN
            a key the run does not have has no value             | connect.tls.max          | latency.count=2                                         | NaN
            """)
    void readsALiveValueTheWayTheEvaluationDoes(String sentence, String path, String written, double value) {
        Figure figure = FigureCatalogue.standard().find(path).orElseThrow();

        assertThat(Double.valueOf(ThresholdEvaluator.valueOf(figure, figures(written)).orElse(Double.NaN)))
                .isEqualTo(Double.valueOf(value));
    }
}
