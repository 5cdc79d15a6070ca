package dev.herd.engine.threshold;

import java.util.Optional;

/**
 * The comparison of a threshold, between the run's figure (left) and the threshold value (right).
 *
 * <pre>{@code
 * ComparisonOperator op = ComparisonOperator.ofSymbol("<=").orElseThrow();
 * boolean held = op.test(actual, threshold);
 * }</pre>
 */
public enum ComparisonOperator {
    LESS("<"),
    LESS_OR_EQUAL("<="),
    GREATER(">"),
    GREATER_OR_EQUAL(">="),
    EQUAL("=="),
    NOT_EQUAL("!=");

    private static final ComparisonOperator[] VALUES = values();

    private final String symbol;

    ComparisonOperator(String symbol) {
        this.symbol = symbol;
    }

    /** How the operator is written in an expression, e.g. {@code <=}. */
    public String symbol() {
        return symbol;
    }

    /** Whether {@code actual <op> threshold} holds. Plain IEEE comparison: callers deal with NaN first. */
    public boolean test(double actual, double threshold) {
        return switch (this) {
            case LESS -> actual < threshold;
            case LESS_OR_EQUAL -> actual <= threshold;
            case GREATER -> actual > threshold;
            case GREATER_OR_EQUAL -> actual >= threshold;
            case EQUAL -> actual == threshold;
            case NOT_EQUAL -> actual != threshold;
        };
    }

    /** The operator written as {@code symbol}, or empty when there is none. */
    public static Optional<ComparisonOperator> ofSymbol(String symbol) {
        for (ComparisonOperator op : VALUES) {
            if (op.symbol.equals(symbol)) {
                return Optional.of(op);
            }
        }
        return Optional.empty();
    }
}
