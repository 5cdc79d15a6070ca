package dev.herd.engine.threshold;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ThresholdParserTest {

    @ParameterizedTest(name = "{0}: ''{1}'' is {2} {3} {4}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            # sentence                                          | expression                              | figure                            | operator         | threshold
            a time in milliseconds stays as written              | latency.p99 < 50ms                      | latency.p99                       | LESS             | 50
            a service time percentile takes <=                   | service_time.p50 <= 2ms                 | service_time.p50                  | LESS_OR_EQUAL    | 2
            a connect phase is a histogram too                   | connect.tcp.p95 < 5ms                   | connect.tcp.p95                   | LESS             | 5
            a count compares with a bare number                  | connections.failed == 0                 | connections.failed                | EQUAL            | 0
            a percentage becomes a fraction                      | connections.failed_rate < 0.1%          | connections.failed_rate           | LESS             | 0.001
            a rate without a unit is already a fraction          | messages.lost_rate <= 0                 | messages.lost_rate                | LESS_OR_EQUAL    | 0
            a count of lost messages takes a bound               | messages.lost < 10                      | messages.lost                     | LESS             | 10
            seconds become milliseconds in a scenario section    | reconnect_storm.recovered_100_ms < 10s  | reconnect_storm.recovered_100_ms  | LESS             | 10000
            a plain number stays a number                        | fanout.p99_growth < 3                   | fanout.p99_growth                 | LESS             | 3
            true compares as 1                                   | generator.trustworthy == true           | generator.trustworthy             | EQUAL            | 1
            false compares as 0                                  | generator.trustworthy != false          | generator.trustworthy             | NOT_EQUAL        | 0
            microseconds become thousandths of a millisecond     | latency.p99 < 500us                     | latency.p99                       | LESS             | 0.5
            a fractional second is exact in milliseconds         | latency.max < 1.1s                      | latency.max                       | LESS             | 1100
            minutes become milliseconds                          | duration_ms >= 2m                       | duration_ms                       | GREATER_OR_EQUAL | 120000
            hours become milliseconds                            | duration_ms <= 1h                       | duration_ms                       | LESS_OR_EQUAL    | 3600000
            a time without a unit is in milliseconds             | latency.p99 < 50                        | latency.p99                       | LESS             | 50
            a high delivery rate is a percentage below 100       | messages.delivery_rate >= 99.9%         | messages.delivery_rate            | GREATER_OR_EQUAL | 0.999
            the duplicated rate is derived too                   | messages.duplicated_rate == 0           | messages.duplicated_rate          | EQUAL            | 0
            greater than takes a bound from below                | messages.received > 1000                | messages.received                 | GREATER          | 1000
            a generator percentage is a plain number             | generator.cpu_percent < 80              | generator.cpu_percent             | LESS             | 80
            a number figure may be compared with a negative      | fanout.p99_growth > -1.5                | fanout.p99_growth                 | GREATER          | -1.5
            no whitespace at all is fine                         | latency.p99<50ms                        | latency.p99                       | LESS             | 50
            no whitespace around a two-character operator        | latency.p99<=50ms                       | latency.p99                       | LESS_OR_EQUAL    | 50
            whitespace around and inside is ignored              | "   latency.p99   <   50ms   "          | latency.p99                       | LESS             | 50
            a unit may stand apart from its number               | latency.p99 < 50 ms                     | latency.p99                       | LESS             | 50
            a percent sign may stand apart from its number       | connections.failed_rate < 0.1 %         | connections.failed_rate           | LESS             | 0.001
            """)
    void parsesEveryForm(String sentence, String text, String path, ComparisonOperator operator, double threshold) {
        ThresholdExpression t = ThresholdParser.parse(text);

        assertThat(t.path()).isEqualTo(path);
        assertThat(t.operator()).isEqualTo(operator);
        assertThat(t.threshold()).isEqualTo(threshold);
        assertThat(t.text()).isEqualTo(text.strip());
        assertThat(t.abortOnFail()).isFalse();
        assertThat(t.delayAbortEval()).isZero();
    }

    @Test
    void tabsAndLineBreaksCountAsWhitespace() {
        ThresholdExpression t = ThresholdParser.parse("\tlatency.p99\t<=\n2s\n");

        assertThat(t.text()).isEqualTo("latency.p99\t<=\n2s");
        assertThat(t.threshold()).isEqualTo(2000);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            # sentence                                                | expression                         | message
            an empty expression is rejected                            | ""                                 | threshold '': empty expression; expected <figure> <operator> <value>, e.g. 'latency.p99 < 50ms'
            a blank expression is rejected as empty                    | "   "                              | threshold '': empty expression; expected <figure> <operator> <value>, e.g. 'latency.p99 < 50ms'
            a figure and a value with no operator are rejected         | latency.p99 50ms                   | threshold 'latency.p99 50ms': missing comparison operator; expected one of <, <=, >, >=, ==, != between the figure and the value
            an operator with nothing before it lacks a left side       | < 50ms                             | threshold '< 50ms': left-hand side is empty; expected a figure such as 'latency.p99'
            k6's percentile syntax is not a figure path                | p(99) < 50ms                       | threshold 'p(99) < 50ms': left-hand side 'p(99)' is not a figure path (dotted names such as 'latency.p99')
            a space inside the figure breaks the path                  | latency p99 < 50ms                 | threshold 'latency p99 < 50ms': left-hand side 'latency p99' is not a figure path (dotted names such as 'latency.p99')
            a misspelt figure suggests the nearest one                 | latncy.p99 < 5ms                   | threshold 'latncy.p99 < 5ms': unknown figure 'latncy.p99' (did you mean 'latency.p99'?)
            two swapped letters suggest the figure meant               | lantecy.p99 < 5ms                  | threshold 'lantecy.p99 < 5ms': unknown figure 'lantecy.p99' (did you mean 'latency.p99'?)
            a figure in capitals suggests the lowercase one            | Latency.P99 < 5ms                  | threshold 'Latency.P99 < 5ms': unknown figure 'Latency.P99' (did you mean 'latency.p99'?)
            a whole histogram suggests its p99                         | latency < 50ms                     | threshold 'latency < 50ms': unknown figure 'latency' (did you mean 'latency.p99'?)
            a bare statistic suggests the latency one                  | p99 < 50ms                         | threshold 'p99 < 50ms': unknown figure 'p99' (did you mean 'latency.p99'?)
            a figure like no other points to the docs                  | zzz < 5                            | threshold 'zzz < 5': unknown figure 'zzz' (docs/thresholds.md lists the figures)
            a single equals sign suggests the double one               | connections.failed = 0             | threshold 'connections.failed = 0': unknown operator '='; expected one of <, <=, >, >=, ==, !=; did you mean '=='?
            a reversed less-or-equal suggests the right order          | latency.p99 =< 5ms                 | threshold 'latency.p99 =< 5ms': unknown operator '=<'; expected one of <, <=, >, >=, ==, !=; did you mean '<='?
            a doubled operator is unknown                              | latency.p99 << 5ms                 | threshold 'latency.p99 << 5ms': unknown operator '<<'; expected one of <, <=, >, >=, ==, !=
            an operator with nothing after it lacks a right side       | latency.p99 <                      | threshold 'latency.p99 <': right-hand side is empty; expected a number with an optional unit (ms, s, %, ...)
            a boolean with nothing after it asks for true or false     | generator.trustworthy ==           | threshold 'generator.trustworthy ==': right-hand side is empty; expected true or false
            a word where a number belongs is rejected                  | latency.p99 < fast                 | threshold 'latency.p99 < fast': right-hand side 'fast' is not a number with an optional unit (ms, s, %, ...)
            a number ending in a dot is not a number                   | latency.p99 < 5.ms                 | threshold 'latency.p99 < 5.ms': right-hand side '5.ms' is not a number with an optional unit (ms, s, %, ...)
            a number starting with a dot is not a number               | latency.p99 < .5ms                 | threshold 'latency.p99 < .5ms': right-hand side '.5ms' is not a number with an optional unit (ms, s, %, ...)
            an unknown unit is named                                   | latency.p99 < 5sec                 | threshold 'latency.p99 < 5sec': right-hand side '5sec' has an unknown unit 'sec'; expected us, ms, s, m, h or %
            units are lowercase                                        | latency.p99 < 5MS                  | threshold 'latency.p99 < 5MS': right-hand side '5MS' has an unknown unit 'MS'; expected us, ms, s, m, h or %
            words after the value are trailing garbage                 | latency.p99 < 5ms and more         | threshold 'latency.p99 < 5ms and more': unexpected 'and more' after the right-hand side '5ms'
            a second comparison is trailing garbage                    | latency.p99 < 5ms < 10ms           | threshold 'latency.p99 < 5ms < 10ms': unexpected '< 10ms' after the right-hand side '5ms'
            a unit written twice is trailing garbage                   | latency.p99 < 5 ms ms              | threshold 'latency.p99 < 5 ms ms': unexpected 'ms' after the right-hand side '5 ms'
            a word after a boolean is trailing garbage                 | generator.trustworthy == true yes  | threshold 'generator.trustworthy == true yes': unexpected 'yes' after the right-hand side 'true'
            a boolean with a stray character is not a value            | generator.trustworthy == true!     | threshold 'generator.trustworthy == true!': right-hand side 'true!' is not a number with an optional unit (ms, s, %, ...)
            a percentage on a time is rejected                         | latency.p99 < 5%                   | threshold 'latency.p99 < 5%': '%' applies to rates, and latency.p99 is a time
            a percentage on a count points to its rate                 | messages.lost < 1%                 | threshold 'messages.lost < 1%': '%' applies to rates, and messages.lost is a count (did you mean 'messages.lost_rate'?)
            a percentage on a percent figure says it is in percent     | generator.cpu_percent < 80%        | threshold 'generator.cpu_percent < 80%': '%' applies to rates, and generator.cpu_percent is a number already in percent (write 'generator.cpu_percent < 80')
            a time unit on a count is rejected                         | connections.failed < 5ms           | threshold 'connections.failed < 5ms': 'ms' applies to times, and connections.failed is a count
            a time unit on a rate is rejected                          | connections.failed_rate < 1s       | threshold 'connections.failed_rate < 1s': 's' applies to times, and connections.failed_rate is a rate
            a time unit on a plain number is rejected                  | fanout.p99_growth < 3s             | threshold 'fanout.p99_growth < 3s': 's' applies to times, and fanout.p99_growth is a number
            a boolean literal on a time is rejected                    | latency.p99 < true                 | threshold 'latency.p99 < true': 'true' applies to booleans, and latency.p99 is a time
            a number on a boolean is rejected                          | generator.trustworthy == 1         | threshold 'generator.trustworthy == 1': right-hand side '1' is not true or false, and generator.trustworthy is a boolean
            an ordering operator on a boolean is rejected              | generator.trustworthy < true       | threshold 'generator.trustworthy < true': operator '<' does not compare booleans; generator.trustworthy takes == or !=
            a negative time is rejected                                | latency.p99 < -5ms                 | threshold 'latency.p99 < -5ms': right-hand side '-5ms' is negative, but latency.p99 is a time and never below zero
            a negative count is rejected                               | messages.lost > -1                 | threshold 'messages.lost > -1': right-hand side '-1' is negative, but messages.lost is a count and never below zero
            """)
    void rejectsWithOneLineMessage(String sentence, String text, String message) {
        assertThatThrownBy(() -> ThresholdParser.parse(text))
                .isInstanceOf(ThresholdSyntaxException.class)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
    }

    @Test
    void aValueTooLargeForADoubleIsRejected() {
        String huge = "9".repeat(400);

        assertThatThrownBy(() -> ThresholdParser.parse("latency.p99 < " + huge + "h"))
                .hasMessage("threshold 'latency.p99 < " + huge + "h': right-hand side '" + huge + "h' is too large");
    }

    @Test
    void aLineBreakInABadExpressionIsEscapedSoTheMessageStaysOneLine() {
        assertThatThrownBy(() -> ThresholdParser.parse("latency.p99\n< fast"))
                .hasMessage("threshold 'latency.p99\\n< fast': right-hand side 'fast' is not a number with an optional "
                        + "unit (ms, s, %, ...)")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void theExceptionKeepsTheExpressionAndTheProblemApart() {
        assertThatThrownBy(() -> ThresholdParser.parse(" latency.p99 < 5% "))
                .isInstanceOfSatisfying(ThresholdSyntaxException.class, e -> {
                    assertThat(e.expression()).isEqualTo("latency.p99 < 5%");
                    assertThat(e.problem()).isEqualTo("'%' applies to rates, and latency.p99 is a time");
                });
    }

    @Test
    void aScenarioSectionRegisteredInTheCatalogueCanBeParsed() {
        FigureCatalogue catalogue = FigureCatalogue.standard()
                .withSection("soak", java.util.Map.of("heap_growth", FigureKind.NUMBER, "stall_ms", FigureKind.TIME));

        assertThat(ThresholdParser.parse("soak.stall_ms < 2s", catalogue).threshold()).isEqualTo(2000);
        assertThatThrownBy(() -> ThresholdParser.parse("soak.stall_ms < 2s"))
                .hasMessage("threshold 'soak.stall_ms < 2s': unknown figure 'soak.stall_ms' "
                        + "(docs/thresholds.md lists the figures)");
    }

    @Test
    void optionsAreSetOnTheParsedExpression() {
        ThresholdExpression t = ThresholdParser.parse("connections.failed_rate < 0.1%")
                .withAbortOnFail(true)
                .withDelayAbortEval(java.time.Duration.ofSeconds(10));

        assertThat(t.abortOnFail()).isTrue();
        assertThat(t.delayAbortEval()).hasSeconds(10);
        assertThat(t.text()).isEqualTo("connections.failed_rate < 0.1%");
    }
}
