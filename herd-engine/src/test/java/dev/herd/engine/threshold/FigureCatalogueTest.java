package dev.herd.engine.threshold;

import dev.herd.engine.metrics.HistogramId;
import dev.herd.engine.result.ConnectionCounts;
import dev.herd.engine.result.GeneratorReport;
import dev.herd.engine.result.HistogramSummary;
import dev.herd.engine.result.MessageCounts;
import dev.herd.engine.result.PublisherCounts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FigureCatalogueTest {

    private final FigureCatalogue standard = FigureCatalogue.standard();

    @ParameterizedTest(name = "{0} is {1}, and grows only: {2}")
    @CsvSource(delimiter = '|', textBlock = """
            duration_ms                              | TIME    | true
            connections.attempted                    | COUNT   | true
            connections.failed                       | COUNT   | true
            connections.peak_open                    | COUNT   | true
            connections.open_at_end                  | COUNT   | false
            connections.failed_rate                  | RATE    | false
            connect.tls.p99                          | TIME    | false
            connect.first_message.max                | TIME    | true
            connect.reconnect.count                  | COUNT   | true
            messages.lost                            | COUNT   | true
            messages.received_bytes                  | COUNT   | true
            messages.lost_rate                       | RATE    | false
            messages.duplicated_rate                 | RATE    | false
            messages.delivery_rate                   | RATE    | false
            latency.p999                             | TIME    | false
            latency.min                              | TIME    | false
            latency.mean                             | TIME    | false
            latency.max                              | TIME    | true
            service_time.max                         | TIME    | true
            generator.max_event_loop_lag_ms          | TIME    | true
            generator.event_loop_lag_p99_ms          | TIME    | false
            generator.cpu_percent                    | NUMBER  | false
            generator.gc_pause_ms                    | TIME    | true
            generator.trustworthy                    | BOOLEAN | false
            connect_storm.achieved_rate              | NUMBER  | false
            connect_storm.last_open_ms               | TIME    | false
            reconnect_storm.recovered_100_ms         | TIME    | false
            reconnect_storm.messages_lost            | COUNT   | true
            fanout.p99_growth                        | NUMBER  | false
            slow_subscribers.healthy_p99_during_ms   | TIME    | false
            slow_subscribers.healthy_lost            | COUNT   | true
            slow_subscribers.slow_disconnected       | COUNT   | true
            slow_subscribers.latency.p99             | TIME    | false
            capacity.max_connections                 | COUNT   | true
            capacity.handshake_p99_ms                | TIME    | false
            """)
    void knowsEachFigureWithItsKindAndGrowth(String path, FigureKind kind, boolean growsOnly) {
        assertThat(standard.find(path)).hasValueSatisfying(f -> {
            assertThat(f.kind()).isEqualTo(kind);
            assertThat(f.growsOnly()).isEqualTo(growsOnly);
        });
    }

    @Test
    void everyHistogramStatisticButTheCountIsATimeAndEveryMsKeyIsATime() {
        for (Figure f : standard.figures()) {
            String key = f.path().substring(f.path().lastIndexOf('.') + 1);
            if (f.source() == Figure.Source.HISTOGRAM_STATISTIC || f.path().endsWith("_ms")) {
                assertThat(f.kind()).as(f.path()).isEqualTo(FigureKind.TIME);
            }
            if (key.equals("count")) {
                assertThat(f.kind()).as(f.path()).isEqualTo(FigureKind.COUNT);
            }
        }
    }

    @Test
    void everyHistogramOfSummaryJsonHasEveryStatistic() {
        List<String> expected = new ArrayList<>();
        for (HistogramId id : HistogramId.values()) {
            if (id.inSummary()) {
                for (RecordComponent c : HistogramSummary.class.getRecordComponents()) {
                    expected.add(id.path() + "." + c.getName());
                }
            }
        }
        assertThat(paths()).containsAll(expected);
    }

    @Test
    void everyScalarOfTheResultRecordsIsAFigure() {
        List<String> expected = new ArrayList<>();
        expected.addAll(scalars("connections", ConnectionCounts.class));
        expected.addAll(scalars("messages", MessageCounts.class));
        expected.addAll(scalars("generator", GeneratorReport.class));
        expected.addAll(scalars("publishers", PublisherCounts.class));
        assertThat(paths()).containsAll(expected);
    }

    @Test
    void everyFigureIsInTheDocs() throws IOException {
        // Surefire runs in the module's directory; the docs are beside it.
        String docs = Files.readString(Path.of("..", "docs", "thresholds.md"));
        for (Figure f : standard.figures()) {
            String named = f.source() == Figure.Source.HISTOGRAM_STATISTIC || f.path().endsWith(".count")
                    && standard.find(f.parent() + ".p99").isPresent() ? f.parent() : f.path();
            assertThat(docs).as("docs/thresholds.md names %s", named).contains("`" + named + "`");
        }
    }

    @ParameterizedTest(name = "{0} suggests {1}")
    @CsvSource(delimiter = '|', textBlock = """
            latncy.p99               | latency.p99
            LATENCY.P99              | latency.p99
            connections.failure_rate | connections.failed_rate
            messages.loss            | messages.lost
            failed_rate              | connections.failed_rate
            p99                      | latency.p99
            service_time             | service_time.p99
            connect.tcp              | connect.tcp.p99
            """)
    void suggestsTheFigureAMisspeltPathMeant(String unknown, String suggestion) {
        assertThat(standard.suggest(unknown)).hasValue(suggestion);
    }

    @ParameterizedTest(name = "{0} suggests nothing")
    @CsvSource({"zzz", "throughput", "x.y.z"})
    void suggestsNothingWhenNothingIsClose(String unknown) {
        assertThat(standard.suggest(unknown)).isEmpty();
    }

    @Test
    void aSectionAddsFiguresToACopy() {
        Map<String, FigureKind> keys = new LinkedHashMap<>();
        keys.put("stall_ms", FigureKind.TIME);
        keys.put("heap_growth", FigureKind.NUMBER);

        FigureCatalogue extended = standard.withSection("soak", keys).withHistogram("soak.publish");

        assertThat(extended.find("soak.stall_ms")).hasValue(Figure.of("soak.stall_ms", FigureKind.TIME));
        assertThat(extended.find("soak.heap_growth")).hasValue(Figure.of("soak.heap_growth", FigureKind.NUMBER));
        assertThat(extended.find("soak.publish.p99")).hasValueSatisfying(
                f -> assertThat(f.source()).isEqualTo(Figure.Source.HISTOGRAM_STATISTIC));
        assertThat(standard.find("soak.stall_ms")).isEmpty();
        assertThat(FigureCatalogue.standard().figures()).hasSameSizeAs(standard.figures());
    }

    @Test
    void addingTheSameFigureAgainChangesNothing() {
        assertThat(standard.withSection("fanout", Map.of("p99_growth", FigureKind.NUMBER))).isSameAs(standard);
    }

    @Test
    void aFigureOfAnotherKindOnAKnownPathIsRefused() {
        assertThatThrownBy(() -> standard.withSection("fanout", Map.of("p99_growth", FigureKind.TIME)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("figure 'fanout.p99_growth' is already in the catalogue as a number");
    }

    @ParameterizedTest(name = "''{0}'' is not a figure path")
    @CsvSource(delimiter = '|', textBlock = """
            .latency
            latency.
            latency..p99
            p(99)
            latency p99
            """)
    void aMalformedPathIsNotAFigure(String path) {
        assertThatThrownBy(() -> Figure.of(path, FigureKind.TIME))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("not a dotted figure path: '" + path + "'");
    }

    private List<String> paths() {
        return standard.figures().stream().map(Figure::path).toList();
    }

    private static List<String> scalars(String section, Class<? extends Record> type) {
        List<String> paths = new ArrayList<>();
        for (RecordComponent c : type.getRecordComponents()) {
            Class<?> t = c.getType();
            if (t == long.class || t == int.class || t == double.class || t == boolean.class) {
                paths.add(section + "." + snakeCase(c.getName()));
            }
        }
        return paths;
    }

    private static String snakeCase(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
    }
}
