package dev.herd.engine.threshold;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.Function;

/**
 * Checks thresholds against a run's figures: all of them at the end of the run, and, for those with
 * {@code abort_on_fail}, one live value at a time during it.
 *
 * <pre>{@code
 * // figures: summary.json flattened to dotted paths, booleans as 1 or 0; absent paths give OptionalDouble.empty()
 * ThresholdVerdict verdict = ThresholdEvaluator.evaluate(expressions, path -> flat.containsKey(path)
 *         ? OptionalDouble.of(flat.get(path)) : OptionalDouble.empty());
 * }</pre>
 *
 * <p>A figure's value is read as its {@link Figure.Source} says: a summary key as it is; a statistic of a histogram
 * likewise, except that a histogram whose {@code count} is 0 has no statistics (an empty histogram's zeros would
 * otherwise pass {@code latency.p99 < 50ms} on a run that delivered nothing); a {@link DerivedRate} from its
 * numerator and denominator. A figure the run does not have (or NaN) fails its threshold, with {@code actual} NaN.
 */
public final class ThresholdEvaluator {

    private static final MathContext SHOWN_DIGITS = new MathContext(6);

    /** A figure's value, or why there is none. */
    private record Reading(double value, String missingBecause) {
        static Reading of(String path, double value) {
            return Double.isNaN(value) ? missing(path + " is NaN") : new Reading(value, "");
        }

        static Reading missing(String because) {
            return new Reading(Double.NaN, because);
        }
    }

    private ThresholdEvaluator() {
    }

    /** Checks every threshold against {@code figures}, in order. */
    public static ThresholdVerdict evaluate(List<ThresholdExpression> expressions,
                                            Function<String, OptionalDouble> figures) {
        List<ThresholdOutcome> outcomes = new ArrayList<>(expressions.size());
        for (ThresholdExpression expression : expressions) {
            outcomes.add(evaluate(expression, figures));
        }
        return new ThresholdVerdict(outcomes);
    }

    /** Checks one threshold against {@code figures}. */
    public static ThresholdOutcome evaluate(ThresholdExpression expression, Function<String, OptionalDouble> figures) {
        Objects.requireNonNull(expression, "expression");
        Reading reading = read(expression.figure(), figures);
        String path = expression.path();
        if (Double.isNaN(reading.value())) {
            return new ThresholdOutcome(expression, Double.NaN, false, "missing: " + reading.missingBecause());
        }
        boolean passed = expression.holds(reading.value());
        String note = passed ? "" : path + " was " + shown(expression.figure(), reading.value(), figures);
        return new ThresholdOutcome(expression, reading.value(), passed, note);
    }

    /**
     * The value of {@code figure} in {@code figures}, computing derived rates; empty when the run does not have it.
     * The live check uses this to get the value it passes to {@link #lostForGood}.
     */
    public static OptionalDouble valueOf(Figure figure, Function<String, OptionalDouble> figures) {
        Reading reading = read(figure, figures);
        return Double.isNaN(reading.value()) ? OptionalDouble.empty() : OptionalDouble.of(reading.value());
    }

    /**
     * Whether the run should stop because {@code expression} has failed and waiting will not change that.
     *
     * <p>True only when the expression has {@code abortOnFail}, the run is at least {@code delayAbortEval} old and
     * the live value is known (not NaN). Then, for a figure that only grows during a run (counts, maxima, totals):
     * once it is above a {@code <}, {@code <=} or {@code ==} bound it can never come back, so that is lost for good;
     * below a {@code >}, {@code >=} bound, or equal to a {@code !=} one, it may still grow out of failing, so that
     * never aborts. A figure that can also fall (a percentile, a mean, a rate, a gauge) might recover, so nothing
     * is certain; for those, a failing live value after the delay counts as lost: the delay is the user's say on
     * how long a warm-up may look bad.
     *
     * @param liveValue the figure's value so far, in its unit (see {@link #valueOf}); NaN when not known yet
     * @param elapsed   how long the run has been going
     */
    public static boolean lostForGood(ThresholdExpression expression, double liveValue, Duration elapsed) {
        if (!expression.abortOnFail() || elapsed.compareTo(expression.delayAbortEval()) < 0
                || Double.isNaN(liveValue)) {
            return false;
        }
        if (!expression.figure().growsOnly()) {
            return !expression.holds(liveValue);
        }
        return switch (expression.operator()) {
            case LESS, LESS_OR_EQUAL -> !expression.holds(liveValue);
            case EQUAL -> liveValue > expression.threshold();
            case GREATER, GREATER_OR_EQUAL, NOT_EQUAL -> false;
        };
    }

