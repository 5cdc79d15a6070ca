package dev.herd.engine.threshold;

import dev.herd.engine.result.ThresholdResult;
import java.util.Objects;

/**
 * How one threshold fared against a run's figures, with the reason when it failed.
 *
 * <pre>{@code
 * ThresholdOutcome o = ThresholdEvaluator.evaluate(expression, figures::get);
 * if (!o.passed()) {
 *     err.println(o.expression().text() + ": " + o.note());   // latency.p99 < 50ms: latency.p99 was 62.5 ms
 * }
 * }</pre>
 *
 * @param expression the threshold
 * @param actual     the figure's value in its unit (ms for times, a fraction for rates, 1 or 0 for booleans);
 *                   NaN when the run does not have it
 * @param passed     whether the threshold held
 * @param note       why it failed, for people: the value it had, or why there was none; empty when it passed
 */
public record ThresholdOutcome(ThresholdExpression expression, double actual, boolean passed, String note) {

    public ThresholdOutcome {
        Objects.requireNonNull(expression, "expression");
        Objects.requireNonNull(note, "note");
    }

    /** The figure was missing from the run, which fails the threshold. */
    public boolean missing() {
        return Double.isNaN(actual);
    }

    /** The form summary.json and junit.xml carry. */
    public ThresholdResult toResult() {
        return new ThresholdResult(expression.text(), actual, passed);
    }
}
