package dev.herd.report.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herd.engine.clock.RunClock;
import dev.herd.engine.metrics.CounterId;
import dev.herd.engine.metrics.GeneratorHealthSample;
import dev.herd.engine.metrics.HistogramId;
import dev.herd.engine.metrics.IntervalSampler;
import dev.herd.engine.metrics.IntervalSnapshot;
import dev.herd.engine.metrics.LoopMetrics;
import dev.herd.engine.metrics.RunMetrics;
import dev.herd.engine.transport.Transport;
import io.netty.channel.EventLoopGroup;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The Prometheus endpoint is scraped and its text parsed: names, types, labels and values. */
class PrometheusExporterTest {

    /** {@code name{labels} value}, the exposition format's sample line. */
    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{[^}]*})? (\\S+)$");

    @Test
    void aScrapeShowsTheRunningFiguresInTheTextFormat() throws Exception {
        EventLoopGroup group = Transport.NIO.newEventLoopGroup(1, "prometheus-test");
        try (PrometheusExporter exporter = PrometheusExporter.start(new InetSocketAddress("127.0.0.1", 0),
                "broadcast")) {
            RunMetrics metrics = new RunMetrics(group);
            IntervalSampler sampler = new IntervalSampler(metrics, RunClock.start());
            LoopMetrics m = metrics.loops().get(0);
            group.submit(() -> {
                for (int i = 1; i <= 1000; i++) {
                    m.recordMicros(HistogramId.LATENCY, i * 10L);
                    m.increment(CounterId.RECEIVED_STAMPS);
                }
                m.add(CounterId.OPEN, 42);
                m.add(CounterId.CONNECT_ATTEMPTS, 50);
            }).get(5, TimeUnit.SECONDS);
            IntervalSnapshot snapshot = sampler.sample("publish", 50, GeneratorHealthSample.EMPTY);
            exporter.onInterval(snapshot);

            HttpResponse<String> response = scrape(exporter);
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                    t -> assertThat(t).startsWith("text/plain; version=0.0.4"));

            Map<String, Double> samples = new HashMap<>();
            Map<String, String> types = new HashMap<>();
            for (String line : response.body().split("\n")) {
                if (line.startsWith("# TYPE ")) {
                    String[] parts = line.split(" ");
                    types.put(parts[2], parts[3]);
                } else if (!line.startsWith("#") && !line.isBlank()) {
                    Matcher sample = SAMPLE.matcher(line);
                    assertThat(sample.matches()).as("sample line: %s", line).isTrue();
                    samples.put(sample.group(1) + (sample.group(2) == null ? "" : sample.group(2)),
                            Double.parseDouble(sample.group(3)));
                }
            }
            assertThat(samples).containsEntry("herd_open_connections{scenario=\"broadcast\"}", 42.0)
                    .containsEntry("herd_target_connections{scenario=\"broadcast\"}", 50.0)
                    .containsEntry("herd_connect_attempts_total{scenario=\"broadcast\"}", 50.0)
                    .containsEntry("herd_messages_received_total{scenario=\"broadcast\"}", 1000.0)
                    .containsEntry("herd_latency_seconds_count{scenario=\"broadcast\"}", 1000.0);
            // 1000 values of 10 µs … 10 ms: the median is about 5 ms.
            assertThat(samples.get("herd_latency_seconds{scenario=\"broadcast\",quantile=\"0.5\"}"))
                    .isBetween(0.0049, 0.0051);
            assertThat(types).containsEntry("herd_latency_seconds", "summary")
                    .containsEntry("herd_messages_received_total", "counter")
                    .containsEntry("herd_open_connections", "gauge");
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
        }
    }

    @Test
    void aSliceLabelsEverySeriesWithItsRunAndSliceAndGivesLatencyAsBucketsThatAddUp() throws Exception {
        EventLoopGroup group = Transport.NIO.newEventLoopGroup(1, "prometheus-test");
        try (PrometheusExporter exporter = PrometheusExporter.start(new InetSocketAddress("127.0.0.1", 0),
                "broadcast", "0c0ffee0", "2/8")) {
            RunMetrics metrics = new RunMetrics(group);
            IntervalSampler sampler = new IntervalSampler(metrics, RunClock.start());
            LoopMetrics m = metrics.loops().get(0);
            group.submit(() -> {
                for (int i = 1; i <= 1000; i++) {
                    m.recordMicros(HistogramId.LATENCY, i * 10L); // 10 us to 10 ms
                }
            }).get(5, TimeUnit.SECONDS);
            exporter.onInterval(sampler.sample("publish", 50, GeneratorHealthSample.EMPTY));

            String body = scrape(exporter).body();
            String labels = "scenario=\"broadcast\",run_id=\"0c0ffee0\",slice=\"2/8\"";
            assertThat(body).contains("herd_open_connections{" + labels + "} ")
                    .contains("# TYPE herd_latency_histogram_seconds histogram")
                    .contains("herd_latency_histogram_seconds_count{" + labels + "} 1000")
                    .contains("herd_latency_histogram_seconds_bucket{" + labels + ",le=\"+Inf\"} 1000");
            // Cumulative: 100 of the 1000 values are at most 1 ms, 500 at most 5 ms.
            assertThat(body).contains("herd_latency_histogram_seconds_bucket{" + labels + ",le=\"0.001\"} 100")
                    .contains("herd_latency_histogram_seconds_bucket{" + labels + ",le=\"0.005\"} 500");
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
        }
    }

    private static HttpResponse<String> scrape(PrometheusExporter exporter) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + exporter.address().getPort()
                + "/metrics")).GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
