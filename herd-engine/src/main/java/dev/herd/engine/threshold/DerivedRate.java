package dev.herd.engine.threshold;

import java.util.Optional;

/**
 * A rate that summary.json does not hold but a threshold may name: one of its counts divided by another.
 *
 * <pre>{@code
 * DerivedRate.ofPath("connections.failed_rate")
 *         .ifPresent(rate -> System.out.println(rate.numerator() + " / " + rate.denominator()));
 * }</pre>
 *
 * <p>A rate is 0 when its denominator is 0: a run that attempted no connection failed none of them. Whether such
 * a run should pass is for other thresholds to say (e.g. {@code connections.established > 0}).
 */
public enum DerivedRate {
    CONNECTIONS_FAILED("connections.failed_rate", "connections.failed", "connections.attempted"),
    MESSAGES_LOST("messages.lost_rate", "messages.lost", "messages.expected"),
    MESSAGES_DUPLICATED("messages.duplicated_rate", "messages.duplicated", "messages.expected"),
    MESSAGES_DELIVERED("messages.delivery_rate", "messages.received", "messages.expected");

    private static final DerivedRate[] VALUES = values();

    private final String path;
    private final String numerator;
    private final String denominator;

    DerivedRate(String path, String numerator, String denominator) {
        this.path = path;
        this.numerator = numerator;
        this.denominator = denominator;
    }

    /** The path a threshold names it by, e.g. {@code messages.lost_rate}. */
    public String path() {
        return path;
    }

    /** The path of the count divided. */
    public String numerator() {
        return numerator;
    }

    /** The path of the count divided by. */
    public String denominator() {
        return denominator;
    }

    /** The rate's value; 0 when the denominator is 0. */
    public double of(double numeratorValue, double denominatorValue) {
        return denominatorValue == 0 ? 0 : numeratorValue / denominatorValue;
    }

    /** The catalogue entry for this rate. Rates can fall as well as rise, so none grows only. */
    public Figure figure() {
        return new Figure(path, FigureKind.RATE, false, Figure.Source.DERIVED_RATE);
    }

    /** The derived rate named {@code path}, or empty when that path is not one. */
    public static Optional<DerivedRate> ofPath(String path) {
        for (DerivedRate rate : VALUES) {
            if (rate.path.equals(path)) {
                return Optional.of(rate);
            }
        }
        return Optional.empty();
    }
}
