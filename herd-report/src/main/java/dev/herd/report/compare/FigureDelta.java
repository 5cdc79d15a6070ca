package dev.herd.report.compare;

/**
 * One figure in two runs.
 *
 * @param group where it belongs (latency, connect phases, messages, …)
 * @param path its summary.json path ({@code latency.p99}), or a name for a derived figure
 * @param label how the page and console name it
 * @param unit {@code ms}, {@code /s}, {@code %}, {@code bytes} or empty
 * @param base the figure in the base run, NaN when absent
 * @param next the figure in the new run, NaN when absent
 * @param direction which way is better
 */
public record FigureDelta(String group, String path, String label, String unit, double base, double next,
                          Direction direction) {

    /** Changes smaller than this (in percent of the base) are noise: neither better nor worse. */
    public static final double NOISE_PERCENT = 1.0;

    /** How the new run compares on this figure. */
    public enum Outcome {
        BETTER, WORSE, SAME, CHANGED, ONLY_BASE, ONLY_NEW
    }

    public double delta() {
        return next - base;
    }

    /** The change in percent of the base; ±infinity from 0 to something, NaN when either is absent. */
    public double deltaPercent() {
        if (Double.isNaN(base) || Double.isNaN(next)) {
            return Double.NaN;
        }
        if (base == 0) {
            return next == 0 ? 0 : next > 0 ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
        }
        return 100.0 * (next - base) / Math.abs(base);
    }

    public Outcome outcome() {
        if (Double.isNaN(next) && Double.isNaN(base)) {
            return Outcome.SAME;
        }
        if (Double.isNaN(next)) {
            return Outcome.ONLY_BASE;
        }
        if (Double.isNaN(base)) {
            return Outcome.ONLY_NEW;
        }
        double pct = deltaPercent();
        if (next == base || Math.abs(pct) < NOISE_PERCENT) {
            return Outcome.SAME;
        }
        return switch (direction) {
            case LOWER_IS_BETTER -> next < base ? Outcome.BETTER : Outcome.WORSE;
            case HIGHER_IS_BETTER -> next > base ? Outcome.BETTER : Outcome.WORSE;
            case NEUTRAL -> Outcome.CHANGED;
        };
    }
}
