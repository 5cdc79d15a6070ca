package dev.herd.report.html.chart;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Several {@link PercentileCurve}s on one percentile plot: the x values of all curves merged (a curve has no
 * value where another has a point of its own, such as its end at "1 in n"), y in milliseconds.
 *
 * <pre>{@code
 * ChartSpec chart = new PercentileChart("latency-distribution", "Latency by percentile")
 *         .curve("latency", PercentileCurve.ofMicros(latency))
 *         .curve("service time", PercentileCurve.ofMicros(serviceTime))
 *         .build();
 * }</pre>
 */
public final class PercentileChart {

    private final String id;
    private final String title;
    private final Map<String, PercentileCurve> curves = new LinkedHashMap<>();
    private final Map<String, List<Integer>> dashes = new LinkedHashMap<>();
    private final Map<String, Integer> colors = new LinkedHashMap<>();
    private boolean logY;
    private String description;
    private int colorOffset;

    public PercentileChart(String id, String title) {
        this.id = id;
        this.title = title;
    }

    public PercentileChart curve(String label, PercentileCurve curve) {
        return curve(label, curve, null);
    }

    public PercentileChart curve(String label, PercentileCurve curve, List<Integer> dash) {
        return curve(label, curve, dash, -1);
    }

    /** A curve with a palette colour of its own (two runs of one metric: one colour, base dashed). */
    public PercentileChart curve(String label, PercentileCurve curve, List<Integer> dash, int paletteIndex) {
        if (!curve.isEmpty()) {
            curves.put(label, curve);
            dashes.put(label, dash);
            if (paletteIndex >= 0) {
                colors.put(label, paletteIndex);
            }
        }
        return this;
    }

    /** A log-scaled y axis, for curves that span orders of magnitude (connect phases). */
    public PercentileChart logY() {
        this.logY = true;
        return this;
    }

    public PercentileChart description(String text) {
        this.description = text;
        return this;
    }

    /** Start the colours further along the palette (to match another chart's). */
    public PercentileChart colorOffset(int offset) {
        this.colorOffset = offset;
        return this;
    }

    public ChartSpec build() {
        TreeMap<Double, Integer> xIndex = new TreeMap<>();
        curves.values().forEach(c -> c.points().forEach(p -> xIndex.put(p.x(), 0)));
        List<Double> xs = new ArrayList<>(xIndex.keySet());
        for (int i = 0; i < xs.size(); i++) {
            xIndex.put(xs.get(i), i);
        }
        ChartSpec chart = ChartSpec.of(id, ChartSpec.Kind.PERCENTILE, title, "percentile (\"1 in N\", log scale)")
                .x(xs).xLog(true).description(description)
                .scale(new ChartSpec.Scale("ms", "milliseconds" + (logY ? " (log scale)" : ""), logY, "left", !logY));
        int i = colorOffset;
        for (Map.Entry<String, PercentileCurve> e : curves.entrySet()) {
            List<Double> data = new ArrayList<>(xs.size());
            for (int k = 0; k < xs.size(); k++) {
                data.add(null);
            }
            for (PercentileCurve.Point p : e.getValue().points()) {
                // A log axis cannot place 0: the smallest positive value a microsecond histogram knows instead.
                double y = logY ? Math.max(p.valueMs(), 0.001) : p.valueMs();
                data.set(xIndex.get(p.x()), y);
            }
            int color = colors.getOrDefault(e.getKey(), i);
            i++;
            chart.series(new ChartSpec.Series(e.getKey(), "ms", Palette.color(color), dashes.get(e.getKey()), "line", data));
        }
        return chart;
    }
}
