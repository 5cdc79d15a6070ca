package dev.herd.report.hlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;
import org.junit.jupiter.api.Test;

/** Reading intervals.hlog back: the intervals of each tag summed equal one histogram fed every value. */
class IntervalLogTotalsTest {

    @Test
    void sumsIntervalsPerTag() throws IOException {
        Histogram expectedLatency = new Histogram(3);
        Histogram expectedTcp = new Histogram(3);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        HistogramLogWriter writer = new HistogramLogWriter(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        writer.outputLogFormatVersion();
        writer.outputLegend();
        for (int second = 0; second < 5; second++) {
            Histogram latency = new Histogram(3600L * 1_000_000, 3);
            Histogram tcp = new Histogram(3600L * 1_000_000, 3);
            for (int i = 1; i <= 100; i++) {
                latency.recordValue(i * 37L + second * 1000L);
                expectedLatency.recordValue(i * 37L + second * 1000L);
            }
            tcp.recordValue(500 + second);
            expectedTcp.recordValue(500 + second);
            latency.setTag("latency");
            tcp.setTag("connect.tcp");
            writer.outputIntervalHistogram(second, second + 1, latency, 1000.0);
            writer.outputIntervalHistogram(second, second + 1, tcp, 1000.0);
        }
        Map<String, Histogram> totals = IntervalLogTotals.read(new ByteArrayInputStream(bytes.toByteArray()));
        assertThat(totals.keySet()).containsExactly("latency", "connect.tcp");
        assertThat(totals.get("latency")).isEqualTo(expectedLatency);
        assertThat(totals.get("connect.tcp")).isEqualTo(expectedTcp);
        assertThat(totals.get("latency").getTag()).isEqualTo("latency");
    }

    @Test
    void goldenRunsTotalsMatchItsSummary() throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        JsonNode summary;
        Map<String, Histogram> totals;
        try (InputStream s = resource("runs/broadcast-ws/summary.json");
             InputStream h = resource("runs/broadcast-ws/intervals.hlog")) {
            summary = mapper.readTree(s);
            totals = IntervalLogTotals.read(h);
        }
        for (String path : new String[] {"latency", "service_time", "connect.total", "connect.tcp"}) {
            JsonNode figures = summary.at("/" + path.replace('.', '/'));
            Histogram total = totals.get(path);
            assertThat(total.getTotalCount()).as(path).isEqualTo(figures.path("count").asLong());
            assertThat(total.getValueAtPercentile(99) / 1000.0).as(path + " p99").isEqualTo(figures.path("p99").asDouble());
            assertThat(total.getMaxValue() / 1000.0).as(path + " max").isEqualTo(figures.path("max").asDouble());
        }
    }

    @Test
    void emptyLogHasNoTotalsAndADamagedOneIsAnIOException() throws IOException {
        assertThat(IntervalLogTotals.read(new ByteArrayInputStream(new byte[0]))).isEmpty();
        byte[] damaged = "Tag=latency,0.000,1.000,1.0,HISTFAAAAnot-base64!!\n".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> IntervalLogTotals.read(new ByteArrayInputStream(damaged)))
                .isInstanceOf(IOException.class).hasMessageContaining("cannot read interval log");
    }

    private static InputStream resource(String name) {
        InputStream in = IntervalLogTotalsTest.class.getClassLoader().getResourceAsStream(name);
        assertThat(in).as(name).isNotNull();
        return in;
    }
}
