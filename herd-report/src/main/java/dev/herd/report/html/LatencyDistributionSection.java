package dev.herd.report.html;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herd.report.html.chart.PercentileChart;
import java.util.ArrayList;
import java.util.List;

/**
 * The latency distribution over the whole run as HdrHistogram's percentile plot: latency and service time
 * (and the stalled subscribers' latency in a slow-subscriber run) by percentile, x as "1 in N" on a log
 * scale, from the run's total histograms; then the percentiles as a table.
 */
public final class LatencyDistributionSection implements ReportSection {

    private static final String[][] METRICS = {
        {"latency", "latency"},
        {"service_time", "service time"},
        {"slow_subscribers.latency", "stalled subscribers: latency"},
        {"slow_subscribers.service_time", "stalled subscribers: service time"},
    };

    @Override
    public String id() {
        return "latency-distribution";
    }

    @Override
    public String title() {
        return "Latency distribution";
    }

    @Override
    public boolean appliesTo(RunFiles run) {
        for (String[] m : METRICS) {
            if (!Distributions.curve(run, m[0]).isEmpty()) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void render(RunFiles run, Html html, Charts charts) {
        html.element("p", "Read it from left to right: the x axis says how rare a value is, \"1 in N\" messages, "
                + "on a log scale, labelled with the percentile (50% = 1 in 2, 99% = 1 in 100, 99.9% = 1 in 1,000). "
                + "The y axis is the latency that 1 in N messages reached or exceeded. A flat line is a "
                + "consistent system; a line that climbs at the right is a tail. Each line ends at its maximum, "
                + "at \"1 in count\": a run of n messages says nothing rarer than 1 in n.", "class", "explain");
        PercentileChart chart = new PercentileChart("latency-distribution", "Latency by percentile")
                .description("Percentile plot of latency and service time in milliseconds against percentile, "
                        + "on a log scale of 1 in N.");
        List<String> names = new ArrayList<>();
        List<JsonNode> histograms = new ArrayList<>();
        List<String> coarse = new ArrayList<>();
        for (int i = 0; i < METRICS.length; i++) {
            String[] m = METRICS[i];
            chart.curve(m[1], Distributions.curve(run, m[0]), i % 2 == 1 ? List.of(8, 4) : null);
            JsonNode h = Json.at(run.summary(), m[0]);
            if (h.isObject()) {
                names.add(m[1]);
                histograms.add(h);
            }
            if (!Distributions.curve(run, m[0]).isEmpty() && !Distributions.exact(run, m[0])) {
                coarse.add(m[1]);
            }
        }
        charts.place(html, chart.build());
        if (!coarse.isEmpty()) {
            html.element("p", String.join(", ", coarse) + ": drawn from summary.json's percentiles (no histogram in "
                    + "intervals.hlog), a coarse curve.", "class", "muted");
        }
        MatrixTable table = HistogramTable.of("Percentiles over the whole run", "metric", names, histograms);
        if (!table.isEmpty()) {
            table.render(html);
        }
    }
}
