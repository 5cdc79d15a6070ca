package dev.herd.report.html.chart;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.HdrHistogram.Histogram;

/**
 * A histogram's percentile distribution as HdrHistogram's own plotter draws it: latency (y, ms) against
 * "1 in N" (x = 1 / (1 − p)), so that p50 sits at x = 2, p90 at 10, p99 at 100, p99.9 at 1000, and the tail
 * gets as much room as the body on a log-scaled x axis.
 *
 * <p>The percentiles form a fixed grid (20 steps a decade of x, from p0 to p99.999, plus p25/p50/p75/p95/p99.5/p99.95),
 * so curves of different runs and metrics line up. A histogram of {@code n} values says nothing finer than
 * "1 in n", so its curve stops at x = n, where it ends on its maximum.
 *
 * <pre>{@code
 * PercentileCurve curve = PercentileCurve.ofMicros(totals.get("latency"));
 * curve.points(); // [(p0, x 1, min ms), …, (p50, x 2, median ms), …, (x n, max ms)]
 * }</pre>
 */
public final class PercentileCurve {

    /** One point of the curve. */
    public record Point(double percentile, double x, double valueMs) {
    }

    /** The grid's percentiles, ascending, from 0 to 99.999. */
    public static final List<Double> GRID = grid();

    private final List<Point> points;

    private PercentileCurve(List<Point> points) {
        this.points = List.copyOf(points);
    }

    /** The curve of a histogram of microseconds; empty for an empty histogram. */
    public static PercentileCurve ofMicros(Histogram micros) {
        long n = micros.getTotalCount();
        List<Point> points = new ArrayList<>();
        if (n == 0) {
            return new PercentileCurve(points);
        }
        for (double p : GRID) {
            double x = xOf(p);
            if (x >= n) {
                break;
            }
            points.add(new Point(p, x, micros.getValueAtPercentile(p) / 1000.0));
        }
        // The worst of n values: the maximum, at "1 in n".
        points.add(new Point(100.0 - 100.0 / n, n, micros.getMaxValue() / 1000.0));
        return new PercentileCurve(points);
    }

    /**
     * A coarse curve from a summary's percentiles alone (no interval log): the given percentile → ms pairs,
     * ascending, with max (if known) at "1 in count".
     */
    public static PercentileCurve ofFigures(List<double[]> percentileAndMs, double maxMs, long count) {
        List<Point> points = new ArrayList<>();
        for (double[] pm : percentileAndMs) {
            double x = xOf(pm[0]);
            if (count > 0 && x >= count) {
                continue;
            }
            points.add(new Point(pm[0], x, pm[1]));
        }
        if (count > 1 && !Double.isNaN(maxMs)) {
            points.add(new Point(100.0 - 100.0 / count, count, maxMs));
        }
        points.sort((a, b) -> Double.compare(a.x(), b.x()));
        return new PercentileCurve(points);
    }

    /** x = 1 / (1 − p/100): how rare a value at percentile p is ("1 in x"). */
    public static double xOf(double percentile) {
        return 100.0 / (100.0 - percentile);
    }

    public List<Point> points() {
        return points;
    }

    public boolean isEmpty() {
        return points.isEmpty();
    }

    /** The point at a percentile of the grid, or null. */
    public Point at(double percentile) {
        for (Point p : points) {
            if (p.percentile() == percentile) {
                return p;
            }
        }
        return null;
    }

    private static List<Double> grid() {
        TreeSet<Double> ps = new TreeSet<>();
        for (int k = 0; k <= 100; k++) {
            double x = Math.pow(10, k / 20.0);
            // Rounded so that the decades are the literals 90, 99, 99.9, … (and compare equal to them).
            ps.add(Math.round((100.0 - 100.0 / x) * 1e6) / 1e6);
        }
        for (double named : new double[] {25, 50, 75, 95, 99.5, 99.95}) {
            ps.add(named);
        }
        return List.copyOf(ps);
    }
}
