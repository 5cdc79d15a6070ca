package dev.herd.report.html.chart;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Builds a chart over time from timeseries.json's points: one line per key that some point has, x = the
 * point's {@code t} (seconds since the start), the run's stages as bands. Keys no point has are left out, so
 * the same chart works for older and newer files.
 *
 * <pre>{@code
 * ChartSpec chart = new TimeSeriesChart("connections", "Connections over time")
 *         .scale(new ChartSpec.Scale("n", "open", false, "left", true))
 *         .line("open", "open", "n")
 *         .build(points);
 * }</pre>
 */
public final class TimeSeriesChart {

    /**
     * One line.
     *
     * @param key the point's field
     * @param label legend text
     * @param scale the y scale's id
     * @param factor multiplies each value (bytes → MiB)
     * @param idleKey when this field of a point is 0, the value is "none" (a gap), not 0: a latency of a
     *                second in which nothing was received; null for never
     * @param dash dash pattern, or null
     */
    public record Line(String key, String label, String scale, double factor, String idleKey, List<Integer> dash) {
    }

    private final String id;
    private final String title;
    private final List<ChartSpec.Scale> scales = new ArrayList<>();
    private final List<Line> lines = new ArrayList<>();
    private String description;

    public TimeSeriesChart(String id, String title) {
        this.id = id;
        this.title = title;
    }

    public TimeSeriesChart scale(ChartSpec.Scale scale) {
        scales.add(scale);
        return this;
    }

    public TimeSeriesChart line(String key, String label, String scale) {
        return line(new Line(key, label, scale, 1.0, null, null));
    }

    public TimeSeriesChart line(Line line) {
        lines.add(line);
        return this;
    }

    public TimeSeriesChart description(String text) {
        this.description = text;
        return this;
    }

    /** The keys this chart draws (so that a catch-all chart can take the others). */
    public Set<String> keys() {
        Set<String> keys = new LinkedHashSet<>();
        lines.forEach(l -> keys.add(l.key()));
        return keys;
    }

    public ChartSpec build(List<JsonNode> points) {
        ChartSpec chart = ChartSpec.of(id, ChartSpec.Kind.TIME, title, "time since start (s)")
                .x(times(points)).bands(stages(points)).description(description);
        Set<String> usedScales = new LinkedHashSet<>();
        for (int i = 0; i < lines.size(); i++) {
            Line line = lines.get(i);
            if (points.stream().noneMatch(p -> p.path(line.key()).isNumber())) {
                continue;
            }
            List<Double> data = new ArrayList<>(points.size());
            for (JsonNode p : points) {
                JsonNode v = p.path(line.key());
                boolean idle = line.idleKey() != null && p.path(line.idleKey()).isNumber()
                        && p.path(line.idleKey()).doubleValue() == 0;
                data.add(!v.isNumber() || (idle && v.doubleValue() == 0) ? null : v.doubleValue() * line.factor());
            }
            chart.series(new ChartSpec.Series(line.label(), line.scale(), Palette.color(i), line.dash(), "line", data));
            usedScales.add(line.scale());
        }
        scales.stream().filter(s -> usedScales.contains(s.id())).forEach(chart::scale);
        return chart;
    }

    /** Each point's {@code t}; a point without one is placed one second after the previous. */
    static List<Double> times(List<JsonNode> points) {
        List<Double> xs = new ArrayList<>(points.size());
        double last = 0;
        for (JsonNode p : points) {
            JsonNode t = p.path("t");
            double x = t.isNumber() && t.doubleValue() > last ? t.doubleValue() : last + 1;
            xs.add(x);
            last = x;
        }
        return xs;
    }

    /** Consecutive points of the same stage as one band, from the end of the previous point. */
    static List<ChartSpec.Band> stages(List<JsonNode> points) {
        List<Double> xs = times(points);
        List<ChartSpec.Band> bands = new ArrayList<>();
        String current = null;
        double from = 0;
        for (int i = 0; i < points.size(); i++) {
            String stage = points.get(i).path("stage").isTextual() ? points.get(i).path("stage").asText() : null;
            if (stage == null) {
                continue;
            }
            if (!stage.equals(current)) {
                if (current != null) {
                    bands.add(new ChartSpec.Band(from, xs.get(i - 1), current));
                    from = xs.get(i - 1);
                } else {
                    from = i == 0 ? 0 : xs.get(i - 1);
                }
                current = stage;
            }
        }
        if (current != null) {
            bands.add(new ChartSpec.Band(from, xs.get(xs.size() - 1), current));
        }
        return bands;
    }
}
