package dev.herd.report.html.chart;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.List;

/**
 * One chart as the page's script draws it with uPlot: an x array, series of y arrays (null = no value), the y
 * scales they use, and for time charts the run's stages as shaded bands. Serialised into the page's data.
 *
 * <pre>{@code
 * ChartSpec chart = ChartSpec.of("latency-time", ChartSpec.Kind.TIME, "Latency per second", "time (s)")
 *         .x(seconds)
 *         .scale(new ChartSpec.Scale("ms", "latency (ms)", false, "left", true))
 *         .series(new ChartSpec.Series("p99", "ms", Palette.color(2), null, "line", p99));
 * }</pre>
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public final class ChartSpec {

    /** How the x axis reads. */
    public enum Kind {
        /** Seconds since the run's start; stages shaded. */
        TIME,
        /** "1 in N" on a log axis, labelled as percentiles (see {@link PercentileCurve}). */
        PERCENTILE,
        /** Any numeric x (connections, subscribers, milliseconds). */
        XY,
        /** x is an index into {@link #categories()}. */
        CATEGORY
    }

    /**
     * A y axis.
     *
     * @param id what series name in {@link Series#scale()}
     * @param label the axis title, with its unit
     * @param log logarithmic (base 10)
     * @param side {@code left} or {@code right}
     * @param fromZero the range starts at 0 (counts, rates); otherwise it fits the data
     */
    public record Scale(String id, String label, boolean log, String side, boolean fromZero) {
    }

    /**
     * One line (or set of bars).
     *
     * @param label legend text
     * @param scale the id of its {@link Scale}
     * @param color CSS colour
     * @param dash dash pattern in pixels, or null for a solid line
     * @param style {@code line}, {@code step}, {@code bars} or {@code points}
     * @param data y values, one per x, null where there is none
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Series(String label, String scale, String color, List<Integer> dash, String style,
                         List<Double> data) {
    }

    /** A stretch of the x axis with a name: a stage of the run. */
    public record Band(double from, double to, String label) {
    }

    private final String id;
    private final Kind kind;
    private final String title;
    private final String xLabel;
    private String description;
    private boolean xLog;
    private int height = 300;
    private List<Double> x = new ArrayList<>();
    private final List<Series> series = new ArrayList<>();
    private final List<Scale> scales = new ArrayList<>();
    private List<String> categories;
    private List<Band> bands;

    private ChartSpec(String id, Kind kind, String title, String xLabel) {
        this.id = id;
        this.kind = kind;
        this.title = title;
        this.xLabel = xLabel;
    }

    public static ChartSpec of(String id, Kind kind, String title, String xLabel) {
        return new ChartSpec(id, kind, title, xLabel);
    }

    public ChartSpec x(List<Double> values) {
        this.x = new ArrayList<>(values);
        return this;
    }

    public ChartSpec series(Series s) {
        series.add(s);
        return this;
    }

    public ChartSpec scale(Scale s) {
        scales.add(s);
        return this;
    }

    public ChartSpec categories(List<String> names) {
        this.categories = List.copyOf(names);
        return this;
    }

    public ChartSpec bands(List<Band> stageBands) {
        this.bands = stageBands.isEmpty() ? null : List.copyOf(stageBands);
        return this;
    }

    /** A sentence for screen readers: what the chart shows. */
    public ChartSpec description(String text) {
        this.description = text;
        return this;
    }

    public ChartSpec xLog(boolean log) {
        this.xLog = log;
        return this;
    }

    public ChartSpec height(int pixels) {
        this.height = pixels;
        return this;
    }

    /** True when some series has a value to draw. */
    public boolean hasData() {
        return !x.isEmpty() && series.stream().anyMatch(s -> s.data().stream().anyMatch(v -> v != null));
    }

    public String getId() {
        return id;
    }

    public Kind getKind() {
        return kind;
    }

    public String getTitle() {
        return title;
    }

    @JsonProperty("xLabel")
    public String getXLabel() {
        return xLabel;
    }

    public String getDescription() {
        return description;
    }

    @JsonProperty("xLog")
    public boolean isXLog() {
        return xLog;
    }

    public int getHeight() {
        return height;
    }

    public List<Double> getX() {
        return x;
    }

    public List<Series> getSeries() {
        return series;
    }

    public List<Scale> getScales() {
        return scales;
    }

    public List<String> getCategories() {
        return categories;
    }

    public List<Band> getBands() {
        return bands;
    }
}
