package dev.herd.report.compare;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herd.report.compare.FigureDelta.Outcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Direction-aware deltas between two summaries, and the regression rule of {@code --fail-on-regression}. */
class SummaryComparisonTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** A summary with latency, service time and connect total histograms all at {@code ms}, and some counts. */
    static ObjectNode summary(double ms) {
        ObjectNode s = MAPPER.createObjectNode();
        s.put("scenario", "broadcast").put("duration_ms", 10_000).put("verdict", "pass");
        for (String path : new String[] {"latency", "service_time"}) {
            histogram(s.putObject(path), ms);
        }
        histogram(s.putObject("connect").putObject("total"), ms);
        s.putObject("messages").put("published", 1000).put("expected", 100_000).put("received", 100_000).put("lost", 0);
        s.putObject("connections").put("attempted", 100).put("established", 100).put("failed", 0).put("peak_open", 100);
        s.putObject("generator").put("cpu_percent", 20.0).put("trustworthy", true);
        return s;
    }

    static void histogram(ObjectNode h, double ms) {
        h.put("count", 1000).put("min", ms / 10).put("p50", ms).put("p90", ms).put("p95", ms).put("p99", ms)
                .put("p999", ms).put("max", ms).put("mean", ms);
    }

    @ParameterizedTest(name = "{0}: {1} → {2} is {3}")
    @CsvSource({
        "latency.p99,            10,  12,  WORSE",
        "latency.p99,            10,  8,   BETTER",
        "latency.p99,            10,  10.05, SAME",
        "messages.lost,          0,   3,   WORSE",
        "messages.lost,          3,   0,   BETTER",
        "messages.received,      100, 90,  WORSE",
        "messages.received,      90,  100, BETTER",
        "connections.failed,     0,   1,   WORSE",
        "connections.peak_open,  100, 120, BETTER",
        "connections.attempted,  100, 120, CHANGED",
        "generator.cpu_percent,  20,  40,  WORSE",
    })
    void directionAware(String path, double base, double next, Outcome expected) {
        ObjectNode b = summary(10);
        ObjectNode n = summary(10);
        set(b, path, base);
        set(n, path, next);
        assertThat(SummaryComparison.of(b, n).find(path).outcome()).isEqualTo(expected);
    }

    @Test
    void everyKeyFigureIsCompared() {
        SummaryComparison c = SummaryComparison.of(summary(10), summary(10));
        assertThat(c.figures()).extracting(FigureDelta::path).contains("latency.p50", "latency.p999", "latency.max",
                "service_time.p99", "connect.total.p99", "messages.lost", "connections.failed",
                "rate.delivered_per_second", "rate.delivery_percent", "generator.cpu_percent",
                "generator.trustworthy", "duration_ms");
        assertThat(c.find("rate.delivered_per_second").base()).isEqualTo(10_000.0);
        assertThat(c.figures()).extracting(FigureDelta::outcome).containsOnly(Outcome.SAME);
    }

    @Test
    void lostTrustIsWorse() {
        ObjectNode n = summary(10);
        n.withObjectProperty("generator").put("trustworthy", false);
        assertThat(SummaryComparison.of(summary(10), n).find("generator.trustworthy").outcome()).isEqualTo(Outcome.WORSE);
    }

    @ParameterizedTest(name = "{0} from 10 ms to {1} ms with a limit of {2}%: regression {3}")
    @CsvSource({
        "latency.p50,        11.5, 10, true",
        "latency.p95,        11.5, 10, true",
        "latency.p99,        11.5, 10, true",
        "latency.p999,       11.5, 10, true",
        "service_time.p99,   11.5, 10, true",
        "connect.total.p99,  11.5, 10, true",
        "latency.p99,        11.5, 20, false",
        "latency.p99,        11.0, 10, false",
        "latency.p99,        8.0,  0,  false",
        "latency.max,        50,   10, false",
        "service_time.p50,   50,   10, false",
        "connect.total.p50,  50,   10, false",
        "connect.tcp.p99,    50,   10, false",
    })
    void regressionRule(String path, double next, double limitPercent, boolean regression) {
        ObjectNode n = summary(10);
        set(n, path, next);
        assertThat(SummaryComparison.of(summary(10), n).regressions(limitPercent).isEmpty()).isEqualTo(!regression);
    }

    @Test
    void aLatencyOnlyOneRunMeasuredIsNoRegression() {
        ObjectNode b = summary(10);
        ObjectNode n = summary(50);
        b.withObjectProperty("latency").put("count", 0);
        histogram(b.withObjectProperty("service_time"), 0);
        SummaryComparison c = SummaryComparison.of(b, n);
        assertThat(c.regressions(10)).extracting(FigureDelta::path).containsExactly("connect.total.p99");
    }

    @Test
    void scenarioSectionsAreComparedByKeyName() {
        ObjectNode b = summary(10);
        ObjectNode n = summary(10);
        b.putObject("reconnect_storm").put("recovered_95_ms", 1000).put("clients", 500);
        n.putObject("reconnect_storm").put("recovered_95_ms", 1500).put("clients", 500).put("new_key", 1);
        SummaryComparison c = SummaryComparison.of(b, n);
        assertThat(c.find("reconnect_storm.recovered_95_ms").outcome()).isEqualTo(Outcome.WORSE);
        assertThat(c.find("reconnect_storm.clients").outcome()).isEqualTo(Outcome.SAME);
        assertThat(c.find("reconnect_storm.new_key").outcome()).isEqualTo(Outcome.ONLY_NEW);
    }

    @Test
    void percentChangeFromZero() {
        assertThat(new FigureDelta("g", "p", "l", "", 0, 5, Direction.LOWER_IS_BETTER).deltaPercent())
                .isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(new FigureDelta("g", "p", "l", "", 10, 15, Direction.LOWER_IS_BETTER).deltaPercent()).isEqualTo(50.0);
    }

    private static void set(ObjectNode root, String dotted, double value) {
        String[] parts = dotted.split("\\.");
        ObjectNode node = root;
        for (int i = 0; i < parts.length - 1; i++) {
            node = node.withObjectProperty(parts[i]);
        }
        node.put(parts[parts.length - 1], value);
    }
}