    /** The first threshold among {@code expressions} that is {@linkplain #lostForGood lost for good}, if any. */
    public static Optional<ThresholdExpression> firstLostForGood(List<ThresholdExpression> expressions,
                                                                 Function<String, OptionalDouble> liveFigures,
                                                                 Duration elapsed) {
        for (ThresholdExpression expression : expressions) {
            // Cheap test first: most thresholds have no abort_on_fail, and those need no figure read.
            if (expression.abortOnFail() && lostForGood(expression,
                    valueOf(expression.figure(), liveFigures).orElse(Double.NaN), elapsed)) {
                return Optional.of(expression);
            }
        }
        return Optional.empty();
    }

    private static Reading read(Figure figure, Function<String, OptionalDouble> figures) {
        String path = figure.path();
        switch (figure.source()) {
            case DERIVED_RATE -> {
                DerivedRate rate = DerivedRate.ofPath(path).orElseThrow(
                        () -> new IllegalArgumentException("no derived rate is named " + path));
                Reading numerator = readKey(rate.numerator(), figures);
                Reading denominator = readKey(rate.denominator(), figures);
                Reading absent = Double.isNaN(numerator.value()) ? numerator : denominator;
                if (Double.isNaN(absent.value())) {
                    return Reading.missing(path + " needs " + rate.numerator() + " and " + rate.denominator()
                            + ", and " + absent.missingBecause());
                }
                return Reading.of(path, rate.of(numerator.value(), denominator.value()));
            }
            case HISTOGRAM_STATISTIC -> {
                String histogram = figure.parent();
                OptionalDouble count = figures.apply(histogram + ".count");
                if (count.isPresent() && count.getAsDouble() == 0) {
                    return Reading.missing(histogram + " has no samples in this run");
                }
                return readKey(path, figures);
            }
            default -> {
                return readKey(path, figures);
            }
        }
    }

    private static Reading readKey(String path, Function<String, OptionalDouble> figures) {
        OptionalDouble value = figures.apply(path);
        if (value.isEmpty()) {
            return Reading.missing("this run has no " + path);
        }
        return Reading.of(path, value.getAsDouble());
    }

    private static String shown(Figure figure, double value, Function<String, OptionalDouble> figures) {
        return switch (figure.kind()) {
            case TIME -> number(value) + " ms";
            case RATE -> {
                String percent = number(value * 100) + "%";
                Optional<DerivedRate> rate = DerivedRate.ofPath(figure.path());
                // The counts behind a rate tell a reader whether 50% is 1 of 2 or 5000 of 10000.
                yield rate.map(r -> percent + " (" + number(figures.apply(r.numerator()).orElse(Double.NaN)) + " of "
                        + number(figures.apply(r.denominator()).orElse(Double.NaN)) + ")").orElse(percent);
            }
            case BOOLEAN -> value == 0 ? "false" : "true";
            case COUNT, NUMBER -> number(value);
        };
    }

    private static String number(double value) {
        if (!Double.isFinite(value)) {
            return Double.toString(value);
        }
        return new BigDecimal(value).round(SHOWN_DIGITS).stripTrailingZeros().toPlainString();
    }
}
