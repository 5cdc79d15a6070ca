package dev.herd.report.html;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herd.report.html.chart.ChartSpec;
import dev.herd.report.html.chart.ChartSpec.Scale;
import dev.herd.report.html.chart.PercentileChart;
import dev.herd.report.html.chart.TimeSeriesChart;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Connect phases side by side: each phase's percentiles (dns, tcp, tls, upgrade, first message, total,
 * reconnect) as a table and as percentile plots on one log-scaled chart, and the connect time per second.
 */
public final class ConnectPhasesSection implements ReportSection {

    /** The timeseries.json keys this section draws. */
    public static final java.util.Set<String> TIME_SERIES_KEYS = java.util.Set.of("connect_total_p99_ms");

    private static final Map<String, String> MEANING = new LinkedHashMap<>();

    static {
        MEANING.put("dns", "start of the attempt → address resolved");
        MEANING.put("tcp", "connect call → TCP established");
        MEANING.put("tls", "TLS handshake");
        MEANING.put("upgrade", "request sent → 101 (WebSocket) or response headers (SSE)");
        MEANING.put("subscribe", "upgrade done → the protocol's subscription acknowledged (the connection is open)");
        MEANING.put("first_message", "open → first message received");
        MEANING.put("total", "start of the attempt → open");
        MEANING.put("reconnect", "connection lost → open again");
    }

    @Override
    public String id() {
        return "connect-phases";
    }

    @Override
    public String title() {
        return "Connect phases";
    }

    @Override
    public boolean appliesTo(RunFiles run) {
        return !phases(run).isEmpty();
    }

    /** Phase name → histogram node, for the phases with a count above 0, in summary.json's order. */
    private static Map<String, JsonNode> phases(RunFiles run) {
        Map<String, JsonNode> phases = new LinkedHashMap<>();
        JsonNode connect = run.summary().path("connect");
        if (connect.isObject()) {
            connect.properties().forEach(e -> {
                if (e.getValue().isObject() && Json.number(e.getValue(), "count") > 0) {
                    phases.put(e.getKey(), e.getValue());
                }
            });
        }
        return phases;
    }

    @Override
    public void render(RunFiles run, Html html, Charts charts) {
        Map<String, JsonNode> phases = phases(run);
        List<String> names = new ArrayList<>(phases.keySet().stream().map(Figures::label).toList());
        HistogramTable.of("Each connect phase's percentiles", "phase", names, new ArrayList<>(phases.values()))
                .render(html);
        PercentileChart chart = new PercentileChart("connect-phases", "Connect phases by percentile").logY()
                .description("Percentile plot of each connect phase in milliseconds (log scale) against percentile.");
        for (String phase : phases.keySet()) {
            chart.curve(Figures.label(phase), Distributions.curve(run, "connect." + phase));
        }
        charts.place(html, chart.build());
        html.open("dl", "class", "phases");
        for (String phase : phases.keySet()) {
            String meaning = MEANING.get(phase);
            if (meaning != null) {
                html.element("dt", Figures.label(phase)).element("dd", meaning);
            }
        }
        html.close("dl");
        ChartSpec perSecond = new TimeSeriesChart("connect-time", "Connect time p99 per second")
                    .description("The p99 of start-to-open connect time among the connections opened in each second.")
                    .scale(new Scale("ms", "milliseconds", false, "left", true))
                    .line(new TimeSeriesChart.Line("connect_total_p99_ms", "connect total p99", "ms", 1,
                            "connects_per_second", null))
                    .build(run.points());
        if (perSecond.getSeries().stream().anyMatch(s -> s.data().stream().filter(v -> v != null).count() >= 2)) {
            charts.place(html, perSecond);
        }
    }
}
