package dev.herd.engine.threshold;

import java.time.Duration;
import java.util.Objects;

/**
 * One parsed threshold: a figure of the run, an operator and a value in the figure's own unit, plus the options
 * that decide whether failing it during the run stops the run.
 *
 * <pre>{@code
 * ThresholdExpression p99 = ThresholdParser.parse("latency.p99 < 50ms")
 *         .withAbortOnFail(true)
 *         .withDelayAbortEval(Duration.ofSeconds(10));
 * p99.holds(12.3);   // true: 12.3 ms < 50 ms
 * }</pre>
 *
 * @param text           the expression as the user wrote it (surrounding whitespace stripped); what reports show
 * @param figure         the figure it is about
 * @param operator       how the figure is compared with {@code threshold}
 * @param threshold      the value, normalised to the figure's unit: milliseconds for a time ({@code 2s} is 2000),
 *                       a fraction for a rate ({@code 0.1%} is 0.001), 1 or 0 for {@code true} or {@code false}
 * @param abortOnFail    stop the run once this threshold is failing for good (see
 *                       {@link ThresholdEvaluator#lostForGood})
 * @param delayAbortEval how long into the run before {@code abortOnFail} may act; zero by default
 */
public record ThresholdExpression(String text, Figure figure, ComparisonOperator operator, double threshold,
                                  boolean abortOnFail, Duration delayAbortEval) {

    public ThresholdExpression {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(figure, "figure");
        Objects.requireNonNull(operator, "operator");
        Objects.requireNonNull(delayAbortEval, "delayAbortEval");
        if (!Double.isFinite(threshold)) {
            throw new IllegalArgumentException("threshold '" + text + "': value must be finite, was " + threshold);
        }
        if (delayAbortEval.isNegative()) {
            throw new IllegalArgumentException("threshold '" + text + "': delay_abort_eval must not be negative, was "
                    + delayAbortEval);
        }
    }

    /** The figure's dotted path in summary.json, e.g. {@code latency.p99}. */
    public String path() {
        return figure.path();
    }

    /**
     * Whether {@code actual}, in the figure's unit, meets this threshold. A missing figure (NaN) meets none, not even
     * one written with {@code !=}.
     */
    public boolean holds(double actual) {
        return !Double.isNaN(actual) && operator.test(actual, threshold);
    }

    /** A copy that stops the run when this threshold is lost for good, or not. */
    public ThresholdExpression withAbortOnFail(boolean abort) {
        return new ThresholdExpression(text, figure, operator, threshold, abort, delayAbortEval);
    }

    /** A copy whose abort on fail waits until the run is {@code delay} old. */
    public ThresholdExpression withDelayAbortEval(Duration delay) {
        return new ThresholdExpression(text, figure, operator, threshold, abortOnFail, delay);
    }
}
