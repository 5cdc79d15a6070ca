package dev.herd.report.html.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The percentile plot's data: x = 1 / (1 − p), y = the histogram's value at p in ms, ending at "1 in n". */
class PercentileCurveTest {

    /** 1, 2, … 1000 ms, each once (in µs, as herd records). */
    private static Histogram oneToThousandMs() {
        Histogram h = new Histogram(3600L * 1_000_000, 3);
        for (int ms = 1; ms <= 1000; ms++) {
            h.recordValue(ms * 1000L);
        }
        return h;
    }

    @ParameterizedTest(name = "p{0} is \"1 in {1}\" at about {2} ms")
    @CsvSource({
        "0,    1,   1",
        "50,   2,   500",
        "75,   4,   750",
        "90,   10,  900",
        "99,   100, 990",
        "99.5, 200, 995",
    })
    void pointsOfAKnownHistogram(double percentile, double x, double approxMs) {
        Histogram h = oneToThousandMs();
        PercentileCurve.Point point = PercentileCurve.ofMicros(h).at(percentile);
        assertThat(point).as("p" + percentile).isNotNull();
        assertThat(point.x()).isCloseTo(x, within(1e-9));
        // exactly what HdrHistogram says, in ms; and that is the value within its 3-digit precision
        assertThat(point.valueMs()).isEqualTo(h.getValueAtPercentile(percentile) / 1000.0);
        assertThat(point.valueMs()).isCloseTo(approxMs, within(approxMs * 0.001 + 0.001));
    }

    @Test
    void curveEndsOnTheMaximumAtOneInCount() {
        Histogram h = oneToThousandMs();
        List<PercentileCurve.Point> points = PercentileCurve.ofMicros(h).points();
        PercentileCurve.Point last = points.get(points.size() - 1);
        assertThat(last.x()).isEqualTo(1000.0);
        assertThat(last.valueMs()).isEqualTo(h.getMaxValue() / 1000.0);
        assertThat(last.percentile()).isEqualTo(99.9);
        // nothing rarer than 1 in n: every other point lies left of the end, x rising, values never falling
        for (int i = 1; i < points.size(); i++) {
            assertThat(points.get(i).x()).isGreaterThan(points.get(i - 1).x());
            assertThat(points.get(i).valueMs()).isGreaterThanOrEqualTo(points.get(i - 1).valueMs());
        }
    }

    @Test
    void aTailOfOneInAHundred() {
        Histogram h = new Histogram(3600L * 1_000_000, 3);
        h.recordValueWithCount(1000, 99); // 99 × 1 ms
        h.recordValue(100_000); // 1 × 100 ms
        PercentileCurve curve = PercentileCurve.ofMicros(h);
        assertThat(curve.at(50).valueMs()).isEqualTo(1.0);
        assertThat(curve.at(90).valueMs()).isEqualTo(1.0);
        PercentileCurve.Point end = curve.points().get(curve.points().size() - 1);
        assertThat(end.x()).isEqualTo(100.0);
        assertThat(end.valueMs()).isEqualTo(h.getMaxValue() / 1000.0).isCloseTo(100.0, within(0.1));
        // "1 in 100" of 100 values is the worst one: the end point, not the grid's p99 (the 99th value, 1 ms)
        assertThat(curve.at(99)).isEqualTo(end);
        assertThat(curve.points()).filteredOn(p -> p.x() == 100.0).hasSize(1);
    }

    @Test
    void emptyHistogramHasNoCurveAndOneValueHasOnePoint() {
        assertThat(PercentileCurve.ofMicros(new Histogram(3)).isEmpty()).isTrue();
        Histogram one = new Histogram(3);
        one.recordValue(2500);
        assertThat(PercentileCurve.ofMicros(one).points())
                .containsExactly(new PercentileCurve.Point(0, 1, one.getMaxValue() / 1000.0));
    }

    @Test
    void gridRunsFromP0ToP99999WithTheDecadesExact() {
        List<Double> grid = PercentileCurve.GRID;
        assertThat(grid.get(0)).isEqualTo(0.0);
        assertThat(grid.get(grid.size() - 1)).isEqualTo(99.999);
        assertThat(grid).contains(25.0, 50.0, 75.0, 90.0, 95.0, 99.0, 99.5, 99.9, 99.95, 99.99, 99.999).isSorted();
        assertThat(PercentileCurve.xOf(99.9)).isCloseTo(1000.0, within(1e-6));
        assertThat(PercentileCurve.xOf(99.999)).isCloseTo(100_000.0, within(1e-3));
    }

    @Test
    void fromSummaryFiguresAlone() {
        PercentileCurve c = PercentileCurve.ofFigures(List.of(new double[] {0, 0.5}, new double[] {50, 1.0},
                new double[] {99, 4.0}, new double[] {99.9, 9.0}), 10.0, 500);
        assertThat(c.points()).extracting(PercentileCurve.Point::x).containsExactly(1.0, 2.0, 100.0, 500.0);
        assertThat(c.points()).extracting(PercentileCurve.Point::valueMs).containsExactly(0.5, 1.0, 4.0, 10.0);
    }

    @Test
    void chartMergesTheCurvesXValues() {
        Histogram small = new Histogram(3);
        small.recordValueWithCount(1000, 10);
        ChartSpec chart = new PercentileChart("c", "t")
                .curve("all", PercentileCurve.ofMicros(oneToThousandMs()))
                .curve("ten", PercentileCurve.ofMicros(small))
                .build();
        assertThat(chart.getX()).isSorted().contains(1.0, 2.0, 10.0, 1000.0);
        int atTen = chart.getX().indexOf(10.0);
        int atThousand = chart.getX().indexOf(1000.0);
        assertThat(chart.getSeries().get(1).data().get(atTen)).as("'ten' ends at x = 10 on its max").isEqualTo(1.0);
        assertThat(chart.getSeries().get(1).data().get(atThousand)).isNull();
        assertThat(chart.getSeries().get(0).data().get(atThousand)).isNotNull();
    }
}
