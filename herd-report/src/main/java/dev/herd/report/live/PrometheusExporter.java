package dev.herd.report.live;

import com.sun.net.httpserver.HttpServer;
import dev.herd.engine.metrics.CounterId;
import dev.herd.engine.metrics.HistogramId;
import dev.herd.engine.metrics.IntervalListener;
import dev.herd.engine.metrics.IntervalSnapshot;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import org.HdrHistogram.Histogram;

/**
 * Serves the running figures in the Prometheus text exposition format ({@code GET /metrics}) while a run goes
 * on: open connections, counters, latency quantiles (over the run and over the last second), generator health.
 * The reporter thread renders the page once a second; scrapes read the last rendering, so a scrape never
 * touches the event loops. Metric names are in docs/report.md.
 *
 * <pre>{@code
 * try (PrometheusExporter exporter = PrometheusExporter.start(new InetSocketAddress("127.0.0.1", 9464), "broadcast")) {
 *     listeners.add(exporter);
 *     ...
 * }
 * }</pre>
 */
public final class PrometheusExporter implements IntervalListener, AutoCloseable {

    private static final double[] QUANTILES = {0.5, 0.9, 0.95, 0.99, 0.999};

    private final HttpServer server;
    /** The labels of every series: the scenario, the run id and, for a slice of a split run, the slice. */
    private final String labels;
    /** Bucket bounds in seconds: 100 us to 60 s, about three a decade. */
    private static final double[] BUCKETS_SECONDS = {0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05,
        0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60};
    private final Map<HistogramId, Histogram> totals = new EnumMap<>(HistogramId.class);
    private volatile byte[] page = "# no interval sampled yet\n".getBytes(StandardCharsets.UTF_8);

    private PrometheusExporter(HttpServer server, String labels) {
        this.server = server;
        this.labels = labels;
    }

    /** Starts serving on {@code address} (port 0 picks a free one). */
    public static PrometheusExporter start(InetSocketAddress address, String scenario) throws IOException {
        return start(address, scenario, null, null);
    }

