package dev.herd.report.html;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herd.report.html.chart.PercentileCurve;
import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.Histogram;

/**
 * A metric's percentile curve: from the run's total histogram (intervals.hlog summed) when there is one,
 * otherwise coarsely from the percentiles summary.json keeps for it ({@code min}, {@code p50} … {@code max}).
 */
public final class Distributions {

    private static final String[] KEYS = {"min", "p50", "p90", "p95", "p99", "p999"};
    private static final double[] PERCENTILES = {0, 50, 90, 95, 99, 99.9};

    private Distributions() {
    }

    /** The curve of the metric at a summary path ({@code latency}, {@code connect.tcp}); empty when unknown. */
    public static PercentileCurve curve(RunFiles run, String path) {
        Histogram total = run.totals().get(path);
        if (total != null && total.getTotalCount() > 0) {
            return PercentileCurve.ofMicros(total);
        }
        return fromSummary(Json.at(run.summary(), path));
    }

    /** True when the curve comes from the full histogram, not from summary figures. */
    public static boolean exact(RunFiles run, String path) {
        Histogram total = run.totals().get(path);
        return total != null && total.getTotalCount() > 0;
    }

    static PercentileCurve fromSummary(JsonNode h) {
        double count = Json.number(h, "count");
        if (!h.isObject() || !(count > 0)) {
            return PercentileCurve.ofFigures(List.of(), Double.NaN, 0);
        }
        List<double[]> pairs = new ArrayList<>();
        for (int i = 0; i < KEYS.length; i++) {
            double v = Json.number(h, KEYS[i]);
            if (!Double.isNaN(v)) {
                pairs.add(new double[] {PERCENTILES[i], v});
            }
        }
        return PercentileCurve.ofFigures(pairs, Json.number(h, "max"), (long) count);
    }
}
