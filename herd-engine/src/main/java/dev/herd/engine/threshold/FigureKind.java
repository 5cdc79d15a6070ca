package dev.herd.engine.threshold;

/**
 * What a figure of summary.json measures, which decides the units and literals a threshold may compare it with.
 *
 * <pre>{@code
 * if (figure.kind() == FigureKind.TIME) {
 *     thresholdMs = value * unitMillis;   // "50ms", "2s", "500us" all end up in milliseconds
 * }
 * }</pre>
 */
public enum FigureKind {
    /** A duration in milliseconds; takes the units {@code us}, {@code ms}, {@code s}, {@code m}, {@code h}. */
    TIME("a time"),
    /** A fraction, 0 to 1; takes {@code %} ({@code 0.1%} is 0.001). */
    RATE("a rate"),
    /** A number of things (connections, messages, bytes); takes no unit. */
    COUNT("a count"),
    /** Any other number, in the unit its name says (per second, a ratio, a percentage); takes no unit. */
    NUMBER("a number"),
    /** True or false, compared as 1 or 0 with the literals {@code true} and {@code false}. */
    BOOLEAN("a boolean");

    private final String description;

    FigureKind(String description) {
        this.description = description;
    }

    /** The kind with its article, as error messages say it: "a time", "a count". */
    public String description() {
        return description;
    }
}