    /**
     * Starts serving on {@code address}, every series labelled with the scenario, {@code runId} and {@code slice}
     * ({@code "2/8"}; null for a whole run), so that the slices of one run can be added up in PromQL.
     */
    public static PrometheusExporter start(InetSocketAddress address, String scenario, String runId, String slice)
            throws IOException {
        HttpServer server = HttpServer.create(address, 16);
        StringBuilder labels = new StringBuilder("{scenario=\"").append(scenario).append('"');
        if (runId != null) {
            labels.append(",run_id=\"").append(runId).append('"');
        }
        if (slice != null) {
            labels.append(",slice=\"").append(slice).append('"');
        }
        PrometheusExporter exporter = new PrometheusExporter(server, labels.append('}').toString());
        server.createContext("/metrics", exchange -> {
            byte[] body = exporter.page;
            exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.setExecutor(Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "herd-prometheus");
            t.setDaemon(true);
            return t;
        }));
        server.start();
        return exporter;
    }

    public InetSocketAddress address() {
        return server.getAddress();
    }

    @Override
    public void onInterval(IntervalSnapshot s) {
        StringBuilder out = new StringBuilder(4096);
        gauge(out, "herd_open_connections", "Client connections open now.", labels, s.total(CounterId.OPEN));
        gauge(out, "herd_target_connections", "Connections the scenario wants open now.", labels,
                s.targetConnections());
        gauge(out, "herd_elapsed_seconds", "Seconds since the run started.", labels, s.elapsedSeconds());
        counter(out, "herd_connect_attempts_total", "Connection attempts.", labels, s.total(CounterId.CONNECT_ATTEMPTS));
        counter(out, "herd_connects_total", "Attempts that reached open.", labels, s.total(CounterId.CONNECTS));
        counter(out, "herd_connect_failures_total", "Attempts that failed.", labels, s.total(CounterId.CONNECT_FAILURES));
        counter(out, "herd_reconnect_attempts_total", "Reconnect attempts.", labels,
                s.total(CounterId.RECONNECT_ATTEMPTS));
        counter(out, "herd_closed_by_server_total", "Open connections the target closed.", labels,
                s.total(CounterId.CLOSED_BY_SERVER));
        counter(out, "herd_closed_by_error_total", "Open connections that broke.", labels,
                s.total(CounterId.CLOSED_BY_ERROR));
        counter(out, "herd_messages_published_total", "Messages the target accepted.", labels,
                s.total(CounterId.PUBLISHED));
        counter(out, "herd_messages_received_total", "Distinct deliveries received.", labels,
                s.total(CounterId.RECEIVED_STAMPS));
        counter(out, "herd_messages_duplicated_total", "Deliveries received more than once.", labels,
                s.total(CounterId.DUPLICATED));
        counter(out, "herd_messages_reordered_total", "Deliveries that arrived after a later one.", labels,
                s.total(CounterId.REORDERED));
        counter(out, "herd_publish_failed_total", "Messages the target did not accept.", labels,
                s.total(CounterId.PUBLISH_FAILED));
        summary(out, "herd_latency_seconds", "Latency from the intended send time, over the run.", labels,
                HistogramId.LATENCY, s);
        summary(out, "herd_service_time_seconds", "Latency from the actual send time, over the run.", labels,
                HistogramId.SERVICE_TIME, s);
        summary(out, "herd_connect_seconds", "Connection attempt start to open, over the run.", labels,
                HistogramId.CONNECT_TOTAL, s);
        histogram(out, "herd_latency_histogram_seconds", "Latency from the intended send time, over the run, as "
                + "cumulative buckets: add them over slices and take histogram_quantile.", labels, HistogramId.LATENCY);
        histogram(out, "herd_connect_histogram_seconds", "Connection attempt start to open, over the run, as "
                + "cumulative buckets.", labels, HistogramId.CONNECT_TOTAL);
        lastSecond(out, s.histogram(HistogramId.LATENCY), labels);
        gauge(out, "herd_event_loop_lag_seconds", "Worst lateness of a periodic task on herd's event loops in the "
                + "last second.", labels, s.health().maxEventLoopLagMicros() / 1e6);
        gauge(out, "herd_cpu_ratio", "herd's CPU use in the last second, share of all cores.", labels,
                s.health().cpuPercent() / 100.0);
        gauge(out, "herd_gc_pause_seconds", "Time in garbage collection in the last second.", labels,
                s.health().gcPauseMillis() / 1000.0);
        gauge(out, "herd_heap_used_bytes", "Heap in use.", labels, s.health().heapUsedBytes());
        gauge(out, "herd_open_file_descriptors", "File descriptors open.", labels, s.health().openFileDescriptors());
        gauge(out, "herd_max_file_descriptors", "The process's file-descriptor limit.", labels,
                s.health().maxFileDescriptors());
        page = out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private void summary(StringBuilder out, String name, String help, String labels, HistogramId id,
                         IntervalSnapshot s) {
        Histogram total = totals.computeIfAbsent(id, k -> new Histogram(s.histogram(k).getHighestTrackableValue(),
                s.histogram(k).getNumberOfSignificantValueDigits()));
        total.add(s.histogram(id));
        out.append("# HELP ").append(name).append(' ').append(help).append('\n');
        out.append("# TYPE ").append(name).append(" summary\n");
        String inner = labels.substring(1, labels.length() - 1);
        for (double q : QUANTILES) {
            double value = total.getTotalCount() == 0 ? Double.NaN : total.getValueAtPercentile(q * 100) / 1e6;
            out.append(name).append("{").append(inner).append(",quantile=\"").append(q).append("\"} ")
                    .append(number(value)).append('\n');
        }
        out.append(name).append("_sum").append(labels).append(' ')
                .append(number(total.getMean() * total.getTotalCount() / 1e6)).append('\n');
        out.append(name).append("_count").append(labels).append(' ').append(total.getTotalCount()).append('\n');
    }

    /**
     * A run-long histogram as Prometheus buckets (upper bounds in seconds, counts cumulative): unlike a summary's
     * quantiles, buckets of several processes add up, so a quantile over every slice of a run can be computed.
     */
    private void histogram(StringBuilder out, String name, String help, String labels, HistogramId id) {
        Histogram total = totals.get(id);
        out.append("# HELP ").append(name).append(' ').append(help).append('\n');
        out.append("# TYPE ").append(name).append(" histogram\n");
        String inner = labels.substring(1, labels.length() - 1);
        long count = total == null ? 0 : total.getTotalCount();
        for (double le : BUCKETS_SECONDS) {
            long upToMicros = (long) (le * 1e6);
            long n = total == null || count == 0 ? 0 : total.getCountBetweenValues(0, upToMicros);
            out.append(name).append("_bucket{").append(inner).append(",le=\"")
                    .append(java.math.BigDecimal.valueOf(le).stripTrailingZeros().toPlainString()).append("\"} ")
                    .append(n).append('\n');
        }
        out.append(name).append("_bucket{").append(inner).append(",le=\"+Inf\"} ").append(count).append('\n');
        out.append(name).append("_sum").append(labels).append(' ')
                .append(number(count == 0 ? 0 : total.getMean() * count / 1e6)).append('\n');
        out.append(name).append("_count").append(labels).append(' ').append(count).append('\n');
    }

    private static void lastSecond(StringBuilder out, Histogram h, String labels) {
        String name = "herd_latency_last_interval_seconds";
        out.append("# HELP ").append(name).append(" Latency quantiles of the last one-second interval.\n");
        out.append("# TYPE ").append(name).append(" gauge\n");
        String inner = labels.substring(1, labels.length() - 1);
        for (double q : QUANTILES) {
            double value = h.getTotalCount() == 0 ? Double.NaN : h.getValueAtPercentile(q * 100) / 1e6;
            out.append(name).append("{").append(inner).append(",quantile=\"").append(q).append("\"} ")
                    .append(number(value)).append('\n');
        }
    }

    private static void gauge(StringBuilder out, String name, String help, String labels, double value) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n');
        out.append("# TYPE ").append(name).append(" gauge\n");
        out.append(name).append(labels).append(' ').append(number(value)).append('\n');
    }

    private static void counter(StringBuilder out, String name, String help, String labels, long value) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n');
        out.append("# TYPE ").append(name).append(" counter\n");
        out.append(name).append(labels).append(' ').append(value).append('\n');
    }

    private static String number(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return String.format(Locale.ROOT, "%.9g", v);
    }

    @Override
    public void close() {
        server.stop(0);
        if (server.getExecutor() instanceof java.util.concurrent.ExecutorService executor) {
            executor.shutdownNow();
        }
    }
}
