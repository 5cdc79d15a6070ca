package dev.herd.engine.threshold;

import java.util.Objects;

/**
 * One figure a threshold can name: its dotted path in summary.json, its kind, whether it only grows during a run,
 * and where its value comes from.
 *
 * <pre>{@code
 * Figure failed = Figure.growing("connections.failed", FigureKind.COUNT);
 * Figure growth = Figure.of("fanout.p99_growth", FigureKind.NUMBER);
 * }</pre>
 *
 * @param path      dotted path into summary.json, e.g. {@code connect.tcp.p95}
 * @param kind      what it measures, which decides the units a threshold may use on it
 * @param growsOnly true when its value during a run never goes down (counts, maxima), so a bound it has
 *                  crossed from below stays crossed; this is what makes early abort safe
 * @param source    how its value is read from a run's figures
 */
public record Figure(String path, FigureKind kind, boolean growsOnly, Source source) {

    /** Where a figure's value comes from. */
    public enum Source {
        /** A key of summary.json, read as it is. */
        SUMMARY_KEY,
        /** A statistic of a histogram object; missing when the histogram has no samples. */
        HISTOGRAM_STATISTIC,
        /** A ratio of two other figures, computed by the evaluator (see {@link DerivedRate}). */
        DERIVED_RATE
    }

    public Figure {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(source, "source");
        if (!FigurePath.isWellFormed(path)) {
            throw new IllegalArgumentException("not a dotted figure path: '" + path + "'");
        }
    }

    /** A key of summary.json whose value may go up and down during a run (a gauge, a mean, a ratio). */
    public static Figure of(String path, FigureKind kind) {
        return new Figure(path, kind, false, Source.SUMMARY_KEY);
    }

    /** A key of summary.json whose value only grows during a run (a count, a maximum, a total). */
    public static Figure growing(String path, FigureKind kind) {
        return new Figure(path, kind, true, Source.SUMMARY_KEY);
    }

    /** The section part of the path: {@code connect.tcp} for {@code connect.tcp.p95}, empty for a top-level key. */
    public String parent() {
        int dot = path.lastIndexOf('.');
        return dot < 0 ? "" : path.substring(0, dot);
    }
}
